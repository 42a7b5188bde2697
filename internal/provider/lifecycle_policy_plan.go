package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

// ModifyPlan shows the exact canonical text that will be sent, so a review of the plan sees the
// policy as ECR will, and a change that means nothing (reordered keys, rules or tags) plans no
// change to it.
func (r *lifecyclePolicyResource) ModifyPlan(
	ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan lifecyclePolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var diags diag.Diagnostics
	p, ok := plan.policySource().policy(ctx, &diags)
	if !ok {
		// Unknown values, or problems ValidateConfig already reported.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("policy_json"), types.StringUnknown())...)
		return
	}
	text := lifecycle.Canonical(p)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("policy_json"), types.StringValue(text))...)

	var state lifecyclePolicyModel
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	// Only a plan that creates or changes the policy pays for the simulation, and only once: see
	// impactCheckDue.
	if r.impactCheckDue(plan, state, req.State.Raw.IsNull(), text) {
		r.warnImpact(ctx, plan, p, &resp.Diagnostics)
	}

	// A JSON policy rewritten without a change in meaning keeps its prior text, so the plan is
	// empty. Terraform accepts a planned value equal to the prior one in place of the
	// configuration's: that is how a provider says the two are equivalent.
	if req.State.Raw.IsNull() || plan.Policy.IsNull() {
		return
	}
	if !state.Policy.IsNull() && lifecycle.EquivalentJSON(state.Policy.ValueString(), plan.Policy.ValueString()) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("policy"), state.Policy)...)
	}
}

// impactCheckDue says whether this plan simulates the policy against the repository's images:
//   - only when the policy is created or its canonical text changes;
//   - never for a repository that ecrgov_repository creates in this run: it has no images;
//   - for a change, only in a walk that refreshed this policy, which is the plan. Terraform
//     re-plans each change during apply, in a process that refreshes nothing; the check made at
//     plan is not repeated there. (With -refresh=false the plan skips it too.)
//
// A policy created for a repository that already exists is checked at plan and, because
// nothing tells the apply walk's re-plan from the plan then, once more during apply.
func (r *lifecyclePolicyResource) impactCheckDue(plan, state lifecyclePolicyModel, creating bool, text string) bool {
	repo := plan.Repository.ValueString()
	switch {
	case plan.Repository.IsUnknown() || r.run.isCreating(repo):
		return false
	case creating || !state.Repository.Equal(plan.Repository): // a new policy, or a replacement
		return true
	default:
		return state.PolicyJSON.ValueString() != text && r.run.policyRefreshed(repo)
	}
}

// warnImpact simulates the planned policy against the repository's current images and says
// what applying it now would do; with max_affected_images it fails the plan above that number.
func (r *lifecyclePolicyResource) warnImpact(
	ctx context.Context, plan lifecyclePolicyModel, p lifecycle.Policy, diags *diag.Diagnostics,
) {
	if r.client == nil || plan.Repository.IsUnknown() {
		return // the provider is not configured yet, or the repository is not yet known
	}
	repo := plan.Repository.ValueString()
	listing, err := r.client.LifecycleImages(ctx, repo, plan.ReadIndexManifests.ValueBool())
	if ecrapi.IsNotFound(err) {
		return // created in this apply: it holds no images yet
	}
	if err != nil {
		diags.AddWarning("simulating "+lifecyclePolicyLabel+" ("+repo+")",
			"The impact of this policy could not be shown: "+ecrapi.ErrorDetail(err))
		return
	}
	decisions := decisionsByDigest(lifecycle.Simulate(p, listing.Images, time.Now()))
	outcome := newPreviewOutcome(listing.Images, decisions, nil)
	summary := outcome.summary(10) + indexNote(listing, decisions)
	limit := plan.MaxAffectedImages
	if !limit.IsNull() && !limit.IsUnknown() && int64(outcome.affected()) > limit.ValueInt64() {
		diags.AddAttributeError(path.Root("max_affected_images"), "lifecycle policy ("+repo+") would act on too many images",
			fmt.Sprintf("%s\n\nThat is %d %s, more than max_affected_images = %d. Review the policy, or raise the limit "+
				"if this is intended.",
				summary, outcome.affected(), plural(outcome.affected(), "image", "images"), limit.ValueInt64()))
		return
	}
	if outcome.affected() > 0 {
		diags.AddWarning("lifecycle policy ("+repo+") will act on images", summary+
			"\n\nECR applies lifecycle policies within 24 hours of a change.")
	}
}
