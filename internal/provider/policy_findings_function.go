package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/accesspolicy"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

var _ function.Function = policyFindingsFunction{}

func newPolicyFindingsFunction() function.Function { return policyFindingsFunction{} }

// policyFindingsFunction is the plan-time analysis of ecrgov_repository_policy and
// ecrgov_registry_policy for policy-as-code and terraform test, with no provider configuration:
// it knows no registry account, so the accounts in trusted_accounts count as one's own.
type policyFindingsFunction struct{}

var policyFindingType = types.ObjectType{AttrTypes: policyFindingAttrTypes}

func (f policyFindingsFunction) Metadata(
	_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse,
) {
	resp.Name = "policy_findings"
}

func (f policyFindingsFunction) Definition(
	_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse,
) {
	resp.Definition = function.Definition{
		Summary: "Who an ECR repository or registry policy lets reach an image",
		MarkdownDescription: "Returns the findings of a permissions policy, in statement order, each `{ code, sid, " +
			"detail }` with `code` one of " +
			policyFindingCodesDoc + ". A statement that allows everyone without a condition on `aws:PrincipalOrgID`, " +
			"`aws:SourceAccount`, `aws:PrincipalAccount`, `aws:SourceVpce` or `aws:SourceIp` is `PUBLIC_POLICY`; with " +
			"`trusted_accounts` not empty, a principal of another account is `UNTRUSTED_ACCOUNT`. List your own account in " +
			"`trusted_accounts`: the function knows no registry, so those accounts count as yours, and wildcard or write " +
			"actions granted to any other account are reported. A policy whose statements name a `Resource` is read as a " +
			"registry policy (repository policies never name one) and also gets `REGISTRY_WIDE_GRANT`. A text that is not a " +
			"policy is an error.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "policy", MarkdownDescription: "The policy JSON, such as " +
				"`data.aws_iam_policy_document.x.json`."},
			function.SetParameter{Name: "trusted_accounts", ElementType: types.StringType, AllowNullValue: true,
				MarkdownDescription: "12-digit account IDs that may be granted access, your own included; null or empty to " +
					"skip the check."},
		},
		Return: function.ListReturn{ElementType: policyFindingType},
	}
}

func (f policyFindingsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var policy string
	var trusted []string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &policy, &trusted))
	if resp.Error != nil {
		return
	}
	for _, a := range trusted {
		if err := ecrapi.CheckAccountID(a); err != nil {
			resp.Error = function.NewArgumentFuncError(1, err.Error())
			return
		}
	}
	findings, err := accesspolicy.Analyze(policy, accesspolicy.Options{TrustedAccounts: trusted})
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	elems := make([]attr.Value, 0, len(findings))
	for _, x := range findings {
		elems = append(elems, types.ObjectValueMust(policyFindingAttrTypes, map[string]attr.Value{
			"code": types.StringValue(x.Code), "sid": types.StringValue(x.Sid), "detail": types.StringValue(x.Detail),
		}))
	}
	list, diags := types.ListValue(policyFindingType, elems)
	if diags.HasError() {
		resp.Error = function.NewFuncError(fmt.Sprint(diags))
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, list))
}
