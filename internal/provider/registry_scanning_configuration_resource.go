package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/scanning"
)

var (
	_ resource.ResourceWithImportState    = &registryScanningConfigurationResource{}
	_ resource.ResourceWithIdentity       = &registryScanningConfigurationResource{}
	_ resource.ResourceWithValidateConfig = &registryScanningConfigurationResource{}
	_ resource.ResourceWithModifyPlan     = &registryScanningConfigurationResource{}
)

func newRegistryScanningConfigurationResource() resource.Resource {
	return &registryScanningConfigurationResource{}
}

// registryScanningConfigurationResource governs the registry's one scanning configuration. It
// adopts what is there, records it, and leaves governance in place on destroy unless asked to
// restore: removing the resource never silently stops scanning.
type registryScanningConfigurationResource struct {
	client *ecrapi.Client
}

var scanningRuleObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"scan_frequency": types.StringType, "repository_filters": types.SetType{ElemType: types.StringType},
}}

func (r *registryScanningConfigurationResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_registry_scanning_configuration"
}

func (r *registryScanningConfigurationResource) Schema(
	_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse,
) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The registry's scanning configuration, a singleton per registry and region: declare it " +
			"once. Create adopts the configuration in place and records it in `previous_scan_type` and `previous_rules`; " +
			"destroy leaves the governed configuration unless `restore_on_destroy` is `true`. A plan that changes the " +
			"rules warns, by name, about repositories that are scanned today and would no longer be (one " +
			"DescribeRepositories per 1,000 repositories and one BatchGetRepositoryScanningConfiguration per 25).",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The registry ID."),
			"scan_type": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(scanning.Basic),
				MarkdownDescription: "`BASIC` (default) or `ENHANCED` (Amazon Inspector).",
				Validators:          []validator.String{stringvalidator.OneOf(ecrapi.ScanTypes...)},
			},
			"restore_on_destroy": restoreOnDestroyAttribute("When `true`, destroy puts back `previous_scan_type` and " +
				"`previous_rules`. When `false` (default), destroy leaves the governed configuration."),
			"previous_scan_type": schema.StringAttribute{
				Computed: true, MarkdownDescription: "The scan type before this resource took over (on import: at import time).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"previous_rules": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The rules before this resource took over (on import: at import time).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"scan_frequency":     schema.StringAttribute{Computed: true, MarkdownDescription: "Scan frequency."},
					"repository_filters": schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Wildcard filters."},
				}},
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"rule": schema.ListNestedBlock{
				MarkdownDescription: "Up to 2 rules. Repositories matching a rule's filters are scanned at its frequency; " +
					"the rest are scanned only on request.",
				Validators: []validator.List{listvalidator.SizeAtMost(scanning.MaxRules)},
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"scan_frequency": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "`SCAN_ON_PUSH`, `CONTINUOUS_SCAN` (`ENHANCED` only) or `MANUAL`.",
						Validators:          []validator.String{stringvalidator.OneOf(ecrapi.ScanFrequencies...)},
					},
					"repository_filters": schema.SetAttribute{
						ElementType: types.StringType, Required: true,
						MarkdownDescription: "Repository name filters, where `*` is the wildcard (`prod/*`, or `*` for every " +
							"repository); 1 to 100.",
						Validators: []validator.Set{
							setvalidator.SizeBetween(1, scanning.MaxFilters),
							setvalidator.ValueStringsAre(checkString("repository filter", scanning.CheckFilter)),
						},
					},
				}},
			},
		},
	}
}

func (r *registryScanningConfigurationResource) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *registryScanningConfigurationResource) ValidateConfig(
	ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse,
) {
	var cfg scanningConfigurationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || cfg.ScanType.IsUnknown() || cfg.Rules.IsUnknown() {
		return
	}
	scanType := cfg.ScanType.ValueString()
	if cfg.ScanType.IsNull() {
		scanType = scanning.Basic
	}
	var rules []scanningRuleModel
	resp.Diagnostics.Append(cfg.Rules.ElementsAs(ctx, &rules, false)...)
	for i, rule := range rules {
		if rule.ScanFrequency.IsUnknown() {
			continue
		}
		if err := scanning.CheckFrequency(scanType, rule.ScanFrequency.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("rule").AtListIndex(i).AtName("scan_frequency"), "Invalid scan frequency", err.Error())
		}
	}
}

