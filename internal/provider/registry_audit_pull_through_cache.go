package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/audit"
)

// The audit's pull through cache rules: each rule, the template that governs the repositories
// it creates, and PULL_THROUGH_CACHE_UNGOVERNED when none does. One DescribePullThroughCacheRules
// per 1,000 rules; the templates are those the audit reads anyway.

var auditPullThroughCacheType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"ecr_repository_prefix": types.StringType, "upstream_registry_url": types.StringType, "upstream_registry": types.StringType,
	"creation_template": types.StringType, "findings": types.ListType{ElemType: types.StringType},
}}

const auditPullThroughCacheDoc = "Pull through cache rule finding code (`pull_through_caches`):\n\n- " +
	"`PULL_THROUGH_CACHE_UNGOVERNED`: no repository creation template applied for `PULL_THROUGH_CACHE` covers the " +
	"rule's whole prefix, so the repositories a first pull creates get ECR's defaults (mutable tags, no lifecycle " +
	"policy).\n\n"

func auditPullThroughCacheAttribute() schema.ListNestedAttribute {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return schema.ListNestedAttribute{
		Computed: true, MarkdownDescription: "One entry per pull through cache rule of the registry, sorted by prefix.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"ecr_repository_prefix": str("The rule's prefix, or `ROOT`."),
			"upstream_registry_url": str("The upstream registry's URL."),
			"upstream_registry":     str("The upstream registry as ECR names it."),
			"creation_template": str("The prefix of the `PULL_THROUGH_CACHE` template that governs the repositories the " +
				"rule creates; null when none covers the whole prefix."),
			"findings": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Finding codes (empty when none)."},
		}},
	}
}

// pullThroughCaches is the pull_through_caches value, counting its findings into summary. It is
// null when the caller may not read the rules or the templates that judge them (the findings are
// then unknown_findings, never absent).
func (reg *auditedRegistry) pullThroughCaches(ctx context.Context, summary map[string]int64) types.List {
	if reg.lacks(permPullThroughCache) || reg.lacks(permTemplates) {
		return types.ListNull(auditPullThroughCacheType)
	}
	for _, code := range audit.AllPullThroughCacheFindings {
		summary[code] += 0
	}
	summary["pull_through_cache_rules"] = int64(len(reg.caches))
	elems := make([]attr.Value, 0, len(reg.caches))
	for _, r := range reg.caches {
		facts := audit.AssessPullThroughCacheRule(r.Prefix, reg.templateRefs)
		for _, code := range facts.Findings {
			summary[code]++
		}
		findings, _ := types.ListValueFrom(ctx, types.StringType, emptyIfNil(facts.Findings))
		elems = append(elems, types.ObjectValueMust(auditPullThroughCacheType.AttrTypes, map[string]attr.Value{
			"ecr_repository_prefix": types.StringValue(r.Prefix), "upstream_registry_url": types.StringValue(r.UpstreamURL),
			"upstream_registry": stringOrNull(r.UpstreamRegistry), "creation_template": stringOrNull(facts.Template), "findings": findings,
		}))
	}
	return types.ListValueMust(auditPullThroughCacheType, elems)
}
