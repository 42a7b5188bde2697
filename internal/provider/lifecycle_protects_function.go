package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

var _ function.Function = lifecycleProtectsFunction{}

func newLifecycleProtectsFunction() function.Function { return lifecycleProtectsFunction{} }

// lifecycleProtectsFunction answers, for all time, whether a policy can ever expire or archive
// an image with given tags, so a module can assert in terraform test that deployment tags are
// out of every rule's reach.
type lifecycleProtectsFunction struct{}

func (f lifecycleProtectsFunction) Metadata(
	_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse,
) {
	resp.Name = "lifecycle_protects"
}

func (f lifecycleProtectsFunction) Definition(
	_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse,
) {
	resp.Definition = function.Definition{
		Summary: "Whether an ECR lifecycle policy can never expire or archive an image with these tags",
		MarkdownDescription: "True when no rule of the policy can ever expire or archive an image carrying `tags`, " +
			"whatever its age and however many images the repository holds. ECR lets only the first rule (by priority) " +
			"that selects an image act on it, and every rule acts eventually: a `since*` rule once the image is old " +
			"enough, an `imageCountMoreThan` rule once more than `countNumber` images it selects are newer. So the answer " +
			"is true exactly when no rule of the standard storage class selects the tags. A higher-priority rule that " +
			"selects a deployment tag protects it from lower rules up to its own count: prove such a bound with " +
			"`lifecycle_simulate`. An image that an index references, or a referrer, is also kept by its index or " +
			"subject; this function considers the image by itself.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "policy", MarkdownDescription: "Lifecycle policy JSON; it must be valid."},
			function.ListParameter{Name: "tags", ElementType: types.StringType, MarkdownDescription: "The image's tags; " +
				"an empty list is an untagged image."},
		},
		Return: function.BoolReturn{},
	}
}

func (f lifecycleProtectsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var text string
	var tags []string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &text, &tags))
	if resp.Error != nil {
		return
	}
	p, problems := lifecycle.ParseAndValidate(text)
	if len(problems) > 0 {
		resp.Error = function.NewArgumentFuncError(0, "invalid lifecycle policy:\n"+problems.Error())
		return
	}
	for _, tag := range tags {
		if err := imageref.CheckTag(tag); err != nil {
			resp.Error = function.NewArgumentFuncError(1, err.Error())
			return
		}
	}
	protected, _ := lifecycle.Protects(p, tags)
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, protected))
}
