package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/mutability"
)

// ModifyPlan makes a release tag move only on purpose. A changed digest is a move: it needs
// allow_move and a mutable tag, and fails at plan otherwise, before anything changes. A create
// reads the tag too (planCreate): a rename, a for_each key change or -replace must not move what
// an update could not. A tag moved outside Terraform is moved back in place, and the plan says
// what becomes of the image it was moved to. A destroy that keeps an immutable tag says so. The
// plan also knows id, current_digest and image_uri. It reads the repository
// (DescribeRepositories), the tag and the digest (DescribeImages); never a manifest.
func (r *imageTagResource) ModifyPlan(
	ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
) {
	if req.Plan.Raw.IsNull() {
		var state imageTagModel
		if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); !resp.Diagnostics.HasError() {
			r.warnKept(ctx, state, &resp.Diagnostics)
		}
		return
	}
	var plan imageTagModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.Digest.IsUnknown() || plan.Repository.IsUnknown() || plan.Tag.IsUnknown() {
		return
	}
	repo, tag, desired := plan.Repository.ValueString(), plan.Tag.ValueString(), plan.Digest.ValueString()
	plan.ID = types.StringValue(repo + ":" + tag)
	plan.CurrentDigest = types.StringValue(desired)

	var state imageTagModel
	creating := req.State.Raw.IsNull()
	if !creating {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if resp.Diagnostics.HasError() {
			return
		}
		creating = !state.Repository.Equal(plan.Repository) || !state.Tag.Equal(plan.Tag) // a replacement
		if creating {
			r.warnKept(ctx, state, &resp.Diagnostics) // the old tag is destroyed, or kept
		}
	}

	var repository *ecrapi.Repository
	var repoErr error
	looked := false
	lookup := func() *ecrapi.Repository {
		if !looked && r.client != nil {
			looked = true
			repository, repoErr = r.client.FindRepositoryByName(ctx, repo)
		}
		return repository
	}
	switch {
	case !creating && strings.Contains(state.ImageURI.ValueString(), "@"):
		repoURL, _, _ := strings.Cut(state.ImageURI.ValueString(), "@")
		plan.ImageURI = types.StringValue(imageref.DigestURI(repoURL, desired))
	case lookup() != nil:
		plan.ImageURI = types.StringValue(imageref.DigestURI(repository.URI, desired))
	}
	if creating {
		if r.planCreate(ctx, plan, lookup(), repoErr, &resp.Diagnostics); resp.Diagnostics.HasError() {
			return
		}
	}
	if creating || state.Digest.ValueString() != desired {
		r.planGuards(ctx, plan, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	if creating {
		plan.DigestStatus = types.StringValue(ecrapi.ImageStatusActive) // a put needs an active image
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	planArchived(state, &plan, &resp.Diagnostics)

	live := state.CurrentDigest.ValueString()
	if state.CurrentDigest.IsNull() {
		live = state.Digest.ValueString()
	}
	digestChanged := state.Digest.ValueString() != desired
	if live == desired {
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	plan.ManifestMediaType = types.StringUnknown() // the bits it moves to may be an index or a manifest
	plan.DigestStatus = types.StringValue(ecrapi.ImageStatusActive)
	id := repo + ":" + tag
	if digestChanged && !plan.AllowMove.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("digest"), "moving "+imageTagLabel+" ("+id+")",
			fmt.Sprintf("Changing digest moves tag %s from %s to %s: every consumer of %s would pull other bits. "+
				"Set allow_move = true to move it on purpose (only where the tag is mutable), or promote %s to a new tag.", tag, live, desired, id, desired))
		return
	}
	if rp := lookup(); rp != nil && mutability.TagImmutable(rp.TagMutability, rp.ExclusionFilters, tag) {
		detail := fmt.Sprintf("Tags in %s are immutable (%s): %s stays on %s and cannot be moved to %s. Promote %s to "+
			"a new tag instead.",
			repo, rp.TagMutability, tag, live, desired, desired)
		if !digestChanged {
			detail = fmt.Sprintf("%s was moved outside Terraform to %s while its tags were mutable; now that they are %s, "+
				"ECR refuses to move it back to %s. "+
				"Set digest = %q to accept the image it is on, or make the tag mutable first.", tag, live, rp.TagMutability, desired, live)
		}
		resp.Diagnostics.AddAttributeError(path.Root("digest"), "moving "+imageTagLabel+" ("+id+")", detail)
		return
	}
	if !digestChanged {
		resp.Diagnostics.AddWarning(imageTagLabel+" ("+id+") was moved outside Terraform",
			fmt.Sprintf("%s is on %s, not on %s. Apply moves it back to %s with one PutImage; nothing is deleted. %s",
				tag, live, desired, desired, r.afterMoveBack(ctx, repo, tag, live)))
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// afterMoveBack says what becomes of the image a tag is moved away from.
func (r *imageTagResource) afterMoveBack(ctx context.Context, repo, tag, digest string) string {
	if r.client == nil {
		return ""
	}
	img, err := r.client.FindImage(ctx, repo, ecrapi.ImageID{Digest: digest})
	if err != nil {
		return ""
	}
	others := slices.DeleteFunc(slices.Clone(img.Tags), func(t string) bool { return t == tag })
	if len(others) == 0 {
		return fmt.Sprintf("%s then has no tag: ECR keeps it, but a lifecycle rule for untagged images may expire it.", digest)
	}
	return fmt.Sprintf("%s keeps its other tags (%s).", digest, strings.Join(others, ", "))
}

// planArchived: Read records the status of the image the tag is on. Once it is archived, every
// pull of the tag answers 404, so the plan says so; with restore_archived it plans the update
// that restores it (digest_status becomes ACTIVE).
func planArchived(state imageTagModel, plan *imageTagModel, diags *diag.Diagnostics) {
	plan.DigestStatus = state.DigestStatus
	status := state.DigestStatus.ValueString()
	if state.DigestStatus.IsNull() || state.DigestStatus.IsUnknown() || status == ecrapi.ImageStatusActive {
		return
	}
	id := plan.Repository.ValueString() + ":" + plan.Tag.ValueString()
	digest := state.CurrentDigest.ValueString()
	if state.CurrentDigest.IsNull() {
		digest = state.Digest.ValueString()
	}
	if status == ecrapi.ImageStatusArchived && plan.RestoreArchived.ValueBool() {
		plan.DigestStatus = types.StringValue(ecrapi.ImageStatusActive)
		diags.AddAttributeWarning(path.Root("digest"), "apply restores the archived image of "+imageTagLabel+" ("+id+")", fmt.Sprintf(
			"%s, which %s is on, is ARCHIVED. Apply restores it (UpdateImageStorageClass to STANDARD) and waits until it "+
				"is ACTIVE.", digest, id))
		return
	}
	advice := "Set restore_archived = true to restore it with the next apply, or promote an ACTIVE digest."
	if status != ecrapi.ImageStatusArchived {
		advice = "A restore is under way; pulls work again when it is ACTIVE."
	}
	diags.AddAttributeWarning(path.Root("digest"), imageTagLabel+" ("+id+") cannot be pulled", fmt.Sprintf(
		"%s, which %s is on, is %s: every pull of %s answers 404. %s", digest, id, status, id, advice))
}
