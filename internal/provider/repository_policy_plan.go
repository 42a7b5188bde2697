package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ModifyPlan judges the policy when it is known: a public grant (without allow_public) or an
// untrusted account fails the plan on `policy`, before anything changes; the other findings
// warn, and all of them go into the plan's `findings`.
func (r *repositoryPolicyResource) ModifyPlan(
	ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return // destroy, or the provider is not configured yet (validate)
	}
	var plan repositoryPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	keepPolicyText(ctx, req, resp)
	if plan.ID.IsUnknown() && !plan.Repository.IsUnknown() {
		// The ID is the repository name, so a reviewer sees it at plan.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), plan.Repository)...)
	}
	cfg := plan.policyConfig()
	if plan.Policy.IsUnknown() || plan.TrustedAccounts.IsUnknown() || plan.AllowPublic.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("findings"), types.ListUnknown(types.ObjectType{AttrTypes: policyFindingAttrTypes}))...)
		return
	}
	opts := cfg.policyOptions(ctx, r.ownAccount(ctx), false, &resp.Diagnostics)
	findings := checkAccessPolicy(cfg, opts, repositoryPolicyLabel, plan.Repository.ValueString(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("findings"), policyFindingsValue(findings))...)
}
