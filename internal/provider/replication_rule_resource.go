package provider

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

var (
	_ resource.ResourceWithImportState    = &replicationRuleResource{}
	_ resource.ResourceWithIdentity       = &replicationRuleResource{}
	_ resource.ResourceWithModifyPlan     = &replicationRuleResource{}
	_ resource.ResourceWithValidateConfig = &replicationRuleResource{}
)

func newReplicationRuleResource() resource.Resource { return &replicationRuleResource{} }

// replicationRuleResource is one rule of the registry's replication configuration. Any number of
// them, in any number of states, share the configuration: each changes only its own rule
// (ecrapi.CreateReplicationRule and friends; DESIGN.md, "Replication rules that merge").
type replicationRuleResource struct {
	client *ecrapi.Client
	run    *runState
}

func (r *replicationRuleResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_replication_rule"
}

func (r *replicationRuleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One rule of the registry's replication configuration (PutReplicationConfiguration, " +
			"DescribeRegistry). Unlike a resource that owns the whole configuration, any number of " +
			"`ecrgov_replication_rule` resources, in any number of states, share it: create, update and destroy read the " +
			"configuration, change only their own rule, write it back and read it again to confirm, retrying within a " +
			"bound when a concurrent writer removed the change. A rule is identified by its destinations and repository " +
			"filters; two resources that declare the same ones are the same rule, and the second create fails with the " +
			"import command. The plan checks ECR's limits (1-100 destinations and at most 100 filters a rule, 10 rules in " +
			"the configuration) and refuses the source registry and Region as a destination, warns when " +
			"`delete_replication` is on, and warns when a destination in this account has no creation template applied " +
			"for `REPLICATION` that covers the filtered repositories (they would arrive ungoverned). Replication copies " +
			"only images pushed after the rule exists; the `ecrgov_start_replication_backfill` action copies the older " +
			"ones.",
		Attributes: map[string]schema.Attribute{
			// No UseStateForUnknown: the ID follows the destinations and filters, which update in
			// place, so ModifyPlan sets it when they are known and it is unknown otherwise.
			"id": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "The rule's identity and import ID: the destinations as `region/registry_id` and the " +
					"filters, each sorted and comma-separated, joined by `:` " +
					"(`eu-west-1/111122223333,us-west-2/111122223333:prod/,team/`; nothing after the `:` without filters).",
			},
			"delete_replication": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Replicate deletions too (ECR's delete replication): image deletions and tag removals " +
					"in the source, including those a lifecycle policy makes, are made in every destination. Default `false`. " +
					"The plan warns when it is on.",
			},
		},
		Blocks: map[string]schema.Block{
			"destination": schema.SetNestedBlock{
				MarkdownDescription: "Where the rule replicates to (1-100).",
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"region": schema.StringAttribute{Required: true, MarkdownDescription: "The destination Region."},
					"registry_id": schema.StringAttribute{Required: true, MarkdownDescription: "The destination registry (the " +
						"AWS account ID); the source's own account for cross-Region replication."},
				}},
			},
			"repository_filter": schema.SetNestedBlock{
				MarkdownDescription: "Which repositories the rule replicates (at most 100); without any, every repository.",
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"filter": schema.StringAttribute{Required: true,
						MarkdownDescription: "A repository name prefix: the rule replicates the repositories whose names start with it."},
					"filter_type": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(prefixMatch),
						MarkdownDescription: "`PREFIX_MATCH`, the only type ECR supports (the default).",
						Validators:          []validator.String{stringvalidator.OneOf(prefixMatch)}},
				}},
			},
		},
	}
}

const prefixMatch = "PREFIX_MATCH"

