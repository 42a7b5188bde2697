package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

var (
	_ resource.ResourceWithImportState = &registryPolicyResource{}
	_ resource.ResourceWithModifyPlan  = &registryPolicyResource{}
	_ resource.ResourceWithIdentity    = &registryPolicyResource{}
)

func newRegistryPolicyResource() resource.Resource { return &registryPolicyResource{} }

// registryPolicyResource governs the registry's permissions policy, a singleton per registry and
// region, analysed at plan like a repository policy. Under REGISTRY_POLICY_SCOPE V2 (the default
// and now the only scope) it is enforced in every ECR request, so a grant here reaches every
// repository.
type registryPolicyResource struct {
	client *ecrapi.Client
}

func (r *registryPolicyResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_registry_policy"
}

func (r *registryPolicyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := accessPolicyAttributes("registry permissions policy")
	attrs["id"] = idAttribute("The registry ID.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "The registry's permissions policy (PutRegistryPolicy), a singleton per registry and " +
			"region: declare it once. Under `REGISTRY_POLICY_SCOPE` V2, the default and now the only scope, \"Amazon ECR " +
			"allows all ECR actions in the policy and enforces the registry policy in all ECR requests\" (User Guide, " +
			"\"Private registry permissions\"): a grant here reaches every repository. The plan refuses a public or " +
			"untrusted grant, like `ecrgov_repository_policy`, and warns about `ecr:CreateRepository` for another account " +
			"(other accounts creating empty repositories on a push) and about any action beyond replication and pull " +
			"through cache (`ecr:ReplicateImage`, `ecr:BatchImportUpstreamImage`, `ecr:CreateRepository`). Create adopts " +
			"the policy in place and records it in `previous_policy`.",
		Attributes: attrs,
	}
}

func (r *registryPolicyResource) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *registryPolicyResource) Create(
	ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse,
) {
	var plan registryPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	registry, ok := ownRegistry(ctx, r.client, &resp.Diagnostics)
	if !ok {
		return
	}
	previous, err := previousPolicy(r.client.FindRegistryPolicy(ctx))
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", registryPolicyLabel, registry, err)
		return
	}
	plan.ID, plan.PreviousPolicy = types.StringValue(registry), previous
	registryPolicySetting.recordThenWrite(ctx, resp, registry, &plan, func() error {
		return r.client.PutRegistryPolicy(ctx, plan.Policy.ValueString())
	})
}

func (r *registryPolicyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state registryPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	registry := state.ID.ValueString()
	registryPolicySetting.setIdentity(ctx, resp.Identity, &resp.Diagnostics, registry)
	text, err := r.client.FindRegistryPolicy(ctx)
	if readFailed(ctx, resp, registryPolicyLabel, registry, err) {
		return
	}
	current := jsontypes.NewNormalizedValue(text)
	if state.Policy.IsNull() && state.PreviousPolicy.IsNull() {
		state.PreviousPolicy = current // after import: what is there now is all we know
	}
	state.AllowPublic, state.RestoreOnDestroy = falseWhenNull(state.AllowPublic), falseWhenNull(state.RestoreOnDestroy)
	state.Policy = current
	state.Findings = analyzedPolicy(text, state.policyConfig().policyOptions(ctx, registry, true, &resp.Diagnostics))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *registryPolicyResource) Update(
	ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse,
) {
	var plan, state registryPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	registryPolicySetting.update(ctx, resp, state.ID.ValueString(), &plan, policyChanged(ctx, plan.Policy, state.Policy), func() error {
		return r.client.PutRegistryPolicy(ctx, plan.Policy.ValueString())
	})
}

// Delete removes the policy, or with restore_on_destroy puts back the one it replaced.
func (r *registryPolicyResource) Delete(
	ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse,
) {
	var state registryPolicyModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	restore := state.RestoreOnDestroy.ValueBool() && !state.PreviousPolicy.IsNull()
	registryPolicySetting.destroy(&resp.Diagnostics, state.ID.ValueString(), "removing", restore, func() error {
		return r.client.PutRegistryPolicy(ctx, state.PreviousPolicy.ValueString())
	}, func() error {
		return r.client.DeleteRegistryPolicy(ctx)
	})
}

// IdentitySchema: the registry ID, the import ID.
func (r *registryPolicyResource) IdentitySchema(
	_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse,
) {
	resp.IdentitySchema = registryPolicySetting.identitySchema()
}

// ImportState takes the registry ID, which must be the registry the provider addresses.
func (r *registryPolicyResource) ImportState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	byRegistry(r.client, registryPolicyLabel).importState(ctx, req, resp)
}

type registryPolicyModel struct {
	ID               types.String         `tfsdk:"id"`
	Policy           jsontypes.Normalized `tfsdk:"policy"`
	AllowPublic      types.Bool           `tfsdk:"allow_public"`
	TrustedAccounts  types.Set            `tfsdk:"trusted_accounts"`
	Findings         types.List           `tfsdk:"findings"`
	PreviousPolicy   jsontypes.Normalized `tfsdk:"previous_policy"`
	RestoreOnDestroy types.Bool           `tfsdk:"restore_on_destroy"`
}

func (m registryPolicyModel) policyConfig() accessPolicyConfig {
	return accessPolicyConfig{Policy: m.Policy, AllowPublic: m.AllowPublic, TrustedAccounts: m.TrustedAccounts}
}
