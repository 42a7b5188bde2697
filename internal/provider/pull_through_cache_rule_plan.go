package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/creationtemplate"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/pullthroughcache"
)

// rule is the configuration as the domain package takes it; unknown values are "".
func (m pullThroughCacheRuleModel) rule() pullthroughcache.Rule {
	return pullthroughcache.Rule{
		Prefix: m.Prefix.ValueString(), UpstreamURL: m.UpstreamURL.ValueString(), CredentialARN: m.CredentialARN.ValueString(),
		CustomRoleARN: m.CustomRoleARN.ValueString(), UpstreamPrefix: m.UpstreamPrefix.ValueString(),
	}
}

// known reports whether every attribute the cross-attribute checks read is known.
func (m pullThroughCacheRuleModel) known() bool {
	return !m.Prefix.IsUnknown() && !m.UpstreamURL.IsUnknown() && !m.CredentialARN.IsUnknown() &&
		!m.CustomRoleARN.IsUnknown() && !m.UpstreamPrefix.IsUnknown()
}

// ValidateConfig reports what spans attributes and needs no account: the credentials an
// upstream requires, and an upstream prefix under a ROOT rule. The checks that need the
// registry's account and Region run in ModifyPlan, once the provider is configured.
func (r *pullThroughCacheRuleResource) ValidateConfig(
	ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse,
) {
	var cfg pullThroughCacheRuleModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || !cfg.known() {
		return
	}
	for _, p := range pullthroughcache.Check(cfg.rule(), "", "") {
		resp.Diagnostics.AddAttributeError(path.Root(p.Attribute), p.Summary, p.Detail)
	}
	for _, p := range pullthroughcache.Warnings(cfg.rule()) {
		resp.Diagnostics.AddAttributeWarning(path.Root(p.Attribute), p.Summary, p.Detail)
	}
}

// ModifyPlan plans upstream_registry from the URL, checks what needs the registry's account and
// Region (the secret's account and Region, a role for an ECR upstream in another account) when
// those settings are new or changed, and, for a new rule, whether a PULL_THROUGH_CACHE template
// covers its prefix. Costs: one DescribeRegistry per run (cached) when the account is needed, and
// one DescribeRepositoryCreationTemplates page per 1,000 templates for a new rule.
func (r *pullThroughCacheRuleResource) ModifyPlan(
	ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan, state pullThroughCacheRuleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	creating := req.State.Raw.IsNull()
	if !creating {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	switch {
	case !creating && plan.UpstreamURL.Equal(state.UpstreamURL):
		// What ECR reported stays: a name ECR gives differently from this mapping must not
		// plan an update on every run.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("upstream_registry"), state.UpstreamRegistry)...)
	case !plan.UpstreamURL.IsUnknown():
		if upstream, err := pullthroughcache.Upstream(plan.UpstreamURL.ValueString()); err == nil {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("upstream_registry"), upstream)...)
		}
	default:
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("upstream_registry"), types.StringUnknown())...)
	}
	if r.client == nil || !plan.known() {
		return
	}
	changed := creating || !plan.CredentialARN.Equal(state.CredentialARN) || !plan.CustomRoleARN.Equal(state.CustomRoleARN)
	if changed {
		r.checkAccount(ctx, plan, &resp.Diagnostics)
	}
	if creating {
		r.checkGoverned(ctx, plan, &resp.Diagnostics)
	}
}

// checkAccount reports the problems only the registry's account and Region reveal; ValidateConfig
// reported the others.
func (r *pullThroughCacheRuleResource) checkAccount(
	ctx context.Context, plan pullThroughCacheRuleModel, diags *diag.Diagnostics,
) {
	account, err := r.client.RegistryID(ctx)
	if err != nil {
		diags.AddWarning("reading the ECR registry ID",
			"Whether the secret and the upstream are in this registry's account could not be checked: "+ecrapi.ErrorDetail(err))
		return
	}
	seen := map[pullthroughcache.Problem]bool{}
	for _, p := range pullthroughcache.Check(plan.rule(), "", "") {
		seen[p] = true
	}
	for _, p := range pullthroughcache.Check(plan.rule(), account, r.client.Region) {
		if !seen[p] {
			diags.AddAttributeError(path.Root(p.Attribute), p.Summary, p.Detail)
		}
	}
}

// checkGoverned warns, or with require_creation_template fails, when no repository creation
// template applied for PULL_THROUGH_CACHE covers the whole prefix: the repositories the rule
// creates would get ECR's defaults. Templates this walk plans to create count (Terraform plans a
// template the rule depends on first).
func (r *pullThroughCacheRuleResource) checkGoverned(
	ctx context.Context, plan pullThroughCacheRuleModel, diags *diag.Diagnostics,
) {
	prefix := plan.Prefix.ValueString()
	existing, err := r.client.ListCreationTemplates(ctx)
	if err != nil {
		diags.AddWarning("reading ECR repository creation templates",
			"Whether a template governs the repositories this rule creates could not be checked: "+ecrapi.ErrorDetail(err))
		return
	}
	templates := make([]pullthroughcache.Template, 0, len(existing))
	for _, t := range existing {
		templates = append(templates, creationtemplate.Template{Prefix: t.Prefix, AppliedFor: t.AppliedFor})
	}
	templates = append(templates, r.run.templatesPlanned()...)
	if pullthroughcache.GoverningTemplate(prefix, templates) != "" {
		return
	}
	summary := "No creation template governs the repositories this rule creates"
	detail := "No repository creation template applied for PULL_THROUGH_CACHE covers " + namespaceOf(prefix) + ", so every repository a " +
		"first pull creates there gets ECR's defaults: mutable tags, no lifecycle policy, no repository policy. Add an " +
		"ecrgov_repository_creation_template with prefix = \"" + prefix + "\" (or a namespace that holds it) and " +
		"applied_for including \"PULL_THROUGH_CACHE\", and make this rule depend on it so that its plan comes first."
	if plan.RequireTemplate.ValueBool() {
		diags.AddAttributeError(path.Root("ecr_repository_prefix"), summary, detail+" require_creation_template = true "+
			"makes this an error.")
		return
	}
	diags.AddAttributeWarning(path.Root("ecr_repository_prefix"), summary, detail+" Set require_creation_template = "+
		"true to make this an error.")
}

func namespaceOf(prefix string) string {
	if prefix == pullthroughcache.Root {
		return "every repository (a ROOT rule needs a ROOT template)"
	}
	return "\"" + prefix + "/\""
}

// requiresReplaceWhenRemoved replaces the resource when a value in state is removed from the
// configuration: UpdatePullThroughCacheRule can set a credential or a role, but not clear one.
func requiresReplaceWhenRemoved() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.StateValue.IsNull() && req.PlanValue.IsNull()
	}, "Removing the value replaces the rule: ECR's update can change it but not clear it.",
		"Removing the value replaces the rule: ECR's update can change it but not clear it.")
}

// markTemplatePlanned records a creation template this walk plans to create or change.
func (s *runState) markTemplatePlanned(prefix string, appliedFor []string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.plannedTemplates == nil {
		s.plannedTemplates = map[string][]string{}
	}
	s.plannedTemplates[prefix] = appliedFor
}

// templatesPlanned returns the creation templates this walk plans.
func (s *runState) templatesPlanned() []creationtemplate.Template {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]creationtemplate.Template, 0, len(s.plannedTemplates))
	for prefix, applied := range s.plannedTemplates {
		out = append(out, creationtemplate.Template{Prefix: prefix, AppliedFor: applied})
	}
	return out
}
