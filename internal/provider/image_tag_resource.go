package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
)

var (
	_ resource.ResourceWithImportState = &imageTagResource{}
	_ resource.ResourceWithModifyPlan  = &imageTagResource{}
	_ resource.ResourceWithIdentity    = &imageTagResource{}
)

func newImageTagResource() resource.Resource { return &imageTagResource{} }

// imageTagResource promotes an exact digest to a tag: the bits that were tested get the
// release tag and nothing is rebuilt.
type imageTagResource struct {
	client *ecrapi.Client
}

func (r *imageTagResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_image_tag"
}

func (r *imageTagResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Promotes an exact digest to a tag (`v1.4.2`, `prod`): the manifest of `digest` is put " +
			"again, byte for byte, under `tag`, so the tested bits are released and nothing is rebuilt. Works for " +
			"single-platform images and multi-arch indexes.\n\nChanging `digest` moves the tag in place, with one " +
			"PutImage, and only with `allow_move = true` in a repository where the tag is mutable; otherwise the plan " +
			"fails and names the tag, both digests and `allow_move`. A tag moved outside Terraform is moved back in " +
			"place, and the plan says what becomes of the image it was moved to.\n\nCreating the resource checks at plan " +
			"where the tag is: a tag already on other bits is refused on `tag` in a repository where it is immutable, and " +
			"without `allow_move` where it is mutable; import the existing tag to manage it, or choose another tag. The " +
			"plan also refuses a repository that does not exist and a digest that is not in it.\n\nDestroy removes only " +
			"this tag (BatchDeleteImage by tag), and **keeps a tag that is immutable** in its repository unless " +
			"`delete_tag_on_destroy = true`: a release tag records what ran, and removing it is the only way to re-point " +
			"an immutable tag. **ECR deletes an image when its last tag is removed**, so destroying the last tag of an " +
			"image fails unless `allow_untag_last = true`.\n\nReads: the plan reads the repository and the tag with " +
			"DescribeRepositories and DescribeImages; only create and a move read the manifest (BatchGetImage, which ECR " +
			"records as a pull of `digest`).\n\n**Provenance guards.** An archived digest answers pulls with 404, so " +
			"promoting one is refused unless `restore_archived = true`, which restores it first. `require_signed` and " +
			"`require_referrer_types` refuse a digest that is not signed by every covering profile or lacks an SBOM or " +
			"attestation. They are checked at plan (DescribeImages, and GetSigningConfiguration, " +
			"DescribeImageSigningStatus and ListImageReferrers when set; none is a pull) and again at apply.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("`repository:tag`."),
			"repository": schema.StringAttribute{
				Required: true, MarkdownDescription: "Repository that gets the tag.",
				Validators: []validator.String{checkString("repository name", imageref.CheckRepositoryName)}, PlanModifiers: replace,
			},
			"tag": schema.StringAttribute{
				Required: true, MarkdownDescription: "The tag to put on the digest. Changing it replaces the resource.",
				Validators: []validator.String{checkString("tag", imageref.CheckTag)}, PlanModifiers: replace,
			},
			"digest": schema.StringAttribute{
				Required: true, MarkdownDescription: "The digest to promote (`sha256:` and 64 lowercase hex digits). " +
					"Changing it moves the tag in place, which needs `allow_move = true` and a mutable tag.",
				Validators: []validator.String{checkString("digest", imageref.CheckDigest)},
			},
			"current_digest": schema.StringAttribute{
				Computed: true, MarkdownDescription: "The digest the tag is on in ECR. It differs from `digest` only when " +
					"the tag was moved outside Terraform; the plan then moves it back.",
			},
			"source_repository": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Promote from another repository of the same registry. The image's layers must already " +
					"be in `repository`: PutImage cannot copy them.",
				Validators: []validator.String{checkString("repository name", imageref.CheckRepositoryName)}, PlanModifiers: replace,
			},
			"allow_move": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Allow moving the tag to other bits: at create when it is already on another digest, " +
					"and when `digest` changes. Only possible where the tag is mutable. Defaults to `false`.",
			},
			"allow_untag_last": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Allow destroy to remove the image's last tag, which makes ECR delete the image. " +
					"Defaults to `false`.",
			},
			"delete_tag_on_destroy": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Remove the tag on destroy even where it is immutable (mode and exclusion filters). By " +
					"default destroy leaves an immutable tag in ECR, and the plan says so: a release tag records what ran, and " +
					"deleting it is how an immutable tag would be re-pointed. A mutable tag is always removed. Defaults to " +
					"`false`.",
			},
			"image_uri": schema.StringAttribute{
				Computed: true, MarkdownDescription: "`<repository_url>@<digest>`, known at plan when the repository exists.",
			},
			"digest_status": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Storage status in ECR of the image the tag is on: `ACTIVE`, `ARCHIVED` or " +
					"`ACTIVATING`. An archived image answers pulls with 404, so the plan warns when it finds one; with " +
					"`restore_archived = true` it plans an update that restores it.",
			},
			"manifest_media_type": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Media type of the promoted manifest.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
	for name, a := range imageTagGuardAttributes(ctx) {
		resp.Schema.Attributes[name] = a
	}
}

