package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/mutability"
)

var (
	_ resource.ResourceWithImportState    = &repositoryResource{}
	_ resource.ResourceWithValidateConfig = &repositoryResource{}
	_ resource.ResourceWithModifyPlan     = &repositoryResource{}
	_ resource.ResourceWithIdentity       = &repositoryResource{}
)

func newRepositoryResource() resource.Resource { return &repositoryResource{} }

type repositoryResource struct {
	client *ecrapi.Client
	run    *runState
}

func (r *repositoryResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_repository"
}

func (r *repositoryResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An ECR repository whose tags are **immutable by default**, with controlled exceptions " +
			"such as `latest`. Mutability, exclusion filters, scan-on-push and tags are changed in place; the name and " +
			"encryption replace the repository.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The repository name."),
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Repository name: 2–256 characters of lowercase path components separated by `/`, with " +
					"`.`, `_` or `-` inside them. Changing it replaces the repository.",
				Validators:    []validator.String{checkString("repository name", imageref.CheckRepositoryName)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"image_tag_mutability": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(mutability.Immutable),
				MarkdownDescription: "One of " + mutabilityModesDoc + ". Defaults to `IMMUTABLE`: a pushed tag can never " +
					"point at other bits.",
				Validators: []validator.String{stringvalidator.OneOf(mutability.Modes...)},
			},
			exclusionFiltersAttr: exclusionFiltersSchema(),
			"scan_on_push": schema.BoolAttribute{
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
				MarkdownDescription: "Scan each image for vulnerabilities when it is pushed. Defaults to `true`.",
			},
			"encryption_type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(ecrapi.DefaultEncryptionType),
				MarkdownDescription: "`AES256` (default), `KMS` or `KMS_DSSE`. ECR cannot change it, so changing it replaces " +
					"the repository.",
				Validators:    []validator.String{stringvalidator.OneOf(ecrapi.EncryptionTypes...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"kms_key": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "KMS key ARN, only with `KMS` or `KMS_DSSE`. When unset with those types, ECR uses the " +
					"AWS managed key and this shows its ARN. Changing it replaces the repository.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIfConfigured()},
			},
			"force_delete": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "Delete the repository even when it holds images. Defaults to `false`, so destroying a " +
					"repository with images fails and says how many it holds.",
			},
			"tags": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Resource tags: at most 50, keys of 1 to 128 characters, values of at most 256 " +
					"(letters, digits, spaces and `_ . : / = + - @`).",
				Validators: []validator.Map{checkStringMap("repository tags", ecrapi.CheckResourceTags)},
			},
			"arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Repository ARN.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"registry_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Registry (AWS account) ID.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"repository_url": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Repository URL, `<account>.dkr.ecr.<region>.amazonaws.com/<name>`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *repositoryResource) ValidateConfig(
	ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse,
) {
	var cfg repositoryModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateMutabilityConfig(cfg.ImageTagMutability, cfg.ExclusionFilters, &resp.Diagnostics)
	if !cfg.KMSKey.IsNull() && !cfg.KMSKey.IsUnknown() && !cfg.EncryptionType.IsUnknown() && !ecrapi.UsesKMS(cfg.EncryptionType.ValueString()) {
		resp.Diagnostics.AddAttributeError(path.Root("kms_key"), "kms_key needs KMS encryption",
			"kms_key applies only when encryption_type is KMS or KMS_DSSE. Set encryption_type = \"KMS\", or remove kms_key.")
	}
}

func (r *repositoryResource) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
	r.run = runFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *repositoryResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan repositoryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	filters := stringsFromCollection(ctx, plan.ExclusionFilters, &resp.Diagnostics)
	tags := stringsFromMap(ctx, plan.Tags, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	spec := ecrapi.RepositorySpec{
		Name:             name,
		TagMutability:    plan.ImageTagMutability.ValueString(),
		ExclusionFilters: filters,
		ScanOnPush:       plan.ScanOnPush.ValueBool(),
		EncryptionType:   plan.EncryptionType.ValueString(),
		Tags:             tags,
	}
	if !plan.KMSKey.IsUnknown() && !plan.KMSKey.IsNull() {
		spec.KMSKey = plan.KMSKey.ValueString()
	}
	// One call: CreateRepository takes the tags and the whole configuration and returns the
	// repository, so there is no window where a created repository is missing from state. An
	// ambiguous outcome (lost answers) is settled inside CreateRepository.
	repo, err := r.client.CreateRepository(ctx, spec)
	if errors.Is(err, ecrapi.ErrRepositoryExists) {
		addExistsError(&resp.Diagnostics, "creating", repositoryLabel, name, err)
		return
	}
	if err != nil {
		addActionError(&resp.Diagnostics, "creating", repositoryLabel, name, err)
		return
	}
	plan.setComputed(repo)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "name", plan.Name.ValueString())
	markNew(ctx, resp.Private, &resp.Diagnostics)
}

