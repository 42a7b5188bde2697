package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// The steps shared by the resources that govern something found elsewhere: the registry
// singletons (scanning configuration, signing configuration, account setting), the permission
// policies (repository, registry) and the repository's tag mutability overlay. Each keeps its
// own model and its own API calls; these steps take the model as it is handed to State.Set and
// the calls as closures.
//
//   - Create adopts: it reads what is there, records it in previous_*, saves the state, and only
//     then writes (recordThenWrite).
//   - Read records the identity first, fills previous_* after an import with what is there now
//     (all that is known of what came before), and reads back the governed value.
//   - Update writes when the governed value changed, then saves (update).
//   - Delete puts back previous_* when restore_on_destroy asks; otherwise a setting stays
//     governed and a policy is removed (destroy).
//   - Import is the type's importer (import_helpers.go); the identity is governedSetting.identity.

// governedSetting names one such resource for its diagnostics and its identity.
type governedSetting struct {
	label string // the thing in diagnostics: "ECR registry scanning configuration"
	// identity is the identity attribute and its description; its value is the resource's id.
	identity [2]string
}

// registryIdentity is the identity of a registry singleton: the registry ID, its import ID.
var registryIdentity = [2]string{"registry_id", "The registry ID (the AWS account ID)."}

// repositoryIdentity is the identity of a setting or policy of one repository: its name.
var repositoryIdentity = [2]string{"repository", "The repository name."}

var (
	scanningSetting         = governedSetting{label: scanningConfigLabel, identity: registryIdentity}
	signingSetting          = governedSetting{label: signingConfigLabel, identity: registryIdentity}
	accountSetting          = governedSetting{label: accountSettingLabel, identity: [2]string{"name", "The setting name."}}
	registryPolicySetting   = governedSetting{label: registryPolicyLabel, identity: registryIdentity}
	repositoryPolicySetting = governedSetting{label: repositoryPolicyLabel, identity: repositoryIdentity}
	tagMutabilitySetting    = governedSetting{label: tagMutabilityLabel, identity: repositoryIdentity}
)

// identitySchema is the resource's identity: one attribute, its import ID.
func (g governedSetting) identitySchema() identityschema.Schema { return identitySchema(g.identity) }

// setIdentity records the identity, whose one value is the resource's id. Read calls it first,
// so that a Read that finds the object gone returns it too.
func (g governedSetting) setIdentity(
	ctx context.Context, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics, id string,
) {
	setIdentity(ctx, identity, diags, g.identity[0], id)
}

// restoreOnDestroyAttribute is the restore_on_destroy flag, false by default; description says
// what destroy puts back and what it does otherwise.
func restoreOnDestroyAttribute(description string) schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional: true, Computed: true, Default: booldefault.StaticBool(false),
		MarkdownDescription: description,
	}
}

// recordThenWrite is Create's last step, once plan holds the id and previous_*. previous_* reach
// the state before the write: a write that fails or is cut off (Ctrl-C while it is in flight,
// when it may still land) leaves a tainted resource whose destroy restores the original, instead
// of no state and an original lost for good.
func (g governedSetting) recordThenWrite(
	ctx context.Context, resp *resource.CreateResponse, id string, plan any, write func() error,
) {
	g.setIdentity(ctx, resp.Identity, &resp.Diagnostics, id)
	if resp.Diagnostics.Append(resp.State.Set(ctx, plan)...); resp.Diagnostics.HasError() {
		return
	}
	if err := write(); err != nil {
		addActionError(&resp.Diagnostics, "setting", g.label, id, err)
	}
}

// update is Update's step: write when the governed value changed, then save the plan. A failed
// write saves nothing, so the state keeps what ECR held.
func (g governedSetting) update(
	ctx context.Context, resp *resource.UpdateResponse, id string, plan any, changed bool, write func() error,
) {
	if changed {
		if err := write(); err != nil {
			addActionError(&resp.Diagnostics, "setting", g.label, id, err)
			return
		}
	}
	g.setIdentity(ctx, resp.Identity, &resp.Diagnostics, id)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// destroy is Delete's step. With restore (restore_on_destroy, and something recorded to put
// back) it calls put; otherwise it calls remove, which is nil for a setting: leaving governance
// never loosens the registry, while no policy is the narrowest access. action names the step in
// an error ("restoring", "removing").
func (g governedSetting) destroy(diags *diag.Diagnostics, id, action string, restore bool, put, remove func() error) {
	op := put
	if !restore {
		op = remove
	}
	if op == nil {
		return
	}
	if err := op(); err != nil {
		addActionError(diags, action, g.label, id, err)
	}
}

// ownRegistry is the registry a registry singleton governs: the one the provider addresses.
func ownRegistry(ctx context.Context, client *ecrapi.Client, diags *diag.Diagnostics) (string, bool) {
	registry, err := client.RegistryID(ctx)
	if err != nil {
		addActionError(diags, "reading", "ECR registry", "registry", err)
		return "", false
	}
	return registry, true
}

// previousPolicy is what a policy resource records as previous_policy from its finder's answer:
// null when no policy was set; any other error (a repository not found among them) is returned.
func previousPolicy(text string, err error) (jsontypes.Normalized, error) {
	switch {
	case ecrapi.IsNotFound(err, ecrapi.KindRepositoryPolicy, ecrapi.KindRegistryPolicy):
		return jsontypes.NewNormalizedNull(), nil
	case err != nil:
		return jsontypes.NewNormalizedNull(), err
	}
	return jsontypes.NewNormalizedValue(text), nil
}

// falseWhenNull is a flag after an import, which leaves it null: its default, false.
func falseWhenNull(b types.Bool) types.Bool {
	if b.IsNull() {
		return types.BoolValue(false)
	}
	return b
}

// policyChanged is whether a planned policy differs from the state's in meaning, not spelling.
func policyChanged(ctx context.Context, plan, state jsontypes.Normalized) bool {
	equal, diags := plan.StringSemanticEquals(ctx, state)
	return diags.HasError() || !equal
}