func (r *imageTagResource) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *imageTagResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan imageTagModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	repo, tag, want := plan.Repository.ValueString(), plan.Tag.ValueString(), plan.Digest.ValueString()
	id := repo + ":" + tag

	// Where is the tag now? Moving it is a decision, not a side effect.
	current, err := r.client.FindImage(ctx, repo, ecrapi.ImageID{Tag: tag})
	switch {
	case ecrapi.IsNotFound(err, ecrapi.KindRepository):
		resp.Diagnostics.AddAttributeError(path.Root("repository"), "promoting "+want+" to "+imageTagLabel+" ("+id+")", repositoryMissing(repo))
		return
	case ecrapi.IsNotFound(err):
	case err != nil:
		addActionError(&resp.Diagnostics, "reading", imageTagLabel, id, err)
		return
	case current.Digest != want:
		// The plan checked this too, but the registry may have changed since.
		repository, err := r.client.FindRepositoryByName(ctx, repo)
		if err != nil {
			addActionError(&resp.Diagnostics, "reading the repository of", imageTagLabel, id, err)
			return
		}
		if msg, blocked := tagTaken(repository, tag, current.Digest, want, plan.AllowMove.ValueBool()); blocked {
			resp.Diagnostics.AddAttributeError(path.Root("tag"), "promoting "+want+" to "+imageTagLabel+" ("+id+")", msg)
			return
		}
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultRestoreTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() || !r.applyGuards(ctx, plan, timeout, &resp.Diagnostics) {
		return
	}
	r.put(ctx, &plan, "promoting", &resp.State, &resp.Diagnostics)
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "repository", repo, "tag", tag)
}

// put puts the manifest of plan.digest under the tag with one PutImage and records the result.
// A failure records nothing new; a digest that ECR changed on the way is recorded as what ECR
// holds, so the tag is not lost track of.
func (r *imageTagResource) put(
	ctx context.Context, plan *imageTagModel, action string, state *tfsdk.State, diags *diag.Diagnostics,
) {
	repo, tag, want := plan.Repository.ValueString(), plan.Tag.ValueString(), plan.Digest.ValueString()
	source := repo
	if !plan.SourceRepository.IsNull() {
		source = plan.SourceRepository.ValueString()
	}
	id := repo + ":" + tag
	fail := func(detail string) {
		diags.AddError(action+" "+want+" to "+imageTagLabel+" ("+id+")", detail)
	}
	manifest, err := r.client.FindManifest(ctx, source, want)
	if ecrapi.IsNotFound(err) {
		fail(fmt.Sprintf("%s. The digest must already be in %s.", err, source))
		return
	}
	if err != nil {
		addActionError(diags, "reading the manifest for", imageTagLabel, id, err)
		return
	}
	got, err := r.client.PutTag(ctx, repo, tag, manifest)
	if errors.Is(err, ecrapi.ErrTagConflict) {
		fail(immutableTagAdvice(tag) + "\n\n" + err.Error())
		return
	}
	if errors.Is(err, ecrapi.ErrBlobsMissing) {
		fail(fmt.Sprintf("%s\n\nThe layers (or, for an index, the platform images) of %s are not in %s. PutImage "+
			"cannot copy them across repositories: push the image to %s first (for example with crane copy), then promote "+
			"it.",
			ecrapi.ErrorDetail(err), want, repo, repo))
		return
	}
	if err != nil {
		addActionError(diags, "putting", imageTagLabel, id, err)
		return
	}
	plan.fill(r.client.Region, manifest)
	plan.CurrentDigest = types.StringValue(got)
	if got != want {
		plan.Digest = types.StringValue(got)
		diags.Append(state.Set(ctx, plan)...)
		fail(fmt.Sprintf("ECR recorded digest %s, not %s: the manifest was changed on the way. The tag is in state "+
			"with the digest ECR holds.", got, want))
		return
	}
	diags.Append(state.Set(ctx, plan)...)
}

