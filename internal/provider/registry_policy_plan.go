package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ModifyPlan judges the registry policy when it is known, as the repository policy's does, with
// the registry-wide checks (REGISTRY_WIDE_GRANT, creation by another account) on.
func (r *registryPolicyResource) ModifyPlan(
	ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var plan registryPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	keepPolicyText(ctx, req, resp)
	if plan.Policy.IsUnknown() || plan.TrustedAccounts.IsUnknown() || plan.AllowPublic.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("findings"), types.ListUnknown(types.ObjectType{AttrTypes: policyFindingAttrTypes}))...)
		return
	}
	registry, err := r.client.RegistryID(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", "ECR registry", "registry", err)
		return
	}
	if plan.ID.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), registry)...)
	}
	cfg := plan.policyConfig()
	findings := checkAccessPolicy(cfg, cfg.policyOptions(ctx, registry, true, &resp.Diagnostics), registryPolicyLabel, registry, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("findings"), policyFindingsValue(findings))...)
}
