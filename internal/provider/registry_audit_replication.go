package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/audit"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/creationtemplate"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

// The audit's replication part: one DescribeRegistry, then one DescribeRepositoryCreationTemplates
// per Region of the registry's own account that a rule replicates to (the source Region's
// templates, already read, are not asked again).

var auditReplicationRuleType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "delete_replication": types.BoolType,
	"ungoverned_destinations": types.ListType{ElemType: types.StringType}, "findings": types.ListType{ElemType: types.StringType},
}}

func auditReplicationRulesAttribute() schema.ListNestedAttribute {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return schema.ListNestedAttribute{Computed: true,
		MarkdownDescription: "Each rule of the registry's replication configuration, in ECR's order, with its " +
			"findings: `REPLICATION_UNGOVERNED` (a destination in this account has no creation template applied for " +
			"`REPLICATION` covering the repositories the rule replicates: they arrive with default settings) and " +
			"`DELETE_REPLICATION` (deletions replicate: a lifecycle expiry or tag removal in the source deletes in every " +
			"destination). Each code also appears once in `registry_findings` when any rule has it.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"id":                 str("The rule's ID, as `ecrgov_replication_rule` has it."),
			"delete_replication": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether deletions replicate."},
			"ungoverned_destinations": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "The destinations (`region/registry_id`) in this account whose Region's templates leave " +
					"some replicated repositories ungoverned."},
			"findings": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The rule's finding codes."},
		}},
	}
}

// auditedReplication is what the audit read of replication.
type auditedReplication struct {
	registry  string
	rules     []replication.Rule
	templates map[string][]creationtemplate.Template // by destination Region, own account only
	// templatesKnown is false when the audit could not read the templates: no rule is then
	// judged REPLICATION_UNGOVERNED (the code is in unknown_findings instead).
	templatesKnown bool
}

// templatesKnown is false when the caller may not read the templates: the rules are still read
// (DELETE_REPLICATION is judged), and REPLICATION_UNGOVERNED is left unknown.
func gatherReplication(
	ctx context.Context, client *ecrapi.Client, sourceTemplates []creationtemplate.Template, templatesKnown bool,
) (*auditedReplication, error) {
	registry, rules, err := client.FindReplicationConfiguration(ctx)
	if err != nil {
		return nil, err
	}
	out := &auditedReplication{registry: registry, rules: rules, templates: map[string][]creationtemplate.Template{},
		templatesKnown: templatesKnown}
	for _, r := range rules {
		if !templatesKnown {
			break
		}
		for _, d := range r.Destinations {
			if _, done := out.templates[d.Region]; done || d.RegistryID != registry {
				continue
			}
			if d.Region == client.Region {
				out.templates[d.Region] = sourceTemplates
				continue
			}
			list, err := client.InRegion(d.Region).ListCreationTemplates(ctx)
			if err != nil {
				return nil, err
			}
			refs := make([]creationtemplate.Template, len(list))
			for i, t := range list {
				refs[i] = creationtemplate.Template{Prefix: t.Prefix, AppliedFor: t.AppliedFor}
			}
			out.templates[d.Region] = refs
		}
	}
	return out, nil
}

// value is the replication_rules attribute; counts adds each finding to the summary, and the
// codes any rule has are returned for registry_findings.
// It is null when the caller may not read the replication configuration.
func (a *auditedReplication) value(ctx context.Context, summary map[string]int64) (types.List, []string) {
	if a == nil {
		return types.ListNull(auditReplicationRuleType), nil
	}
	elems := make([]attr.Value, 0, len(a.rules))
	var codes []string
	for _, r := range a.rules {
		f := audit.AssessReplicationRule(r, a.registry, a.templates)
		if !a.templatesKnown {
			f.Findings = slices.DeleteFunc(f.Findings, func(c string) bool { return c == audit.ReplicationUngoverned })
			f.UngovernedDestinations = nil
		}
		for _, code := range f.Findings {
			summary[code]++
			if !slices.Contains(codes, code) {
				codes = append(codes, code)
			}
		}
		ungoverned, _ := types.ListValueFrom(ctx, types.StringType, emptyIfNil(f.UngovernedDestinations))
		findings, _ := types.ListValueFrom(ctx, types.StringType, emptyIfNil(f.Findings))
		elems = append(elems, types.ObjectValueMust(auditReplicationRuleType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(r.Key()), "delete_replication": types.BoolValue(r.DeleteReplication),
			"ungoverned_destinations": ungoverned, "findings": findings,
		}))
	}
	slices.SortFunc(codes, func(x, y string) int {
		return slices.Index(audit.AllReplicationFindings, x) - slices.Index(audit.AllReplicationFindings, y)
	})
	return types.ListValueMust(auditReplicationRuleType, elems), codes
}
