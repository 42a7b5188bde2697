package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

// policySource is where a configuration gives a lifecycle policy: typed rule blocks, or JSON in
// one attribute. ecrgov_lifecycle_policy and ecrgov_repository_creation_template share it, so a
// policy is validated, and its problems reported on the field to fix, the same way in both.
type policySource struct {
	jsonAttr string // the attribute that holds the JSON form
	json     lifecyclePolicyJSON
	rules    types.List
}

// set reports whether the configuration gives a policy in either form.
func (s policySource) set() bool {
	return !s.json.IsNull() || s.rules.IsUnknown() || len(s.rules.Elements()) > 0
}

// validate checks that at most one form is used (exactly one when required), then checks the
// policy.
func (s policySource) validate(ctx context.Context, required bool, diags *diag.Diagnostics) {
	hasRules := s.rules.IsUnknown() || len(s.rules.Elements()) > 0
	switch {
	case !s.json.IsNull() && hasRules:
		diags.AddAttributeError(path.Root(s.jsonAttr), "Conflicting lifecycle policy sources",
			"Set either rule blocks or "+s.jsonAttr+", not both.")
		return
	case !s.set() && required:
		diags.AddAttributeError(path.Root("rule"), "Missing lifecycle policy",
			"Set at least one rule block, or "+s.jsonAttr+" with the policy JSON.")
		return
	case !s.set():
		return
	}
	s.policy(ctx, diags)
}

// policy returns the configured policy when it is known and valid, reporting any problem on its
// path.
func (s policySource) policy(ctx context.Context, diags *diag.Diagnostics) (lifecycle.Policy, bool) {
	if !s.json.IsNull() {
		if s.json.IsUnknown() {
			return lifecycle.Policy{}, false
		}
		p, problems := lifecycle.ParseAndValidate(s.json.ValueString())
		if len(problems) > 0 {
			addJSONPolicyProblems(diags, problems, path.Root(s.jsonAttr))
			return lifecycle.Policy{}, false
		}
		return p, true
	}
	p, known, missing, d := policyFromRules(ctx, s.rules)
	diags.Append(d...)
	if !known || d.HasError() {
		return lifecycle.Policy{}, false
	}
	if problems := lifecycle.Validate(p); len(problems) > 0 {
		addRuleProblems(diags, missing.drop(problems))
		return lifecycle.Policy{}, false
	}
	return p, true
}