func (r *replicationRuleResource) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
	r.run = runFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *replicationRuleResource) Create(
	ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse,
) {
	var plan replicationRuleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	rule := plan.rule(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := rule.Key()
	// The rule is in state before the write: a write that fails or is cut off (Ctrl-C while it is
	// in flight, when it may still land) leaves a tainted resource, whose replacement removes the
	// rule and writes it again, instead of a rule no state knows that the next create refuses.
	plan.ID = types.StringValue(id)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setReplicationRuleIdentity(ctx, resp.Identity, &resp.Diagnostics, rule)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.CreateReplicationRule(ctx, rule); err != nil {
		var exists *ecrapi.ExistsError
		if errors.As(err, &exists) {
			// Someone else's rule, found before anything was written: this state records nothing.
			resp.State.RemoveResource(ctx)
			addExistsError(&resp.Diagnostics, "creating", replicationRuleLabel, id, err)
		} else {
			addActionError(&resp.Diagnostics, "creating", replicationRuleLabel, id, err, replicationRaceAdvice(err))
		}
	}
}

func (r *replicationRuleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state replicationRuleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// After an import only the ID is known: it names the rule.
	want, err := replication.ParseKey(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("reading "+replicationRuleLabel, "The ID "+state.ID.String()+" does not name a rule: "+err.Error())
		return
	}
	setReplicationRuleIdentity(ctx, resp.Identity, &resp.Diagnostics, want)
	found, err := r.client.FindReplicationRule(ctx, want)
	switch {
	case ecrapi.IsNotFound(err):
		if replaced := r.lostUpdate(ctx, req, resp); replaced != nil {
			want, found, err = *replaced, replaced, nil
			state.ID = types.StringValue(want.Key())
			setReplicationRuleIdentity(ctx, resp.Identity, &resp.Diagnostics, want)
		}
	case err == nil:
		// The update held: the rule it replaced is no longer this resource's.
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, replacedRuleKey, nil)...)
	}
	if readFailed(ctx, resp, replicationRuleLabel, want.Key(), err) {
		return
	}
	resp.Diagnostics.Append(state.fill(ctx, *found)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// replacedRuleKey is the private-state key under which an update that changed the rule's
// identity (its destinations or filters) records the rule it replaced.
const replacedRuleKey = "replaced_rule"

// lostUpdate looks for the rule an identity-changing update replaced, when the updated rule is
// missing. ECR has no conditional write: another state's stale write can land after the update's
// read-back and put the old rule back (DESIGN, "Replication rules that merge"). Then the old rule
// is this resource's, not an orphan: the state goes back to it, so that the plan updates it again
// instead of creating the new rule beside it. nil when there is no such record or rule.
func (r *replicationRuleResource) lostUpdate(
	ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse,
) *replication.Rule {
	raw, diags := req.Private.GetKey(ctx, replacedRuleKey)
	resp.Diagnostics.Append(diags...)
	var key string
	if len(raw) == 0 || json.Unmarshal(raw, &key) != nil {
		return nil
	}
	old, err := replication.ParseKey(key)
	if err != nil {
		return nil
	}
	found, err := r.client.FindReplicationRule(ctx, old)
	if err != nil {
		return nil
	}
	resp.Diagnostics.AddWarning(replicationRuleLabel+" ("+key+") is back",
		"The last update replaced this rule, and another writer of the replication configuration has since written "+
			"the old rule back. The state holds the old rule again, so the next apply updates it once more.")
	return found
}

func (r *replicationRuleResource) Update(
	ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse,
) {
	var plan, state replicationRuleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	want := plan.rule(ctx, &resp.Diagnostics)
	old := state.rule(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.UpdateReplicationRule(ctx, old, want); err != nil {
		var exists *ecrapi.ExistsError
		if errors.As(err, &exists) {
			addExistsError(&resp.Diagnostics, "updating", replicationRuleLabel, want.Key(), err)
		} else {
			addActionError(&resp.Diagnostics, "updating", replicationRuleLabel, old.Key(), err, replicationRaceAdvice(err))
		}
		return
	}
	plan.ID = types.StringValue(want.Key())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setReplicationRuleIdentity(ctx, resp.Identity, &resp.Diagnostics, want)
	if old.Key() != want.Key() {
		replaced, _ := json.Marshal(old.Key())
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, replacedRuleKey, replaced)...)
	}
}

func (r *replicationRuleResource) Delete(
	ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse,
) {
	var state replicationRuleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	rule := state.rule(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteReplicationRule(ctx, rule); err != nil {
		addActionError(&resp.Diagnostics, "deleting", replicationRuleLabel, rule.Key(), err, replicationRaceAdvice(err))
	}
}

// replicationRaceAdvice says what to do when concurrent writers kept undoing the change.
func replicationRaceAdvice(err error) string {
	if !errors.Is(err, ecrapi.ErrReplicationRaced) {
		return ""
	}
	return "Another writer of the registry's replication configuration (another state's apply, a tool that owns the " +
		"whole configuration such as aws_ecr_replication_configuration, or the console) kept writing a configuration " +
		"without this change. Apply again once it is done; a tool that owns the whole configuration must not run " +
		"beside ecrgov_replication_rule."
}

// IdentitySchema: the destinations and the filters, the two halves of the import ID.
func (r *replicationRuleResource) IdentitySchema(
	_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse,
) {
	resp.IdentitySchema = identitySchema(
		[2]string{"destinations", "The destinations as region/registry_id, sorted, comma-separated."},
		[2]string{"repository_filters", "The repository filters, sorted, comma-separated; empty for none."},
	)
}

func (r *replicationRuleResource) ImportState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	importer{label: replicationRuleLabel,
		what: "destinations:filters, such as eu-west-1/111122223333,us-west-2/111122223333:prod/,team/ (nothing " +
			"after the : without filters)",
		identity: []string{"destinations", "repository_filters"},
		parse: func(_ context.Context, id string) (map[string]string, []string, error) {
			rule, err := replication.ParseKey(id)
			if err != nil {
				return nil, nil, err
			}
			dests, filters, _ := strings.Cut(rule.Key(), ":")
			return map[string]string{"id": rule.Key()}, []string{dests, filters}, nil
		}}.importState(ctx, req, resp)
}

