package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/signing"
)

var (
	_ resource.ResourceWithImportState = &signingConfigurationResource{}
	_ resource.ResourceWithIdentity    = &signingConfigurationResource{}
	_ resource.ResourceWithModifyPlan  = &signingConfigurationResource{}
)

func newSigningConfigurationResource() resource.Resource { return &signingConfigurationResource{} }

// signingConfigurationResource governs the registry's managed signing rules, a singleton with
// the adopt, record and restore semantics of the other registry singletons.
type signingConfigurationResource struct {
	client *ecrapi.Client
}

const wildcardMatch = "WILDCARD_MATCH"

var (
	signingFilterObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{"filter": types.StringType, "filter_type": types.StringType}}
	signingRuleObjectType   = types.ObjectType{AttrTypes: map[string]attr.Type{
		"signing_profile_arn": types.StringType, "repository_filter": types.ListType{ElemType: signingFilterObjectType},
	}}
)

func (r *signingConfigurationResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_signing_configuration"
}

func (r *signingConfigurationResource) Schema(
	_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse,
) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The registry's managed signing configuration: ECR signs the images pushed to the " +
			"repositories each rule covers with that rule's AWS Signer profile. A singleton per registry and region: " +
			"declare it once. Create adopts the configuration in place and records it in `previous_rules`; destroy leaves " +
			"the governed rules unless `restore_on_destroy` is `true` (which puts the recorded rules back, or deletes the " +
			"configuration when there were none). A plan that changes the rules warns, by name, about repositories whose " +
			"images are signed today and would no longer be.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The registry ID."),
			"restore_on_destroy": restoreOnDestroyAttribute("When `true`, destroy puts back `previous_rules` (deleting " +
				"the configuration when they are empty). When `false` (default), destroy leaves the governed rules."),
			"previous_rules": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The rules before this resource took over (on import: at import time); " +
					"empty when there was no signing configuration.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"signing_profile_arn": schema.StringAttribute{Computed: true, MarkdownDescription: "Signing profile ARN."},
					"repository_filter": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Repository filters.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"filter":      schema.StringAttribute{Computed: true, MarkdownDescription: "Wildcard filter."},
							"filter_type": schema.StringAttribute{Computed: true, MarkdownDescription: "`WILDCARD_MATCH`."},
						}}},
				}},
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"rule": schema.ListNestedBlock{
				MarkdownDescription: "**Required**: 1 to 10 rules (the API's limit). To stop managed signing, destroy the " +
					"resource instead of removing every rule.",
				Validators: []validator.List{requiredBlock{detail: "ecrgov_signing_configuration needs 1 to 10 rule blocks, " +
					"each naming a signing profile (and optionally repository_filter blocks). To stop managed signing, destroy " +
					"the resource instead."}, listvalidator.SizeBetween(1, signing.MaxRules)},
				NestedObject: schema.NestedBlockObject{
					Attributes: map[string]schema.Attribute{
						"signing_profile_arn": schema.StringAttribute{
							Required:            true,
							MarkdownDescription: "The AWS Signer signing profile: `arn:aws:signer:REGION:ACCOUNT:/signing-profiles/NAME`.",
							Validators:          []validator.String{checkString("signing profile ARN", signing.CheckProfileARN)},
						},
					},
					Blocks: map[string]schema.Block{
						"repository_filter": schema.ListNestedBlock{
							MarkdownDescription: "Up to 100 repository filters; none signs the images of every repository (\"If no " +
								"filters are specified, all images pushed to the registry are signed\").",
							Validators: []validator.List{listvalidator.SizeAtMost(signing.MaxFilters)},
							NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
								"filter": schema.StringAttribute{
									Required: true, MarkdownDescription: "A repository name where `*` matches any run of characters: " +
										"`myapp/*`, `*/production`, `*prod*`.",
									Validators: []validator.String{checkString("repository filter", signing.CheckFilter)},
								},
								"filter_type": schema.StringAttribute{
									Optional: true, MarkdownDescription: "`WILDCARD_MATCH`, the only type ECR supports (and the meaning " +
										"when unset).",
									Validators: []validator.String{stringvalidator.OneOf(wildcardMatch)},
								},
							}},
						},
					},
				},
			},
		},
	}
}