func (r *repositoryResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state repositoryModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	// The identity is set first: even a Read that finds the repository gone must return it.
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "name", name)
	find := r.client.FindRepositoryByName
	if takeNew(ctx, req.Private, resp.Private, &resp.Diagnostics) {
		find = r.client.FindNewRepositoryByName
	}
	repo, err := find(ctx, name)
	if readFailed(ctx, resp, repositoryLabel, name, err) {
		return
	}
	tags, err := r.client.FindRepositoryTags(ctx, repo.ARN)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading tags of", repositoryLabel, name, err)
		return
	}
	state.Name = types.StringValue(repo.Name)
	state.ImageTagMutability = types.StringValue(repo.TagMutability)
	state.ExclusionFilters = setFromStrings(repo.ExclusionFilters)
	state.ScanOnPush = types.BoolValue(repo.ScanOnPush)
	state.setComputed(repo)
	state.Tags = mapFromStrings(tags, state.Tags)
	if state.ForceDelete.IsNull() { // after import
		state.ForceDelete = types.BoolValue(false)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update makes one call per changed aspect. After each call that succeeds, the state takes that
// aspect, so a failure part-way records exactly what was applied and the next plan converges.
func (r *repositoryResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state repositoryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	defer func() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		setIdentity(ctx, resp.Identity, &resp.Diagnostics, "name", state.Name.ValueString())
	}()

	if !plan.ImageTagMutability.Equal(state.ImageTagMutability) || !plan.ExclusionFilters.Equal(state.ExclusionFilters) {
		filters := stringsFromCollection(ctx, plan.ExclusionFilters, &resp.Diagnostics)
		if err := r.client.PutTagMutability(ctx, name, plan.ImageTagMutability.ValueString(), filters); err != nil {
			addActionError(&resp.Diagnostics, "setting tag mutability of", repositoryLabel, name, err)
			return
		}
		state.ImageTagMutability, state.ExclusionFilters = plan.ImageTagMutability, plan.ExclusionFilters
	}
	if !plan.ScanOnPush.Equal(state.ScanOnPush) {
		if err := r.client.PutScanOnPush(ctx, name, plan.ScanOnPush.ValueBool()); err != nil {
			addActionError(&resp.Diagnostics, "setting scan on push of", repositoryLabel, name, err)
			return
		}
		state.ScanOnPush = plan.ScanOnPush
	}
	if !plan.Tags.Equal(state.Tags) {
		if err := r.client.UpdateTags(ctx, state.ARN.ValueString(), stringsFromMap(ctx, state.Tags, &resp.Diagnostics), stringsFromMap(ctx, plan.Tags, &resp.Diagnostics)); err != nil {
			addActionError(&resp.Diagnostics, "updating tags of", repositoryLabel, name, err)
			return
		}
		state.Tags = plan.Tags
	}
	state.ForceDelete = plan.ForceDelete
}

func (r *repositoryResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state repositoryModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	err := r.client.DeleteRepository(ctx, name, state.ForceDelete.ValueBool())
	switch {
	case err == nil:
	case errors.Is(err, ecrapi.ErrRepositoryNotEmpty):
		count := "images"
		if n, cerr := r.client.CountImages(ctx, name); cerr == nil {
			count = fmt.Sprintf("%d %s", n, plural(n, "image", "images"))
		}
		resp.Diagnostics.AddError(fmt.Sprintf("deleting %s (%s)", repositoryLabel, name),
			fmt.Sprintf("The repository holds %s, and force_delete is false, so it was kept. "+
				"Delete or move the images first, or set force_delete = true and apply before destroying to delete them with "+
				"it.", count))
	default:
		addActionError(&resp.Diagnostics, "deleting", repositoryLabel, name, err)
	}
}

// IdentitySchema: the repository name, the import ID.
func (r *repositoryResource) IdentitySchema(
	_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse,
) {
	resp.IdentitySchema = identitySchema([2]string{"name", "The repository name."})
}

func (r *repositoryResource) ImportState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	byRepositoryName(repositoryLabel, "name").importState(ctx, req, resp)
}

type repositoryModel struct {
	ID                 types.String `tfsdk:"id"`
	Name               types.String `tfsdk:"name"`
	ImageTagMutability types.String `tfsdk:"image_tag_mutability"`
	ExclusionFilters   types.Set    `tfsdk:"image_tag_mutability_exclusion_filters"`
	ScanOnPush         types.Bool   `tfsdk:"scan_on_push"`
	EncryptionType     types.String `tfsdk:"encryption_type"`
	KMSKey             types.String `tfsdk:"kms_key"`
	ForceDelete        types.Bool   `tfsdk:"force_delete"`
	Tags               types.Map    `tfsdk:"tags"`
	ARN                types.String `tfsdk:"arn"`
	RegistryID         types.String `tfsdk:"registry_id"`
	RepositoryURL      types.String `tfsdk:"repository_url"`
}

// setComputed copies what ECR decides (ARN, registry, URL, encryption) from the API's answer.
func (m *repositoryModel) setComputed(repo *ecrapi.Repository) {
	m.ID = types.StringValue(repo.Name)
	m.ARN = types.StringValue(repo.ARN)
	m.RegistryID = types.StringValue(repo.RegistryID)
	m.RepositoryURL = types.StringValue(repo.URI)
	m.EncryptionType = types.StringValue(repo.EncryptionType)
	m.KMSKey = stringOrNull(repo.KMSKey)
}
