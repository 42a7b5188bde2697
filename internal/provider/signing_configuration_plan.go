package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/signing"
)

// ModifyPlan warns, by name, about the repositories that are signed today and would not be (or
// would lose a profile) under the planned rules. It reads only when the rules are created or
// change: one GetSigningConfiguration and one DescribeRepositories per 1,000 repositories.
func (r *signingConfigurationResource) ModifyPlan(
	ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var plan signingConfigurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.Rules.IsUnknown() {
		return
	}
	var diags diag.Diagnostics
	desired := signingRulesFrom(ctx, plan.Rules, &diags)
	if diags.HasError() {
		return
	}
	current, err := r.currentRules(ctx)
	if err == nil && sameSigningRules(current, desired) {
		return
	}
	var repos []ecrapi.Repository
	if err == nil {
		repos, err = r.client.ListRepositories(ctx)
	}
	if err != nil {
		resp.Diagnostics.AddWarning("checking "+signingConfigLabel,
			"Which repositories this change would stop signing could not be checked: "+ecrapi.ErrorDetail(err))
		return
	}
	var lost []string
	for _, repo := range repos {
		before, after := signing.Profiles(toSigningRules(current), repo.Name), signing.Profiles(toSigningRules(desired), repo.Name)
		var dropped []string
		for _, p := range before {
			if !slices.Contains(after, p) {
				dropped = append(dropped, p)
			}
		}
		if len(dropped) > 0 {
			lost = append(lost, fmt.Sprintf("%s (no longer signed by %s)", repo.Name, strings.Join(dropped, ", ")))
		}
	}
	if len(lost) == 0 {
		return
	}
	more := ""
	if len(lost) > 10 {
		more, lost = fmt.Sprintf("\n  ... and %d more", len(lost)-10), lost[:10]
	}
	resp.Diagnostics.AddAttributeWarning(path.Root("rule"), "Repositories would stop being signed",
		"Images pushed to these repositories after the change would not be signed by profiles that sign them today:\n\n  "+
			strings.Join(lost, "\n  ")+more+"\n\nA deployment that requires signatures (require_signed on "+
			"ecrgov_image_tag) would then refuse them.")
}
