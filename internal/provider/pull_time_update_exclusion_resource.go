package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

var (
	_ resource.ResourceWithImportState = &pullTimeUpdateExclusionResource{}
	_ resource.ResourceWithIdentity    = &pullTimeUpdateExclusionResource{}
	_ resource.ResourceWithModifyPlan  = &pullTimeUpdateExclusionResource{}
)

func newPullTimeUpdateExclusionResource() resource.Resource {
	return &pullTimeUpdateExclusionResource{}
}

// pullTimeUpdateExclusionResource keeps a principal's pulls from counting as pulls: scanners,
// auditors, CI and the principal that runs Terraform read manifests without keeping images
// alive under sinceImagePulled rules.
type pullTimeUpdateExclusionResource struct {
	client *ecrapi.Client
}

func (r *pullTimeUpdateExclusionResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_pull_time_update_exclusion"
}

func (r *pullTimeUpdateExclusionResource) Schema(
	_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse,
) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Excludes an IAM principal from pull-time updates: ECR records no `lastRecordedPullTime` " +
			"when it pulls. ECR records a pull whenever BatchGetImage returns a manifest, so a scanner, an audit, CI or " +
			"Terraform itself reading an image keeps it alive under `sinceImagePulled` lifecycle rules. Register the " +
			"principals that read images without running them. ECR allows up to 100 exclusions per registry.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The principal ARN."),
			"principal_arn": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "ARN of the IAM role (or user) whose pulls are not recorded, such as " +
					"`arn:aws:iam::123456789012:role/scanner`. For an assumed-role session, give the role's ARN. Changing it " +
					"replaces the exclusion.",
				Validators:    []validator.String{checkString("principal ARN", ecrapi.CheckPrincipalARN)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
		},
	}
}

func (r *pullTimeUpdateExclusionResource) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan checks, when the exclusion is to be created, whether the principal is already
// excluded (by another state, or by hand), which would make the create fail. One
// ListPullTimeUpdateExclusions page per 1,000 exclusions. As for creation templates it is a
// warning: Terraform's destroy first runs a normal plan, and an error would block it.
func (r *pullTimeUpdateExclusionResource) ModifyPlan(
	ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() || r.client == nil {
		return
	}
	var plan pullTimeUpdateExclusionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.PrincipalARN.IsUnknown() {
		return
	}
	arn := plan.PrincipalARN.ValueString()
	switch err := r.client.FindPullTimeExclusionByPrincipal(ctx, arn); {
	case err == nil:
		resp.Diagnostics.AddAttributeWarning(path.Root("principal_arn"), pullTimeExclusionLabel+" ("+arn+") already exists",
			"This principal is already excluded from pull-time updates, so applying this plan will fail. To manage the "+
				"exclusion here, "+
				"import it:\n\n  terraform import <address> "+arn)
	case !ecrapi.IsNotFound(err):
		resp.Diagnostics.AddWarning("reading "+pullTimeExclusionLabel+"s",
			"Whether the principal is already excluded could not be checked: "+ecrapi.ErrorDetail(err))
	}
}

func (r *pullTimeUpdateExclusionResource) Create(
	ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse,
) {
	var plan pullTimeUpdateExclusionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	arn := plan.PrincipalARN.ValueString()
	err := r.client.RegisterPullTimeExclusion(ctx, arn)
	if errors.Is(err, ecrapi.ErrExclusionExists) {
		addExistsError(&resp.Diagnostics, "registering", pullTimeExclusionLabel, arn, err)
		return
	}
	if err != nil {
		addActionError(&resp.Diagnostics, "registering", pullTimeExclusionLabel, arn, err)
		return
	}
	plan.ID = plan.PrincipalARN
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "principal_arn", plan.PrincipalARN.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *pullTimeUpdateExclusionResource) Read(
	ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse,
) {
	var state pullTimeUpdateExclusionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// First: a Read that finds it gone must return the identity too.
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "principal_arn", state.PrincipalARN.ValueString())
	arn := state.ID.ValueString()
	if readFailed(ctx, resp, pullTimeExclusionLabel, arn, r.client.FindPullTimeExclusionByPrincipal(ctx, arn)) {
		return
	}
	state.PrincipalARN = types.StringValue(arn)
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "principal_arn", state.PrincipalARN.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update is never called: the only argument replaces the resource.
func (r *pullTimeUpdateExclusionResource) Update(
	ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse,
) {
	var plan pullTimeUpdateExclusionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "principal_arn", plan.PrincipalARN.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *pullTimeUpdateExclusionResource) Delete(
	ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse,
) {
	var state pullTimeUpdateExclusionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeregisterPullTimeExclusion(ctx, state.ID.ValueString()); err != nil {
		addActionError(&resp.Diagnostics, "deregistering", pullTimeExclusionLabel, state.ID.ValueString(), err)
	}
}

// ImportState takes the principal ARN.
// IdentitySchema: the import ID.
func (r *pullTimeUpdateExclusionResource) IdentitySchema(
	_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse,
) {
	resp.IdentitySchema = identitySchema([2]string{"principal_arn", "The principal ARN."})
}

func (r *pullTimeUpdateExclusionResource) ImportState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	singleKey(pullTimeExclusionLabel, "the principal ARN", "principal_arn", ecrapi.CheckPrincipalARN).importState(ctx, req, resp)
}

type pullTimeUpdateExclusionModel struct {
	ID           types.String `tfsdk:"id"`
	PrincipalARN types.String `tfsdk:"principal_arn"`
}
