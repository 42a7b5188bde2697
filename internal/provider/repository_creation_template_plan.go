package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/creationtemplate"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/mutability"
)

// ValidateConfig checks, before anything is planned, every rule ECR would otherwise enforce only
// when it creates a repository from the template, which is too late: a template that cannot
// create repositories fails pushes, not applies.
func (r *repositoryCreationTemplateResource) ValidateConfig(
	ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse,
) {
	var cfg creationTemplateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateMutabilityConfig(cfg.ImageTagMutability, cfg.ExclusionFilters, &resp.Diagnostics)
	cfg.policySource().validate(ctx, false, &resp.Diagnostics)

	encryption := cfg.EncryptionType.ValueString()
	if cfg.EncryptionType.IsNull() {
		encryption = ecrapi.DefaultEncryptionType
	}
	if !cfg.KMSKey.IsNull() && !cfg.EncryptionType.IsUnknown() && !ecrapi.UsesKMS(encryption) {
		resp.Diagnostics.AddAttributeError(path.Root("kms_key"), "kms_key needs KMS encryption",
			"kms_key applies only when encryption_type is KMS or KMS_DSSE. Set encryption_type = \"KMS\", or remove kms_key.")
	}
	if cfg.CustomRoleARN.IsNull() {
		var needs []string
		if !cfg.ResourceTags.IsUnknown() && len(cfg.ResourceTags.Elements()) > 0 {
			needs = append(needs, "resource_tags")
		}
		if !cfg.EncryptionType.IsUnknown() && ecrapi.UsesKMS(encryption) {
			needs = append(needs, "encryption_type = \""+encryption+"\"")
		}
		if len(needs) > 0 {
			resp.Diagnostics.AddAttributeError(path.Root("custom_role_arn"), "custom_role_arn is required",
				"A template with "+strings.Join(needs, " and ")+" needs custom_role_arn: \"This role must be provided when "+
					"using repository "+
					"tags and/or KMS in the template, otherwise the repository creation will fail\" (Amazon ECR User Guide, "+
					"repository creation templates).")
		}
	}

}

// ModifyPlan shows the canonical lifecycle policy that will be sent, keeps a JSON policy
// rewritten without a change in meaning as it was, and, when a template is created, says which
// templates already govern part of its namespace.
func (r *repositoryCreationTemplateResource) ModifyPlan(
	ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan, state creationTemplateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	policyJSON := types.StringNull()
	if src := plan.policySource(); src.set() {
		var diags diag.Diagnostics // ValidateConfig reported any problem
		if p, ok := src.policy(ctx, &diags); ok {
			policyJSON = types.StringValue(lifecycle.Canonical(p))
		} else {
			policyJSON = types.StringUnknown()
		}
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("lifecycle_policy_json"), policyJSON)...)
	if !req.State.Raw.IsNull() && !plan.LifecyclePolicy.IsNull() && !state.LifecyclePolicy.IsNull() &&
		!plan.LifecyclePolicy.IsUnknown() && lifecycle.EquivalentJSON(state.LifecyclePolicy.ValueString(), plan.LifecyclePolicy.ValueString()) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("lifecycle_policy"), state.LifecyclePolicy)...)
	}

	if req.State.Raw.IsNull() && !plan.Prefix.IsUnknown() {
		r.checkNamespace(ctx, plan.Prefix.ValueString(), &resp.Diagnostics)
	}
	if !plan.Prefix.IsUnknown() && !plan.AppliedFor.IsUnknown() {
		// A pull through cache rule planned later in this walk counts this template as coming.
		r.run.markTemplatePlanned(plan.Prefix.ValueString(), stringsFromCollection(ctx, plan.AppliedFor, &resp.Diagnostics))
	}
	warnImmutableCache(ctx, plan, &resp.Diagnostics)
}

// warnImmutableCache warns of a template that gives a pull through cache immutable tags. It runs
// at plan, not in ValidateConfig, which Terraform calls twice per plan (validate, then plan
// walk), so the warning would be shown twice.
func warnImmutableCache(ctx context.Context, plan creationTemplateModel, diags *diag.Diagnostics) {
	if plan.AppliedFor.IsUnknown() || plan.ImageTagMutability.IsUnknown() {
		return
	}
	mode := plan.ImageTagMutability.ValueString()
	if plan.ImageTagMutability.IsNull() {
		mode = mutability.Immutable
	}
	if slices.Contains(stringsFromCollection(ctx, plan.AppliedFor, diags), "PULL_THROUGH_CACHE") && mode == mutability.Immutable {
		diags.AddAttributeWarning(path.Root("image_tag_mutability"), "A pull through cache cannot refresh immutable tags",
			"This template applies to PULL_THROUGH_CACHE with IMMUTABLE tags, so a cached tag can never be updated from "+
				"upstream. "+
				"The User Guide recommends MUTABLE for pull through cache templates \"This ensures that Amazon ECR can "+
				"update the cached images "+
				"when the tags are the same.\" Use a separate template for PULL_THROUGH_CACHE, or IMMUTABLE_WITH_EXCLUSION "+
				"for the tags that move.")
	}
}

// checkNamespace warns when the prefix already has a template (the create will fail), and when more
// specific templates govern part of the namespace: "if one template has the
// prefix "prod" and the other has the prefix "prod/team", the template with the prefix
// "prod/team" will be applied to all repositories whose names start with "prod/team/"" (Amazon
// ECR User Guide, repository creation templates). One DescribeRepositoryCreationTemplates page.
func (r *repositoryCreationTemplateResource) checkNamespace(
	ctx context.Context, prefix string, diags *diag.Diagnostics,
) {
	if r.client == nil {
		return // the provider is not configured yet
	}
	existing, err := r.client.ListCreationTemplates(ctx)
	if err != nil {
		diags.AddWarning("reading ECR repository creation templates",
			"Which templates already govern this namespace could not be checked: "+ecrapi.ErrorDetail(err))
		return
	}
	prefixes := make([]string, 0, len(existing))
	for _, t := range existing {
		prefixes = append(prefixes, t.Prefix)
	}
	if slices.Contains(prefixes, prefix) {
		// A warning, not an error: Terraform's destroy first runs a normal plan to refresh, and
		// nothing in that request tells a provider so, so an error here would block destroying a
		// state beside a template another state made. The create itself refuses the prefix.
		diags.AddAttributeWarning(path.Root("prefix"), creationTemplateLabel+" ("+prefix+") already exists",
			"A template for this prefix already exists, so applying this plan will fail unless the same apply "+
				"destroys it first. If a resource of this configuration manages it under another address (a rename), "+
				"add a moved block instead, which changes nothing in ECR. To manage a template made elsewhere, import "+
				"it:\n\n  terraform import <address> "+prefix)
		return
	}
	if shadowing := creationtemplate.Shadowing(prefix, prefixes); len(shadowing) > 0 {
		diags.AddAttributeWarning(path.Root("prefix"), "More specific templates govern part of this namespace",
			"ECR uses the template with the most specific prefix. Repositories created under these prefixes get their "+
				"settings, not this "+
				"template's:\n\n  "+strings.Join(shadowing, "\n  ")+"\n\nUse provider::ecrgov::creation_template_for to "+
				"assert which template "+
				"governs a name in terraform test.")
	}
}
