package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

var _ function.Function = lifecyclePolicyErrorsFunction{}

func newLifecyclePolicyErrorsFunction() function.Function { return lifecyclePolicyErrorsFunction{} }

// lifecyclePolicyErrorsFunction lists what is wrong with a policy, so that policies managed by
// any provider can be checked in a precondition, a check block or terraform test.
type lifecyclePolicyErrorsFunction struct{}

func (f lifecyclePolicyErrorsFunction) Metadata(
	_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse,
) {
	resp.Name = "lifecycle_policy_errors"
}

func (f lifecyclePolicyErrorsFunction) Definition(
	_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse,
) {
	resp.Definition = function.Definition{
		Summary: "Lists the problems of an ECR lifecycle policy",
		MarkdownDescription: "Checks lifecycle policy JSON against every documented ECR rule and returns one message " +
			"per problem, each starting with its JSON path (`rules[2].selection.tagPatternList[0]: ...`). The list is " +
			"empty when the policy is valid. Malformed JSON is reported in the list, not as an error, so the function is " +
			"safe in a `precondition` or `check` block.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "policy", MarkdownDescription: "Lifecycle policy JSON."},
		},
		Return: function.ListReturn{ElementType: types.StringType},
	}
}

func (f lifecyclePolicyErrorsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var text string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &text))
	if resp.Error != nil {
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, lifecyclePolicyErrors(text)))
}

// lifecyclePolicyErrors is parse problems, or else validation problems, as "path: message".
func lifecyclePolicyErrors(text string) []string {
	messages := []string{}
	_, problems := lifecycle.ParseAndValidate(text)
	for _, pr := range problems {
		messages = append(messages, pr.String())
	}
	return messages
}