func (r *signingConfigurationResource) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *signingConfigurationResource) Create(
	ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse,
) {
	var plan signingConfigurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	registry, ok := ownRegistry(ctx, r.client, &resp.Diagnostics)
	if !ok {
		return
	}
	previous, err := r.currentRules(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", signingConfigLabel, registry, err)
		return
	}
	rules := signingRulesFrom(ctx, plan.Rules, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = types.StringValue(registry)
	plan.PreviousRules = signingRulesValue(previous, types.ListNull(signingRuleObjectType))
	signingSetting.recordThenWrite(ctx, resp, registry, &plan, func() error {
		return r.client.PutSigningConfiguration(ctx, rules)
	})
}

func (r *signingConfigurationResource) Read(
	ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse,
) {
	var state signingConfigurationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	registry := state.ID.ValueString()
	signingSetting.setIdentity(ctx, resp.Identity, &resp.Diagnostics, registry)
	current, err := r.currentRules(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", signingConfigLabel, registry, err)
		return
	}
	if state.PreviousRules.IsNull() { // after import: what is there now is all we know
		state.PreviousRules = signingRulesValue(current, types.ListNull(signingRuleObjectType))
	}
	state.RestoreOnDestroy = falseWhenNull(state.RestoreOnDestroy)
	have := signingRulesFrom(ctx, state.Rules, &resp.Diagnostics)
	if !sameSigningRules(have, current) {
		if !state.Rules.IsNull() { // not after an import, when nothing was recorded
			warnSingletonChanged(&resp.Diagnostics, signingConfigLabel, registry,
				fmt.Sprintf("%d rules", len(have)), fmt.Sprintf("%d rules", len(current)))
		}
		// Changed outside Terraform (or deleted: no rules): record what ECR holds, keeping the
		// configuration's filter_type spelling where the filters are unchanged.
		state.Rules = signingRulesValue(current, state.Rules)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *signingConfigurationResource) Update(
	ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse,
) {
	var plan, state signingConfigurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rules := signingRulesFrom(ctx, plan.Rules, &resp.Diagnostics)
	changed := !sameSigningRules(rules, signingRulesFrom(ctx, state.Rules, &resp.Diagnostics))
	signingSetting.update(ctx, resp, state.ID.ValueString(), &plan, changed, func() error {
		return r.client.PutSigningConfiguration(ctx, rules)
	})
}

// Delete with restore_on_destroy puts back the recorded rules, or deletes the configuration when
// there was none.
func (r *signingConfigurationResource) Delete(
	ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse,
) {
	var state signingConfigurationModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	previous := signingRulesFrom(ctx, state.PreviousRules, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	signingSetting.destroy(&resp.Diagnostics, state.ID.ValueString(), "restoring", state.RestoreOnDestroy.ValueBool(), func() error {
		if len(previous) == 0 {
			return r.client.DeleteSigningConfiguration(ctx)
		}
		return r.client.PutSigningConfiguration(ctx, previous)
	}, nil)
}

// IdentitySchema: the registry ID, the import ID.
func (r *signingConfigurationResource) IdentitySchema(
	_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse,
) {
	resp.IdentitySchema = signingSetting.identitySchema()
}

// ImportState takes the registry ID, which must be the registry the provider addresses.
func (r *signingConfigurationResource) ImportState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	byRegistry(r.client, signingConfigLabel).importState(ctx, req, resp)
}

// currentRules is the registry's signing rules; none when it has no signing configuration.
func (r *signingConfigurationResource) currentRules(ctx context.Context) ([]ecrapi.SigningRule, error) {
	rules, err := r.client.FindSigningConfiguration(ctx)
	if ecrapi.IsNotFound(err, ecrapi.KindSigningConfiguration) {
		return nil, nil
	}
	return rules, err
}

type signingConfigurationModel struct {
	ID               types.String `tfsdk:"id"`
	Rules            types.List   `tfsdk:"rule"`
	RestoreOnDestroy types.Bool   `tfsdk:"restore_on_destroy"`
	PreviousRules    types.List   `tfsdk:"previous_rules"`
}

type signingRuleModel struct {
	ProfileARN types.String         `tfsdk:"signing_profile_arn"`
	Filters    []signingFilterModel `tfsdk:"repository_filter"`
}

type signingFilterModel struct {
	Filter     types.String `tfsdk:"filter"`
	FilterType types.String `tfsdk:"filter_type"`
}

func signingRulesFrom(ctx context.Context, rules types.List, diags *diag.Diagnostics) []ecrapi.SigningRule {
	if rules.IsNull() || rules.IsUnknown() {
		return nil
	}
	var models []signingRuleModel
	diags.Append(rules.ElementsAs(ctx, &models, false)...)
	out := make([]ecrapi.SigningRule, 0, len(models))
	for _, m := range models {
		rule := ecrapi.SigningRule{ProfileARN: m.ProfileARN.ValueString()}
		for _, f := range m.Filters {
			rule.Filters = append(rule.Filters, f.Filter.ValueString())
		}
		out = append(out, rule)
	}
	return out
}

// signingRulesValue is rules as the rule blocks or previous_rules; prior, when given, lends its
// filter_type spelling (set or left unset) to the filters that are unchanged; other filters
// leave it unset.
func signingRulesValue(rules []ecrapi.SigningRule, prior types.List) types.List {
	spelled := map[string]attr.Value{}
	if !prior.IsNull() && !prior.IsUnknown() {
		for _, r := range prior.Elements() {
			obj, _ := r.(types.Object)
			filters, _ := obj.Attributes()["repository_filter"].(types.List)
			for _, f := range filters.Elements() {
				fo, _ := f.(types.Object)
				if s, ok := fo.Attributes()["filter"].(types.String); ok {
					spelled[s.ValueString()] = fo.Attributes()["filter_type"]
				}
			}
		}
	}
	elems := make([]attr.Value, 0, len(rules))
	for _, r := range rules {
		filters := make([]attr.Value, 0, len(r.Filters))
		for _, f := range r.Filters {
			ft, ok := spelled[f]
			if !ok {
				// Unset, the meaning ECR gives WILDCARD_MATCH: an import then matches a
				// configuration that leaves filter_type out, the usual spelling. Terraform
				// refuses a planned value other than null for an attribute the configuration
				// leaves unset, so the other spelling could not be kept at plan.
				ft = types.StringNull()
			}
			filters = append(filters, types.ObjectValueMust(signingFilterObjectType.AttrTypes, map[string]attr.Value{"filter": types.StringValue(f), "filter_type": ft}))
		}
		elems = append(elems, types.ObjectValueMust(signingRuleObjectType.AttrTypes, map[string]attr.Value{
			"signing_profile_arn": types.StringValue(r.ProfileARN),
			"repository_filter":   types.ListValueMust(signingFilterObjectType, filters),
		}))
	}
	return types.ListValueMust(signingRuleObjectType, elems)
}

func sameSigningRules(a, b []ecrapi.SigningRule) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ProfileARN != b[i].ProfileARN || !sameStrings(a[i].Filters, b[i].Filters) {
			return false
		}
	}
	return true
}
