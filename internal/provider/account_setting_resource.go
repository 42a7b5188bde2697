package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

var (
	_ resource.ResourceWithImportState    = &accountSettingResource{}
	_ resource.ResourceWithIdentity       = &accountSettingResource{}
	_ resource.ResourceWithValidateConfig = &accountSettingResource{}
)

func newAccountSettingResource() resource.Resource { return &accountSettingResource{} }

// accountSettingResource governs one registry account setting, a singleton per name, with the
// same adopt, record and restore semantics as the other registry singletons.
type accountSettingResource struct {
	client *ecrapi.Client
}

var accountSettingNames = slices.Sorted(maps.Keys(ecrapi.AccountSettingValues))

func (r *accountSettingResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_account_setting"
}

func (r *accountSettingResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	var values []string
	for _, name := range accountSettingNames {
		values = append(values, fmt.Sprintf("`%s`: `%s`", name, strings.Join(ecrapi.AccountSettingValues[name], "`, `")))
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One registry account setting, a singleton per name and registry: declare each name once. " +
			"Create adopts the current value and records it in `previous_value`; destroy leaves the governed value unless " +
			"`restore_on_destroy` is `true`.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The setting name."),
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "`" + strings.Join(accountSettingNames, "`, `") + "`. Changing it replaces the resource.",
				Validators:          []validator.String{stringvalidator.OneOf(accountSettingNames...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"value": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The value; each name takes its own: " + strings.Join(values, "; ") + ".",
			},
			"restore_on_destroy": restoreOnDestroyAttribute("When `true`, destroy puts back `previous_value`. When " +
				"`false` (default), destroy leaves the governed value."),
			"previous_value": schema.StringAttribute{
				Computed: true, MarkdownDescription: "The value before this resource took over (on import: at import time).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *accountSettingResource) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig checks the value against the values PutAccountSetting takes. A legacy value
// (V1, CLAIR) can be reported by a registry but no longer put, so it is refused at plan.
func (r *accountSettingResource) ValidateConfig(
	ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse,
) {
	var cfg accountSettingModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || cfg.Name.IsUnknown() || cfg.Value.IsUnknown() {
		return
	}
	allowed, ok := ecrapi.AccountSettingValues[cfg.Name.ValueString()]
	if !ok {
		return // the name's own validator reports it
	}
	name, value := cfg.Name.ValueString(), cfg.Value.ValueString()
	switch {
	case ecrapi.IsLegacyAccountSettingValue(name, value):
		resp.Diagnostics.AddAttributeError(path.Root("value"), "Legacy account setting value",
			fmt.Sprintf("%s = %q is a legacy value: a registry may still report it, but PutAccountSetting takes only %s "+
				"(aws-sdk-go-v2 service/ecr v1.57.2 \"Removes support for registry policy V1\").", name, value, strings.Join(allowed, " or ")))
	case !slices.Contains(allowed, value):
		resp.Diagnostics.AddAttributeError(path.Root("value"), "Invalid account setting value",
			fmt.Sprintf("%s takes %s, not %q.", name, strings.Join(allowed, " or "), value))
	}
}

func (r *accountSettingResource) Create(
	ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse,
) {
	var plan accountSettingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	previous, err := r.client.GetAccountSetting(ctx, name)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", accountSettingLabel, name, err)
		return
	}
	plan.ID, plan.PreviousValue = types.StringValue(name), types.StringValue(previous)
	accountSetting.recordThenWrite(ctx, resp, name, &plan, func() error {
		return r.client.PutAccountSetting(ctx, name, plan.Value.ValueString())
	})
}

func (r *accountSettingResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state accountSettingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	accountSetting.setIdentity(ctx, resp.Identity, &resp.Diagnostics, name)
	value, err := r.client.GetAccountSetting(ctx, name)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", accountSettingLabel, name, err)
		return
	}
	if state.PreviousValue.IsNull() { // after import: what is there now is all we know
		state.PreviousValue = types.StringValue(value)
	}
	state.RestoreOnDestroy = falseWhenNull(state.RestoreOnDestroy)
	if !state.Value.IsNull() && state.Value.ValueString() != value {
		warnSingletonChanged(&resp.Diagnostics, accountSettingLabel, name, fmt.Sprintf("%q", state.Value.ValueString()), fmt.Sprintf("%q", value))
	}
	state.Name, state.Value = types.StringValue(name), types.StringValue(value)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *accountSettingResource) Update(
	ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse,
) {
	var plan, state accountSettingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	accountSetting.update(ctx, resp, name, &plan, !plan.Value.Equal(state.Value), func() error {
		return r.client.PutAccountSetting(ctx, name, plan.Value.ValueString())
	})
}

// Delete with restore_on_destroy puts back the recorded value, unless it is a legacy value that
// PutAccountSetting no longer takes: then it warns and leaves the governed value.
func (r *accountSettingResource) Delete(
	ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse,
) {
	var state accountSettingModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	name, previous := state.ID.ValueString(), state.PreviousValue.ValueString()
	accountSetting.destroy(&resp.Diagnostics, name, "restoring", state.RestoreOnDestroy.ValueBool(), func() error {
		if ecrapi.IsLegacyAccountSettingValue(name, previous) {
			resp.Diagnostics.AddWarning("not restoring "+accountSettingLabel+" ("+name+")", fmt.Sprintf(
				"The recorded previous value %q is a legacy value that PutAccountSetting no longer takes; %s keeps %q.", previous, name, state.Value.ValueString()))
			return nil
		}
		return r.client.PutAccountSetting(ctx, name, previous)
	}, nil)
}

// IdentitySchema: the setting name, the import ID.
func (r *accountSettingResource) IdentitySchema(
	_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse,
) {
	resp.IdentitySchema = accountSetting.identitySchema()
}

// ImportState takes the setting name.
func (r *accountSettingResource) ImportState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	what := "the setting name, one of " + strings.Join(accountSettingNames, ", ")
	singleKey(accountSettingLabel, what, "name", func(id string) error {
		if _, ok := ecrapi.AccountSettingValues[id]; !ok {
			return fmt.Errorf("not %q", id)
		}
		return nil
	}).importState(ctx, req, resp)
}

type accountSettingModel struct {
	ID               types.String `tfsdk:"id"`
	Name             types.String `tfsdk:"name"`
	Value            types.String `tfsdk:"value"`
	RestoreOnDestroy types.Bool   `tfsdk:"restore_on_destroy"`
	PreviousValue    types.String `tfsdk:"previous_value"`
}