func (r *imageTagResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state imageTagModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	repo, tag := state.Repository.ValueString(), state.Tag.ValueString()
	id := repo + ":" + tag
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "repository", repo, "tag", tag) // first: a Read that finds it gone returns it too
	current, err := r.client.FindImage(ctx, repo, ecrapi.ImageID{Tag: tag})
	if readFailed(ctx, resp, imageTagLabel, id, err) {
		return
	}
	// A tag moved outside Terraform shows in current_digest; digest stays what was promoted, so
	// the plan moves the tag back in place. After import, digest is where the tag is.
	state.CurrentDigest = types.StringValue(current.Digest)
	if state.Digest.IsNull() || state.Digest.IsUnknown() {
		state.Digest = state.CurrentDigest
	}
	state.ID = types.StringValue(id)
	repoURL := imageref.RepositoryURL(current.RegistryID, r.client.Region, repo)
	state.ImageURI = types.StringValue(imageref.DigestURI(repoURL, state.Digest.ValueString()))
	state.ManifestMediaType = stringOrNull(current.ManifestMediaType)
	state.DigestStatus = types.StringValue(current.Status)
	if state.AllowMove.IsNull() {
		state.AllowMove = types.BoolValue(false)
	}
	if state.AllowUntagLast.IsNull() {
		state.AllowUntagLast = types.BoolValue(false)
	}
	if state.DeleteTagOnDestroy.IsNull() {
		state.DeleteTagOnDestroy = types.BoolValue(false)
	}
	if state.RestoreArchived.IsNull() {
		state.RestoreArchived = types.BoolValue(false)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update moves the tag when it is not on the planned digest (a changed digest, or a tag moved
// outside Terraform): one PutImage, nothing deleted. A change of the guards alone makes no call.
func (r *imageTagResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state imageTagModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	live := state.CurrentDigest.ValueString()
	if state.CurrentDigest.IsNull() {
		live = state.Digest.ValueString()
	}
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "repository", state.Repository.ValueString(), "tag", state.Tag.ValueString())
	if live == plan.Digest.ValueString() {
		if plan.DigestStatus.ValueString() == ecrapi.ImageStatusActive && state.DigestStatus.ValueString() != ecrapi.ImageStatusActive {
			// Planned by restore_archived: the promoted digest was archived since.
			timeout, d := plan.Timeouts.Update(ctx, defaultRestoreTimeout)
			resp.Diagnostics.Append(d...)
			if resp.Diagnostics.HasError() || !r.restore(ctx, plan.Repository.ValueString(), plan.Tag.ValueString(), live, timeout, &resp.Diagnostics) {
				return
			}
		}
		plan.CurrentDigest = types.StringValue(live)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, defaultRestoreTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() || !r.applyGuards(ctx, plan, timeout, &resp.Diagnostics) {
		return
	}
	r.put(ctx, &plan, "moving", &resp.State, &resp.Diagnostics)
}

// Delete removes the tag, unless it now names other bits, it is immutable and
// delete_tag_on_destroy is not set (see image_tag_lifecycle.go), or it is the image's last tag
// and allow_untag_last is not set.
func (r *imageTagResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state imageTagModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	repo, tag, ours := state.Repository.ValueString(), state.Tag.ValueString(), state.Digest.ValueString()
	id := repo + ":" + tag
	current, err := r.client.FindImage(ctx, repo, ecrapi.ImageID{Tag: tag})
	if ecrapi.IsNotFound(err) {
		return
	}
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", imageTagLabel, id, err)
		return
	}
	if current.Digest != ours {
		// The tag now names other bits (moved by a replacement created first, or outside
		// Terraform): it is not this resource's to remove.
		return
	}
	if !state.DeleteTagOnDestroy.ValueBool() {
		repository, err := r.client.FindRepositoryByName(ctx, repo)
		if ecrapi.IsNotFound(err) {
			return
		}
		if err != nil {
			addActionError(&resp.Diagnostics, "reading the repository of", imageTagLabel, id, err)
			return
		}
		if keepsTag(repository, state) {
			resp.Diagnostics.AddWarning("destroy kept "+imageTagLabel+" ("+id+")", keptTagDetail(repository, state))
			return
		}
	}
	if len(current.Tags) <= 1 && !state.AllowUntagLast.ValueBool() {
		resp.Diagnostics.AddError("removing "+imageTagLabel+" ("+id+")",
			fmt.Sprintf("%s is the last tag of %s. ECR deletes an image when its last tag is removed, so this would "+
				"delete the image. "+
				"Set allow_untag_last = true and apply first to allow it, add another tag to the image, or remove this "+
				"resource from state with terraform state rm.", tag, ours))
		return
	}
	if err := r.client.RemoveTag(ctx, repo, tag); err != nil {
		addActionError(&resp.Diagnostics, "removing", imageTagLabel, id, err)
	}
}

// ImportState takes repository:tag.
// IdentitySchema: the repository and the tag, the parts of the import ID.
func (r *imageTagResource) IdentitySchema(
	_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse,
) {
	resp.IdentitySchema = identitySchema([2]string{"repository", "The repository."}, [2]string{"tag", "The tag."})
}

func (r *imageTagResource) ImportState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	byRepositoryAndTag(imageTagLabel).importState(ctx, req, resp)
}

