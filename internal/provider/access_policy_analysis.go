package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/accesspolicy"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// What ecrgov_repository_policy and ecrgov_registry_policy share: the schema of the analysis
// (allow_public, trusted_accounts, findings), and the plan check that refuses a public or
// untrusted grant and warns about the rest. provider::ecrgov::policy_findings reports the same
// findings from internal/accesspolicy.

// policyFindingAttrTypes is one element of `findings`.
var policyFindingAttrTypes = map[string]attr.Type{"code": types.StringType, "sid": types.StringType, "detail": types.StringType}

const policyFindingCodesDoc = "`PUBLIC_POLICY`, `UNTRUSTED_ACCOUNT`, `WILDCARD_ACTION`, " +
	"`WRITE_TO_OTHER_ACCOUNT`, `NOT_PRINCIPAL` or `REGISTRY_WIDE_GRANT`"

// accessPolicyAttributes are the analysis attributes of both policy resources.
func accessPolicyAttributes(what string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"policy": schema.StringAttribute{
			CustomType: jsontypes.NormalizedType{}, Required: true,
			MarkdownDescription: "The " + what + " as JSON (IAM policy grammar), compared as JSON: whitespace and key " +
				"order never show a diff (IAM equivalences, such as a string for a one-element list, do). Checked at plan: a " +
				"statement that allows everyone (`\"*\"` or `{\"AWS\": \"*\"}`) without a condition on `aws:PrincipalOrgID`, " +
				"`aws:SourceAccount`, `aws:PrincipalAccount`, `aws:SourceVpce` or `aws:SourceIp` is refused unless " +
				"`allow_public`, and a principal outside `trusted_accounts` is refused.",
			Validators: []validator.String{checkString("permission policy", func(s string) error {
				doc, err := accesspolicy.Parse(s)
				if err != nil {
					return err
				}
				return doc.CheckPrincipals()
			})},
		},
		"allow_public": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Allow a statement that grants everyone without a narrowing condition. `false` (default) " +
				"refuses it at plan.",
		},
		"trusted_accounts": schema.SetAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "The accounts a principal may belong to, besides the registry's own. When set, a " +
				"principal of any other account is refused at plan, naming the statement's `Sid` and the principal.",
			Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(checkString("AWS account ID", ecrapi.CheckAccountID))},
		},
		"findings": schema.ListNestedAttribute{
			Computed: true,
			MarkdownDescription: "What the policy allows that governance should see, computed at plan for policy-as-code: " +
				"each with `code` (" +
				policyFindingCodesDoc + "), `sid` (the statement's Sid, or `#N` for the Nth statement without one) and `detail`.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"code":   schema.StringAttribute{Computed: true, MarkdownDescription: "The finding code."},
				"sid":    schema.StringAttribute{Computed: true, MarkdownDescription: "The statement's Sid, or `#N`."},
				"detail": schema.StringAttribute{Computed: true, MarkdownDescription: "What the statement allows, and to whom."},
			}},
		},
		"previous_policy": schema.StringAttribute{
			CustomType: jsontypes.NormalizedType{}, Computed: true,
			MarkdownDescription: "The policy in place before this resource took over (on import: the policy at import " +
				"time); null when there was none.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"restore_on_destroy": restoreOnDestroyAttribute("When `true`, destroy puts `previous_policy` back (or deletes " +
			"the policy when there was none). When `false` (default), destroy deletes the policy, which only ever narrows " +
			"access."),
	}
}

// policyFindingsValue is the `findings` list of the given findings.
func policyFindingsValue(fs []accesspolicy.Finding) types.List {
	elemType := types.ObjectType{AttrTypes: policyFindingAttrTypes}
	elems := make([]attr.Value, 0, len(fs))
	for _, f := range fs {
		elems = append(elems, types.ObjectValueMust(policyFindingAttrTypes, map[string]attr.Value{
			"code": types.StringValue(f.Code), "sid": types.StringValue(f.Sid), "detail": types.StringValue(f.Detail),
		}))
	}
	return types.ListValueMust(elemType, elems)
}

// analyzedPolicy parses and judges a policy for state: the findings, or an empty list for a
// policy that cannot be read (Read must not fail on what ECR holds).
func analyzedPolicy(policy string, opts accesspolicy.Options) types.List {
	fs, err := accesspolicy.Analyze(policy, opts)
	if err != nil {
		return policyFindingsValue(nil)
	}
	return policyFindingsValue(fs)
}

// accessPolicyConfig is what the plan check reads from either policy resource.
type accessPolicyConfig struct {
	Policy          jsontypes.Normalized
	AllowPublic     types.Bool
	TrustedAccounts types.Set
}

// policyOptions turns the configuration into analysis options for the registry ownAccount.
func (c accessPolicyConfig) policyOptions(
	ctx context.Context, ownAccount string, registry bool, diags *diag.Diagnostics,
) accesspolicy.Options {
	return accesspolicy.Options{OwnAccount: ownAccount, TrustedAccounts: stringsFromCollection(ctx, c.TrustedAccounts, diags), Registry: registry}
}

// checkAccessPolicy judges a known policy at plan: blocking findings are errors on `policy`
// (a public grant only without allow_public), the rest warnings. It returns the findings for the
// plan's `findings`.
func checkAccessPolicy(
	c accessPolicyConfig, opts accesspolicy.Options, label, id string, diags *diag.Diagnostics,
) []accesspolicy.Finding {
	fs, err := accesspolicy.Analyze(c.Policy.ValueString(), opts)
	if err != nil {
		diags.AddAttributeError(path.Root("policy"), "checking "+label+" ("+id+")", err.Error())
		return nil
	}
	for _, f := range fs {
		summary := fmt.Sprintf("%s in statement %s of %s (%s)", f.Code, f.Sid, label, id)
		switch {
		case f.Code == accesspolicy.PublicPolicy && !c.AllowPublic.ValueBool():
			diags.AddAttributeError(path.Root("policy"), summary, f.Detail+
				" Narrow it with a condition (aws:PrincipalOrgID, aws:SourceAccount, aws:PrincipalAccount, aws:SourceVpce, "+
				"aws:SourceIp), "+
				"or set allow_public = true if the images are meant to be public.")
		case f.Code == accesspolicy.UntrustedAccount:
			diags.AddAttributeError(path.Root("policy"), summary, f.Detail+" Add the account to trusted_accounts, or "+
				"remove the principal.")
		default:
			diags.AddAttributeWarning(path.Root("policy"), summary, f.Detail)
		}
	}
	return fs
}

// keepPolicyText plans the state's policy text when the configuration's means the same, so that
// reformatting a policy (whitespace, key order) plans no update at all.
func keepPolicyText(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() {
		return
	}
	var planned, prior jsontypes.Normalized
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("policy"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("policy"), &prior)...)
	if planned.IsUnknown() || planned.IsNull() || prior.IsNull() {
		return
	}
	if equal, diags := planned.StringSemanticEquals(ctx, prior); !diags.HasError() && equal {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("policy"), prior)...)
	}
}
