package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/creationtemplate"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

// ValidateConfig checks the rule against ECR's limits, on the block to fix, before anything is sent.
func (r *replicationRuleResource) ValidateConfig(
	ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse,
) {
	var cfg replicationRuleModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || !cfg.known() {
		return
	}
	for _, p := range cfg.rule(ctx, &resp.Diagnostics).Problems() {
		resp.Diagnostics.AddAttributeError(path.Root(p.Attribute), "Invalid replication rule", p.Message)
	}
}

// ModifyPlan knows the rule's ID at plan, and when the rule is created or changed: names a rule
// the configuration already holds (someone else's, with the import command), refuses a configuration
// that would exceed ECR's 10 rules, and warns about delete replication and about destinations in
// this account whose replicated repositories no REPLICATION template would govern.
func (r *replicationRuleResource) ModifyPlan(
	ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var plan replicationRuleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !plan.known() {
		return
	}
	want := plan.rule(ctx, &resp.Diagnostics)
	if len(want.Problems()) > 0 {
		return // ValidateConfig said which
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), want.Key())...)
	oldKey := ""
	if !req.State.Raw.IsNull() {
		var state replicationRuleModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		oldKey = state.ID.ValueString()
		if oldKey == want.Key() && state.DeleteReplication.Equal(plan.DeleteReplication) {
			return // nothing changes
		}
	}
	registry, err := r.client.RegistryID(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", "ECR registry", "registry", err)
		return
	}
	for _, d := range want.Destinations {
		if d.Region == r.client.Region && d.RegistryID == registry {
			resp.Diagnostics.AddAttributeError(path.Root("destination"), "Replication to the source",
				fmt.Sprintf("Destination %s is this registry in this Region, the source of the replication; ECR refuses it "+
					"(\"Replication destination cannot be the same as the source registry\"). Name another Region or account.", d))
			return
		}
	}
	rules, err := r.client.FindReplicationRules(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", "ECR replication configuration", r.client.Region, err)
		return
	}
	// A warning, not an error: the plan of a tainted resource's replacement (an interrupted create)
	// meets its own rule, which the replacement removes before it writes it again. Otherwise the
	// create refuses it (ExistsError).
	if want.Key() != oldKey && replication.Find(rules, want) >= 0 {
		resp.Diagnostics.AddAttributeWarning(path.Root("destination"), "Replication rule already exists",
			fmt.Sprintf("The registry's replication configuration already holds a rule with these destinations and "+
				"filters (%s): "+
				"another resource, another state or the console declares it, and two resources with the same destinations "+
				"and filters "+
				"would be one rule, so the create will fail, unless this plan replaces this resource's own rule. To manage "+
				"it here, "+
				"import it:\n\n  terraform import <address> %s", want.Key(), want.Key()))
	}
	others := 0
	held := map[string]bool{}
	for _, rule := range rules {
		held[rule.Key()] = true
		if k := rule.Key(); k != oldKey && k != want.Key() {
			others++
		}
	}
	// The new rules the other resources of this walk plan count too: a configuration that adds two
	// rules to nine fails here, before anything is written, not half-way through the apply.
	newInWalk := 0
	if want.Key() != oldKey && !held[want.Key()] {
		newInWalk = r.run.planNewReplicationRule(want.Key(), held)
	}
	if others+newInWalk+1 > replication.MaxRules {
		resp.Diagnostics.AddAttributeError(path.Root("destination"), "Too many replication rules",
			fmt.Sprintf("The registry's replication configuration holds %d other rules, this plan adds %d more besides "+
				"this one, and ECR allows %d (ReplicationConfiguration, API reference). Add this rule's destinations to an "+
				"existing rule with the same filters, or remove a rule.", others, newInWalk, replication.MaxRules))
		return
	}
	if plan.DeleteReplication.ValueBool() {
		resp.Diagnostics.AddAttributeWarning(path.Root("delete_replication"), "Deletions replicate to every destination",
			"With delete_replication, image deletions and tag removals in the source are made in each destination ("+
				destinationList(want)+"): a lifecycle policy that expires an image in the source deletes it in every destination, "+
				"and removing a tag in the source removes it there. A destination is then no backup of the source.")
	}
	r.warnUngoverned(ctx, want, registry, resp)
}

// warnUngoverned warns, for each destination in this account, when no template applied for
// REPLICATION in the destination Region covers the repositories the rule replicates: ECR creates
// them there with default settings (mutable tags, no lifecycle policy, no repository policy).
func (r *replicationRuleResource) warnUngoverned(
	ctx context.Context, want replication.Rule, registry string, resp *resource.ModifyPlanResponse,
) {
	for _, d := range want.Canonical().Destinations {
		if d.RegistryID != registry {
			continue // another account's templates are not ours to read
		}
		templates, err := r.client.InRegion(d.Region).ListCreationTemplates(ctx)
		if err != nil {
			resp.Diagnostics.AddWarning("Could not read the creation templates of "+d.Region,
				"Whether replicated repositories arrive governed in "+d.Region+" is unknown: "+ecrapi.ErrorDetail(err))
			continue
		}
		refs := make([]creationtemplate.Template, len(templates))
		for i, t := range templates {
			refs[i] = creationtemplate.Template{Prefix: t.Prefix, AppliedFor: t.AppliedFor}
		}
		if missing := want.UngovernedFilters(refs); len(missing) > 0 {
			resp.Diagnostics.AddAttributeWarning(path.Root("destination"), "Replicated repositories arrive ungoverned in "+d.Region,
				fmt.Sprintf("No repository creation template applied for REPLICATION in %s covers %s, so ECR creates the "+
					"replicated "+
					"repositories there with default settings: mutable tags, no lifecycle policy, no repository policy. Add an "+
					"ecrgov_repository_creation_template in %s with applied_for = [\"REPLICATION\"] for the namespace (or ROOT).",
					d.Region, describeFilters(missing), d.Region))
		}
	}
}

func destinationList(rule replication.Rule) string {
	parts := make([]string, len(rule.Destinations))
	for i, d := range rule.Canonical().Destinations {
		parts[i] = d.String()
	}
	return strings.Join(parts, ", ")
}

func describeFilters(filters []string) string {
	if len(filters) == 1 && filters[0] == "" {
		return "every repository (the rule has no filter)"
	}
	return "the repositories starting with " + strings.Join(quoteAll(filters), ", ")
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

// planNewReplicationRule records a rule this walk plans to add (a create, or an update to a new
// identity) and returns how many other such rules the walk has planned that the registry does
// not hold yet. Each resource records itself before it counts, so two planned at once each see
// the other.
func (s *runState) planNewReplicationRule(key string, held map[string]bool) int {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.plannedReplicationRules == nil {
		s.plannedReplicationRules = map[string]bool{}
	}
	s.plannedReplicationRules[key] = true
	n := 0
	for k := range s.plannedReplicationRules {
		if k != key && !held[k] {
			n++
		}
	}
	return n
}