func (r *registryScanningConfigurationResource) Create(
	ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse,
) {
	var plan scanningConfigurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	registry, ok := ownRegistry(ctx, r.client, &resp.Diagnostics)
	if !ok {
		return
	}
	current, err := r.client.GetRegistryScanningConfiguration(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", scanningConfigLabel, registry, err)
		return
	}
	plan.ID = types.StringValue(registry)
	plan.PreviousScanType, plan.PreviousRules = types.StringValue(current.ScanType), scanningRulesBlock(current.Rules)
	desired := plan.configuration(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	scanningSetting.recordThenWrite(ctx, resp, registry, &plan, func() error {
		return r.client.PutRegistryScanningConfiguration(ctx, desired)
	})
}

func (r *registryScanningConfigurationResource) Read(
	ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse,
) {
	var state scanningConfigurationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	registry := state.ID.ValueString()
	scanningSetting.setIdentity(ctx, resp.Identity, &resp.Diagnostics, registry)
	current, err := r.client.GetRegistryScanningConfiguration(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", scanningConfigLabel, registry, err)
		return
	}
	if state.PreviousScanType.IsNull() { // after import: what is there now is all we know
		state.PreviousScanType, state.PreviousRules = types.StringValue(current.ScanType), scanningRulesBlock(current.Rules)
	}
	state.RestoreOnDestroy = falseWhenNull(state.RestoreOnDestroy)
	if !state.ScanType.IsNull() && (state.ScanType.ValueString() != current.ScanType || !sameScanningRules(ctx, state.Rules, current.Rules)) {
		warnSingletonChanged(&resp.Diagnostics, scanningConfigLabel, registry,
			fmt.Sprintf("%s scanning with %d rules", state.ScanType.ValueString(), len(state.Rules.Elements())),
			fmt.Sprintf("%s scanning with %d rules", current.ScanType, len(current.Rules)))
	}
	state.ScanType = types.StringValue(current.ScanType)
	if !sameScanningRules(ctx, state.Rules, current.Rules) {
		state.Rules = scanningRulesBlock(current.Rules)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *registryScanningConfigurationResource) Update(
	ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse,
) {
	var plan, state scanningConfigurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	desired := plan.configuration(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	changed := !plan.ScanType.Equal(state.ScanType) || !plan.Rules.Equal(state.Rules)
	scanningSetting.update(ctx, resp, state.ID.ValueString(), &plan, changed, func() error {
		return r.client.PutRegistryScanningConfiguration(ctx, desired)
	})
}

func (r *registryScanningConfigurationResource) Delete(
	ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse,
) {
	var state scanningConfigurationModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	previous := ecrapi.ScanningConfiguration{
		ScanType: state.PreviousScanType.ValueString(), Rules: scanningRulesFrom(ctx, state.PreviousRules, &resp.Diagnostics),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	scanningSetting.destroy(&resp.Diagnostics, state.ID.ValueString(), "restoring", state.RestoreOnDestroy.ValueBool(), func() error {
		return r.client.PutRegistryScanningConfiguration(ctx, previous)
	}, nil)
}

// IdentitySchema: the registry ID, the import ID.
func (r *registryScanningConfigurationResource) IdentitySchema(
	_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse,
) {
	resp.IdentitySchema = scanningSetting.identitySchema()
}

// ImportState takes the registry ID, which must be the registry the provider addresses.
func (r *registryScanningConfigurationResource) ImportState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	byRegistry(r.client, scanningConfigLabel).importState(ctx, req, resp)
}

type scanningConfigurationModel struct {
	ID               types.String `tfsdk:"id"`
	ScanType         types.String `tfsdk:"scan_type"`
	Rules            types.List   `tfsdk:"rule"`
	RestoreOnDestroy types.Bool   `tfsdk:"restore_on_destroy"`
	PreviousScanType types.String `tfsdk:"previous_scan_type"`
	PreviousRules    types.List   `tfsdk:"previous_rules"`
}

type scanningRuleModel struct {
	ScanFrequency     types.String `tfsdk:"scan_frequency"`
	RepositoryFilters types.Set    `tfsdk:"repository_filters"`
}

func (m scanningConfigurationModel) configuration(
	ctx context.Context, diags *diag.Diagnostics,
) ecrapi.ScanningConfiguration {
	return ecrapi.ScanningConfiguration{ScanType: m.ScanType.ValueString(), Rules: scanningRulesFrom(ctx, m.Rules, diags)}
}

func scanningRulesFrom(ctx context.Context, rules types.List, diags *diag.Diagnostics) []ecrapi.ScanningRule {
	var models []scanningRuleModel
	if rules.IsNull() {
		return nil
	}
	diags.Append(rules.ElementsAs(ctx, &models, false)...)
	out := make([]ecrapi.ScanningRule, 0, len(models))
	for _, m := range models {
		out = append(out, ecrapi.ScanningRule{Frequency: m.ScanFrequency.ValueString(), Filters: stringsFromCollection(ctx, m.RepositoryFilters, diags)})
	}
	return out
}

// scanningRulesBlock is rules as the rule blocks or previous_rules: an empty list, never null,
// so that "had no rules" is recorded.
func scanningRulesBlock(rules []ecrapi.ScanningRule) types.List {
	elems := make([]attr.Value, 0, len(rules))
	for _, r := range rules {
		elems = append(elems, types.ObjectValueMust(scanningRuleObjectType.AttrTypes, map[string]attr.Value{
			"scan_frequency":     types.StringValue(r.Frequency),
			"repository_filters": types.SetValueMust(types.StringType, stringAttrs(r.Filters)),
		}))
	}
	return types.ListValueMust(scanningRuleObjectType, elems)
}

// sameScanningRules reports whether the state's rule blocks say what ECR holds, so a refresh
// keeps the configuration's order.
func sameScanningRules(ctx context.Context, state types.List, current []ecrapi.ScanningRule) bool {
	var diags diag.Diagnostics
	have := scanningRulesFrom(ctx, state, &diags)
	if diags.HasError() || len(have) != len(current) {
		return false
	}
	for i := range have {
		if have[i].Frequency != current[i].Frequency || !sameStrings(have[i].Filters, current[i].Filters) {
			return false
		}
	}
	return true
}
