package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithValidateConfig = &signingConfigurationResource{}

// ValidateConfig refuses what the rules' schema cannot see one rule at a time, as the scanning
// configuration's does: two rules that say the same thing (one profile, the same filters), which
// ECR would store twice and a plan diff would show as churn; and it warns when a profile has a
// rule without filters (every repository) beside narrower rules for it, which then change
// nothing.
func (r *signingConfigurationResource) ValidateConfig(
	ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse,
) {
	var cfg signingConfigurationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || cfg.Rules.IsNull() || cfg.Rules.IsUnknown() {
		return
	}
	var rules []signingRuleModel
	if resp.Diagnostics.Append(cfg.Rules.ElementsAs(ctx, &rules, false)...); resp.Diagnostics.HasError() {
		return
	}
	seen := map[string]int{}
	everyRepository := map[string]bool{}
	for i, rule := range rules {
		if rule.ProfileARN.IsUnknown() {
			return
		}
		var filters []string
		for _, f := range rule.Filters {
			if f.Filter.IsUnknown() || f.FilterType.IsUnknown() {
				return
			}
			filters = append(filters, f.FilterType.ValueString()+" "+f.Filter.ValueString())
		}
		slices.Sort(filters)
		key := rule.ProfileARN.ValueString() + "\x00" + strings.Join(filters, "\x00")
		if first, ok := seen[key]; ok {
			resp.Diagnostics.AddAttributeError(path.Root("rule").AtListIndex(i), "Duplicate signing rule",
				fmt.Sprintf("Rule %d repeats rule %d: the same signing profile with the same repository filters. Remove one.", i, first))
			continue
		}
		seen[key] = i
		if len(filters) == 0 {
			everyRepository[rule.ProfileARN.ValueString()] = true
		}
	}
	for i, rule := range rules {
		if len(rule.Filters) > 0 && everyRepository[rule.ProfileARN.ValueString()] {
			resp.Diagnostics.AddAttributeWarning(path.Root("rule").AtListIndex(i), "Signing rule changes nothing",
				"Another rule signs every repository with the same profile (it has no repository_filter), so this rule's "+
					"filters add nothing.")
		}
	}
}