func setReplicationRuleIdentity(
	ctx context.Context, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics, rule replication.Rule,
) {
	dests, filters, _ := strings.Cut(rule.Key(), ":")
	setIdentity(ctx, identity, diags, "destinations", dests, "repository_filters", filters)
}

type replicationRuleModel struct {
	ID                types.String `tfsdk:"id"`
	Destinations      types.Set    `tfsdk:"destination"`
	Filters           types.Set    `tfsdk:"repository_filter"`
	DeleteReplication types.Bool   `tfsdk:"delete_replication"`
}

type replicationDestinationModel struct {
	Region     types.String `tfsdk:"region"`
	RegistryID types.String `tfsdk:"registry_id"`
}

type replicationFilterModel struct {
	Filter     types.String `tfsdk:"filter"`
	FilterType types.String `tfsdk:"filter_type"`
}

var (
	replicationDestinationType = types.ObjectType{AttrTypes: map[string]attr.Type{"region": types.StringType, "registry_id": types.StringType}}
	replicationFilterType      = types.ObjectType{AttrTypes: map[string]attr.Type{"filter": types.StringType, "filter_type": types.StringType}}
)

// known reports whether every part of the rule is known (not at plan time when it comes from
// another resource).
func (m replicationRuleModel) known() bool {
	return !m.Destinations.IsUnknown() && !m.Filters.IsUnknown() && !m.DeleteReplication.IsUnknown() &&
		!setHasUnknown(m.Destinations) && !setHasUnknown(m.Filters)
}

func setHasUnknown(s types.Set) bool {
	for _, e := range s.Elements() {
		if e.IsUnknown() {
			return true
		}
		if o, ok := e.(types.Object); ok {
			for _, v := range o.Attributes() {
				if v.IsUnknown() {
					return true
				}
			}
		}
	}
	return false
}

// rule is the model as a domain rule (canonical).
func (m replicationRuleModel) rule(ctx context.Context, diags *diag.Diagnostics) replication.Rule {
	var dests []replicationDestinationModel
	var filters []replicationFilterModel
	if !m.Destinations.IsNull() && !m.Destinations.IsUnknown() {
		diags.Append(m.Destinations.ElementsAs(ctx, &dests, false)...)
	}
	if !m.Filters.IsNull() && !m.Filters.IsUnknown() {
		diags.Append(m.Filters.ElementsAs(ctx, &filters, false)...)
	}
	var rule replication.Rule
	for _, d := range dests {
		rule.Destinations = append(rule.Destinations, replication.Destination{Region: d.Region.ValueString(), RegistryID: d.RegistryID.ValueString()})
	}
	for _, f := range filters {
		rule.Filters = append(rule.Filters, f.Filter.ValueString())
	}
	rule.DeleteReplication = m.DeleteReplication.ValueBool()
	return rule
}

// fill records what ECR holds for the rule: its destinations and filters (the identity, the same
// as the state's unless imported) and deleteReplication, which may have drifted.
func (m *replicationRuleModel) fill(ctx context.Context, found replication.Rule) diag.Diagnostics {
	var diags diag.Diagnostics
	c := found.Canonical()
	dests := make([]replicationDestinationModel, len(c.Destinations))
	for i, d := range c.Destinations {
		dests[i] = replicationDestinationModel{Region: types.StringValue(d.Region), RegistryID: types.StringValue(d.RegistryID)}
	}
	set, d := types.SetValueFrom(ctx, replicationDestinationType, dests)
	diags.Append(d...)
	m.Destinations = set
	filters := make([]replicationFilterModel, len(c.Filters))
	for i, f := range c.Filters {
		filters[i] = replicationFilterModel{Filter: types.StringValue(f), FilterType: types.StringValue(prefixMatch)}
	}
	// No filters is an empty set: Terraform gives a set of blocks that are not configured as empty.
	set, d = types.SetValueFrom(ctx, replicationFilterType, filters)
	diags.Append(d...)
	m.Filters = set
	m.DeleteReplication = types.BoolValue(found.DeleteReplication)
	m.ID = types.StringValue(c.Key())
	return diags
}