func immutableTagAdvice(tag string) string {
	return fmt.Sprintf("Tags in this repository are immutable: %s cannot be moved to other bits. Promote to a new "+
		"tag (such as the next version) instead.", tag)
}

type imageTagModel struct {
	ID                 types.String `tfsdk:"id"`
	Repository         types.String `tfsdk:"repository"`
	Tag                types.String `tfsdk:"tag"`
	Digest             types.String `tfsdk:"digest"`
	SourceRepository   types.String `tfsdk:"source_repository"`
	AllowMove          types.Bool   `tfsdk:"allow_move"`
	AllowUntagLast     types.Bool   `tfsdk:"allow_untag_last"`
	DeleteTagOnDestroy types.Bool   `tfsdk:"delete_tag_on_destroy"`
	CurrentDigest      types.String `tfsdk:"current_digest"`
	ImageURI           types.String `tfsdk:"image_uri"`
	ManifestMediaType  types.String `tfsdk:"manifest_media_type"`
	DigestStatus       types.String `tfsdk:"digest_status"`

	RequireSigned        types.Bool     `tfsdk:"require_signed"`
	RequireReferrerTypes types.Set      `tfsdk:"require_referrer_types"`
	RestoreArchived      types.Bool     `tfsdk:"restore_archived"`
	Timeouts             timeouts.Value `tfsdk:"timeouts"`
}

func (m *imageTagModel) fill(region string, manifest *ecrapi.Manifest) {
	repo := m.Repository.ValueString()
	m.ID = types.StringValue(repo + ":" + m.Tag.ValueString())
	if m.ImageURI.IsUnknown() || m.ImageURI.IsNull() { // the plan knows it when the repository existed
		repoURL := imageref.RepositoryURL(manifest.RegistryID, region, repo)
		m.ImageURI = types.StringValue(imageref.DigestURI(repoURL, m.Digest.ValueString()))
	}
	m.ManifestMediaType = stringOrNull(manifest.MediaType)
	m.DigestStatus = types.StringValue(ecrapi.ImageStatusActive) // BatchGetImage answered: it is not archived
}
