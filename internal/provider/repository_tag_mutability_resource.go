package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/mutability"
)

var (
	_ resource.ResourceWithImportState    = &repositoryTagMutabilityResource{}
	_ resource.ResourceWithValidateConfig = &repositoryTagMutabilityResource{}
	_ resource.ResourceWithIdentity       = &repositoryTagMutabilityResource{}
)

func newRepositoryTagMutabilityResource() resource.Resource {
	return &repositoryTagMutabilityResource{}
}

// repositoryTagMutabilityResource governs the tag mutability of a repository that another
// module or provider owns. It never creates or deletes the repository.
type repositoryTagMutabilityResource struct {
	client *ecrapi.Client
}

func (r *repositoryTagMutabilityResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_repository_tag_mutability"
}

func (r *repositoryTagMutabilityResource) Schema(
	_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse,
) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Governs the tag mutability of a repository created elsewhere (another module, or the AWS " +
			"provider). It records the setting it replaced. On destroy it leaves the governed setting in place unless " +
			"`restore_on_destroy` is `true`, so removing governance never silently loosens a repository.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The repository name."),
			"repository": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of an existing repository. Changing it replaces this resource.",
				Validators:          []validator.String{checkString("repository name", imageref.CheckRepositoryName)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"image_tag_mutability": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "One of " + mutabilityModesDoc + ".",
				Validators:          []validator.String{stringvalidator.OneOf(mutability.Modes...)},
			},
			exclusionFiltersAttr: exclusionFiltersSchema(),
			"restore_on_destroy": restoreOnDestroyAttribute("When `true`, destroy puts back " +
				"`previous_image_tag_mutability` and `previous_exclusion_filters`. When `false` (default), destroy leaves " +
				"the governed setting as it is."),
			"previous_image_tag_mutability": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "The mode the repository had before this resource took over (on import: the mode at " +
					"import time).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"previous_exclusion_filters": schema.SetAttribute{
				ElementType: types.StringType,
				Computed:    true,
				MarkdownDescription: "The exclusion filters the repository had before this resource took over; null when it " +
					"had none.",
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *repositoryTagMutabilityResource) ValidateConfig(
	ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse,
) {
	var cfg repositoryTagMutabilityModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateMutabilityConfig(cfg.ImageTagMutability, cfg.ExclusionFilters, &resp.Diagnostics)
}

func (r *repositoryTagMutabilityResource) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *repositoryTagMutabilityResource) Create(
	ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse,
) {
	var plan repositoryTagMutabilityModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Repository.ValueString()
	repo, err := r.client.FindRepositoryByName(ctx, name)
	if ecrapi.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("repository"), "governing "+tagMutabilityLabel+" ("+name+")",
			"The repository does not exist. This resource governs an existing repository; create it first (for example "+
				"with ecrgov_repository) and reference it.")
		return
	}
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", repositoryLabel, name, err)
		return
	}
	plan.ID = types.StringValue(repo.Name)
	plan.PreviousMutability = types.StringValue(repo.TagMutability)
	plan.PreviousFilters = setFromStrings(repo.ExclusionFilters)
	filters := stringsFromCollection(ctx, plan.ExclusionFilters, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	tagMutabilitySetting.recordThenWrite(ctx, resp, name, &plan, func() error {
		return r.client.PutTagMutability(ctx, name, plan.ImageTagMutability.ValueString(), filters)
	})
}

func (r *repositoryTagMutabilityResource) Read(
	ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse,
) {
	var state repositoryTagMutabilityModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	tagMutabilitySetting.setIdentity(ctx, resp.Identity, &resp.Diagnostics, name)
	repo, err := r.client.FindRepositoryByName(ctx, name)
	if readFailed(ctx, resp, tagMutabilityLabel, name, err) {
		return
	}
	current := types.StringValue(repo.TagMutability)
	currentFilters := setFromStrings(repo.ExclusionFilters)
	if state.PreviousMutability.IsNull() { // after import: what is there now is all we know
		state.PreviousMutability, state.PreviousFilters = current, currentFilters
	}
	state.RestoreOnDestroy = falseWhenNull(state.RestoreOnDestroy)
	state.Repository = types.StringValue(name)
	state.ImageTagMutability, state.ExclusionFilters = current, currentFilters
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *repositoryTagMutabilityResource) Update(
	ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse,
) {
	var plan, state repositoryTagMutabilityModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	filters := stringsFromCollection(ctx, plan.ExclusionFilters, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	changed := !plan.ImageTagMutability.Equal(state.ImageTagMutability) || !plan.ExclusionFilters.Equal(state.ExclusionFilters)
	tagMutabilitySetting.update(ctx, resp, name, &plan, changed, func() error {
		return r.client.PutTagMutability(ctx, name, plan.ImageTagMutability.ValueString(), filters)
	})
}

func (r *repositoryTagMutabilityResource) Delete(
	ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse,
) {
	var state repositoryTagMutabilityModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	filters := stringsFromCollection(ctx, state.PreviousFilters, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// A repository already gone has no setting left to restore.
	tagMutabilitySetting.destroy(&resp.Diagnostics, name, "restoring", state.RestoreOnDestroy.ValueBool(), func() error {
		err := r.client.PutTagMutability(ctx, name, state.PreviousMutability.ValueString(), filters)
		if ecrapi.IsNotFound(err, ecrapi.KindRepository) {
			return nil
		}
		return err
	}, nil)
}

// IdentitySchema: the repository name, the import ID.
func (r *repositoryTagMutabilityResource) IdentitySchema(
	_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse,
) {
	resp.IdentitySchema = tagMutabilitySetting.identitySchema()
}

func (r *repositoryTagMutabilityResource) ImportState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	byRepositoryName(tagMutabilityLabel, "repository").importState(ctx, req, resp)
}

type repositoryTagMutabilityModel struct {
	ID                 types.String `tfsdk:"id"`
	Repository         types.String `tfsdk:"repository"`
	ImageTagMutability types.String `tfsdk:"image_tag_mutability"`
	ExclusionFilters   types.Set    `tfsdk:"image_tag_mutability_exclusion_filters"`
	RestoreOnDestroy   types.Bool   `tfsdk:"restore_on_destroy"`
	PreviousMutability types.String `tfsdk:"previous_image_tag_mutability"`
	PreviousFilters    types.Set    `tfsdk:"previous_exclusion_filters"`
}
