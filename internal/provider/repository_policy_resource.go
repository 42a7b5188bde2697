package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
)

var (
	_ resource.ResourceWithImportState = &repositoryPolicyResource{}
	_ resource.ResourceWithModifyPlan  = &repositoryPolicyResource{}
	_ resource.ResourceWithIdentity    = &repositoryPolicyResource{}
)

func newRepositoryPolicyResource() resource.Resource {
	return &repositoryPolicyResource{}
}

// repositoryPolicyResource governs who can reach a repository's images: its permissions policy,
// analysed at plan (internal/accesspolicy). Like ecrgov_repository_tag_mutability it governs a
// repository owned anywhere and records what it replaced.
type repositoryPolicyResource struct {
	client *ecrapi.Client
}

func (r *repositoryPolicyResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_repository_policy"
}

func (r *repositoryPolicyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := accessPolicyAttributes("repository policy")
	maps.Copy(attrs, map[string]schema.Attribute{
		"id": idAttribute("The repository name."),
		"repository": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Name of an existing repository, created by ecrgov or elsewhere. Changing it replaces " +
				"this resource.",
			Validators:    []validator.String{checkString("repository name", imageref.CheckRepositoryName)},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
	})
	resp.Schema = schema.Schema{
		MarkdownDescription: "Governs who can pull from (and push to) a repository: its permissions policy " +
			"(SetRepositoryPolicy), analysed at plan. A grant to everyone is refused unless `allow_public`, a principal " +
			"outside `trusted_accounts` is refused, and wildcard or write actions to another account and " +
			"`NotPrincipal`/`NotAction` are warned about. `findings` carries the analysis into the plan for " +
			"policy-as-code. It records the policy it replaced (`previous_policy`).",
		Attributes: attrs,
	}
}

func (r *repositoryPolicyResource) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *repositoryPolicyResource) Create(
	ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse,
) {
	var plan repositoryPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Repository.ValueString()
	previous, err := previousPolicy(r.client.FindRepositoryPolicyByRepository(ctx, name))
	switch {
	case ecrapi.IsNotFound(err, ecrapi.KindRepository):
		resp.Diagnostics.AddAttributeError(path.Root("repository"), "governing "+repositoryPolicyLabel+" ("+name+")",
			"The repository does not exist. Create it first (for example with ecrgov_repository) and reference it.")
		return
	case err != nil:
		addActionError(&resp.Diagnostics, "reading", repositoryPolicyLabel, name, err)
		return
	}
	plan.ID, plan.PreviousPolicy = types.StringValue(name), previous
	repositoryPolicySetting.recordThenWrite(ctx, resp, name, &plan, func() error {
		return r.client.SetRepositoryPolicy(ctx, name, plan.Policy.ValueString(), false)
	})
}

func (r *repositoryPolicyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state repositoryPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	repositoryPolicySetting.setIdentity(ctx, resp.Identity, &resp.Diagnostics, name)
	text, err := r.client.FindRepositoryPolicyByRepository(ctx, name)
	if readFailed(ctx, resp, repositoryPolicyLabel, name, err) {
		return
	}
	current := jsontypes.NewNormalizedValue(text)
	if state.PreviousPolicy.IsUnknown() || (state.Policy.IsNull() && state.PreviousPolicy.IsNull()) {
		state.PreviousPolicy = current // after import: what is there now is all we know
	}
	state.AllowPublic, state.RestoreOnDestroy = falseWhenNull(state.AllowPublic), falseWhenNull(state.RestoreOnDestroy)
	state.Repository, state.Policy = types.StringValue(name), current
	state.Findings = analyzedPolicy(text, state.policyConfig().policyOptions(ctx, r.ownAccount(ctx), false, &resp.Diagnostics))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *repositoryPolicyResource) Update(
	ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse,
) {
	var plan, state repositoryPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	repositoryPolicySetting.update(ctx, resp, name, &plan, policyChanged(ctx, plan.Policy, state.Policy), func() error {
		return r.client.SetRepositoryPolicy(ctx, name, plan.Policy.ValueString(), false)
	})
}

// Delete removes the policy, or with restore_on_destroy puts back the one it replaced; a
// repository already gone has no policy left to remove or restore.
func (r *repositoryPolicyResource) Delete(
	ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse,
) {
	var state repositoryPolicyModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	restore := state.RestoreOnDestroy.ValueBool() && !state.PreviousPolicy.IsNull()
	repositoryPolicySetting.destroy(&resp.Diagnostics, name, "removing", restore, func() error {
		err := r.client.SetRepositoryPolicy(ctx, name, state.PreviousPolicy.ValueString(), false)
		if ecrapi.IsNotFound(err, ecrapi.KindRepository) {
			return nil
		}
		return err
	}, func() error {
		return r.client.DeleteRepositoryPolicy(ctx, name)
	})
}

// IdentitySchema: the repository name, the import ID.
func (r *repositoryPolicyResource) IdentitySchema(
	_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse,
) {
	resp.IdentitySchema = repositoryPolicySetting.identitySchema()
}

func (r *repositoryPolicyResource) ImportState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	byRepositoryName(repositoryPolicyLabel, "repository").importState(ctx, req, resp)
}

// ownAccount is the registry's account for the analysis; "" when it cannot be read, which makes
// every account principal count as another account (warnings, never a refused plan).
func (r *repositoryPolicyResource) ownAccount(ctx context.Context) string {
	id, err := r.client.RegistryID(ctx)
	if err != nil {
		return ""
	}
	return id
}

type repositoryPolicyModel struct {
	ID               types.String         `tfsdk:"id"`
	Repository       types.String         `tfsdk:"repository"`
	Policy           jsontypes.Normalized `tfsdk:"policy"`
	AllowPublic      types.Bool           `tfsdk:"allow_public"`
	TrustedAccounts  types.Set            `tfsdk:"trusted_accounts"`
	Findings         types.List           `tfsdk:"findings"`
	PreviousPolicy   jsontypes.Normalized `tfsdk:"previous_policy"`
	RestoreOnDestroy types.Bool           `tfsdk:"restore_on_destroy"`
}

func (m repositoryPolicyModel) policyConfig() accessPolicyConfig {
	return accessPolicyConfig{Policy: m.Policy, AllowPublic: m.AllowPublic, TrustedAccounts: m.TrustedAccounts}
}
