package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/mutability"
)

// A release tag must not be re-pointed by the destroy-then-create path (a renamed resource, a
// for_each key change, a move into a module, -replace) when the update path would refuse the
// same move. So every create reads the tag at plan and at apply, and destroy leaves an
// immutable tag where it is: deleting it is the one way to re-point an immutable tag.

// tagTaken says whether a create may put tag on want while ECR has it on other: never where
// the tag is immutable, and only with allow_move where it is mutable.
func tagTaken(repository *ecrapi.Repository, tag, other, want string, allowMove bool) (string, bool) {
	id := repository.Name + ":" + tag
	adopt := fmt.Sprintf("To manage the existing tag, import it (import ID %q) with digest = %q; or choose another "+
		"tag, such as the next version.", id, other)
	if mutability.TagImmutable(repository.TagMutability, repository.ExclusionFilters, tag) {
		return fmt.Sprintf("Tag %s is already on %s, and it is immutable in %s (%s): it cannot be moved to %s. %s",
			tag, other, repository.Name, repository.TagMutability, want, adopt), true
	}
	if !allowMove {
		return fmt.Sprintf("Tag %s is already on %s. Moving a tag changes what every consumer of %s pulls; set "+
			"allow_move = true to move it to %s on purpose. %s",
			tag, other, id, want, adopt), true
	}
	return "", false
}

// keepsTag says whether destroy leaves the tag in ECR: an immutable tag stays unless
// delete_tag_on_destroy.
func keepsTag(repository *ecrapi.Repository, m imageTagModel) bool {
	return !m.DeleteTagOnDestroy.ValueBool() &&
		mutability.TagImmutable(repository.TagMutability, repository.ExclusionFilters, m.Tag.ValueString())
}

func keptTagDetail(repository *ecrapi.Repository, m imageTagModel) string {
	return fmt.Sprintf("Tag %s is immutable in %s (%s), so destroy leaves it on %s: a release tag records what ran, "+
		"and removing it "+
		"is how an immutable tag would be re-pointed. Set delete_tag_on_destroy = true and apply before destroying to "+
		"remove it.",
		m.Tag.ValueString(), repository.Name, repository.TagMutability, m.Digest.ValueString())
}

// planCreate refuses at plan, on the attribute to fix, what the create would refuse at apply
// after other resources have changed: a repository that does not exist, and a tag already on
// other bits. (planGuards checks that the digest is in its repository.) A lookup that fails
// for another reason is left to apply.
func (r *imageTagResource) planCreate(
	ctx context.Context, plan imageTagModel, repository *ecrapi.Repository, repoErr error, diags *diag.Diagnostics,
) {
	if r.client == nil {
		return
	}
	repo, tag, want := plan.Repository.ValueString(), plan.Tag.ValueString(), plan.Digest.ValueString()
	summary := "promoting " + want + " to " + imageTagLabel + " (" + repo + ":" + tag + ")"
	switch {
	case ecrapi.IsNotFound(repoErr, ecrapi.KindRepository):
		diags.AddAttributeError(path.Root("repository"), summary, repositoryMissing(repo))
		return
	case repoErr != nil || repository == nil:
		return
	}
	current, err := r.client.FindImage(ctx, repo, ecrapi.ImageID{Tag: tag})
	if err != nil || current.Digest == want {
		return
	}
	if msg, blocked := tagTaken(repository, tag, current.Digest, want, plan.AllowMove.ValueBool()); blocked {
		diags.AddAttributeError(path.Root("tag"), summary, msg)
	}
}

func repositoryMissing(repo string) string {
	return "The repository " + repo + " does not exist. Create it first, for example with ecrgov_repository, and " +
		"push the image to it: a new repository holds no images to promote."
}

// warnKept tells the plan that destroying m leaves its tag in ECR.
func (r *imageTagResource) warnKept(ctx context.Context, m imageTagModel, diags *diag.Diagnostics) {
	if r.client == nil || m.DeleteTagOnDestroy.ValueBool() {
		return
	}
	repository, err := r.client.FindRepositoryByName(ctx, m.Repository.ValueString())
	if err != nil || !keepsTag(repository, m) {
		return
	}
	diags.AddWarning("destroy keeps "+imageTagLabel+" ("+m.Repository.ValueString()+":"+m.Tag.ValueString()+")", keptTagDetail(repository, m))
}
