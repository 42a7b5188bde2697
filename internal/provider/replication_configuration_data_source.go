package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

var _ datasource.DataSourceWithConfigure = &replicationConfigurationDataSource{}

func newReplicationConfigurationDataSource() datasource.DataSource {
	return &replicationConfigurationDataSource{}
}

// replicationConfigurationDataSource reads the registry's whole replication configuration and
// marks the rules whose origin ecrgov knows: ECR stores nothing but the rule (no tags, no
// author), so "known" can only mean "declared by one of the ecrgov_replication_rule IDs given".
type replicationConfigurationDataSource struct {
	client *ecrapi.Client
}

var replicationRuleObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "destination": types.ListType{ElemType: replicationDestinationType},
	"repository_filters": types.ListType{ElemType: types.StringType}, "delete_replication": types.BoolType, "known_origin": types.BoolType,
}}

func (d *replicationConfigurationDataSource) Metadata(
	_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_replication_configuration"
}

func (d *replicationConfigurationDataSource) Schema(
	_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse,
) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The registry's whole replication configuration (one DescribeRegistry call), in ECR's " +
			"order, each rule with its ID in `ecrgov_replication_rule`'s form. ECR records nothing about who wrote a " +
			"rule, so the data source cannot tell on its own which rules ecrgov manages: pass the IDs of the " +
			"`ecrgov_replication_rule` resources of every state (`known_rule_ids`), and each rule says whether it is one " +
			"of them (`known_origin`). The rules that are not (`unknown_origin_rule_ids`) were written by something else " +
			"(the console, `aws_ecr_replication_configuration`, a state whose IDs were not passed) and replicate all the " +
			"same.",
		Attributes: map[string]schema.Attribute{
			"known_rule_ids": schema.SetAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "The `id` of each `ecrgov_replication_rule` whose origin is known (from every state " +
					"that declares rules, through outputs or `terraform_remote_state`). IDs are compared canonically (order of " +
					"destinations and filters does not matter)."},
			"registry_id": schema.StringAttribute{Computed: true, MarkdownDescription: "The registry (AWS account ID)."},
			"rules": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Every rule, in the configuration's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The rule's ID and import ID, as " +
						"`ecrgov_replication_rule` has it."},
					"destination": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Where the rule replicates to.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"region":      schema.StringAttribute{Computed: true, MarkdownDescription: "The destination Region."},
							"registry_id": schema.StringAttribute{Computed: true, MarkdownDescription: "The destination registry."},
						}}},
					"repository_filters": schema.ListAttribute{Computed: true, ElementType: types.StringType,
						MarkdownDescription: "The `PREFIX_MATCH` filters; empty when the rule replicates every repository."},
					"delete_replication": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether deletions " +
						"replicate too."},
					"known_origin": schema.BoolAttribute{Computed: true,
						MarkdownDescription: "Whether the rule is one of `known_rule_ids`. `false` says only that its origin is " +
							"unknown to ecrgov, not that ecrgov does not manage it in a state whose IDs were not passed."},
				}}},
			"unknown_origin_rule_ids": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "The IDs of the rules that are not in `known_rule_ids`."},
		},
	}
}

func (d *replicationConfigurationDataSource) Configure(
	_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse,
) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *replicationConfigurationDataSource) Read(
	ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse,
) {
	var known types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("known_rule_ids"), &known)...)
	var ids []string
	resp.Diagnostics.Append(known.ElementsAs(ctx, &ids, false)...)
	knownKeys := map[string]bool{}
	for _, id := range ids {
		rule, err := replication.ParseKey(id)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("known_rule_ids"), "Invalid replication rule ID",
				fmt.Sprintf("%q is not an ecrgov_replication_rule ID: %s", id, err))
			continue
		}
		knownKeys[rule.Key()] = true
	}
	if resp.Diagnostics.HasError() {
		return
	}
	registry, err := d.client.RegistryID(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", "ECR registry", "registry", err)
		return
	}
	rules, err := d.client.FindReplicationRules(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", "ECR replication configuration", registry, err)
		return
	}
	elems := make([]attr.Value, 0, len(rules))
	unknown := []attr.Value{}
	for _, r := range rules {
		key := r.Key()
		dests := make([]attr.Value, len(r.Destinations))
		for i, dst := range r.Destinations {
			dests[i] = types.ObjectValueMust(replicationDestinationType.AttrTypes, map[string]attr.Value{
				"region": types.StringValue(dst.Region), "registry_id": types.StringValue(dst.RegistryID)})
		}
		filters := make([]attr.Value, len(r.Filters))
		for i, f := range r.Filters {
			filters[i] = types.StringValue(f)
		}
		elems = append(elems, types.ObjectValueMust(replicationRuleObjectType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(key), "destination": types.ListValueMust(replicationDestinationType, dests),
			"repository_filters": types.ListValueMust(types.StringType, filters), "delete_replication": types.BoolValue(r.DeleteReplication),
			"known_origin": types.BoolValue(knownKeys[key]),
		}))
		if !knownKeys[key] {
			unknown = append(unknown, types.StringValue(key))
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("known_rule_ids"), known)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("registry_id"), registry)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("rules"), types.ListValueMust(replicationRuleObjectType, elems))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("unknown_origin_rule_ids"), types.ListValueMust(types.StringType, unknown))...)
}
