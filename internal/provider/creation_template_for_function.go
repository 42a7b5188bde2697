package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/creationtemplate"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
)

var _ function.Function = creationTemplateForFunction{}

func newCreationTemplateForFunction() function.Function { return creationTemplateForFunction{} }

// creationTemplateForFunction says which template would govern a repository created at a name,
// so a module can assert coverage in terraform test without creating anything.
type creationTemplateForFunction struct{}

// templateRefType is what the function reads of each template: an ecrgov_repository_creation_template
// resource, or an element of the ecrgov_repository_creation_templates data source, converts to
// it (Terraform drops the other attributes).
var templateRefType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"prefix":      types.StringType,
	"applied_for": types.SetType{ElemType: types.StringType},
}}

func (f creationTemplateForFunction) Metadata(
	_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse,
) {
	resp.Name = "creation_template_for"
}

func (f creationTemplateForFunction) Definition(
	_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse,
) {
	resp.Definition = function.Definition{
		Summary: "Which repository creation template governs a repository name",
		MarkdownDescription: "Returns the prefix of the template ECR would use to create a repository at `name`, or " +
			"null when none would. ECR uses the most specific matching prefix (\"the template with the prefix `prod/team` " +
			"will be applied to all repositories whose names start with `prod/team/`\", Amazon ECR User Guide), and " +
			"`ROOT` only when no other template matches. A prefix is a namespace: `prod` governs `prod/app`, not " +
			"`production/app`.\n\n`templates` takes `ecrgov_repository_creation_template` resources or the `templates` of " +
			"the `ecrgov_repository_creation_templates` data source. An optional third argument, a scenario " +
			"(`CREATE_ON_PUSH`, `PULL_THROUGH_CACHE` or `REPLICATION`), considers only the templates applied for it.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "name", MarkdownDescription: "A repository name, such as `team/app`."},
			function.ListParameter{Name: "templates", ElementType: templateRefType, MarkdownDescription: "Templates, each with `prefix` and `applied_for`."},
		},
		VariadicParameter: function.StringParameter{Name: "scenario", MarkdownDescription: "At most one scenario."},
		Return:            function.StringReturn{},
	}
}

type templateRef struct {
	Prefix     types.String `tfsdk:"prefix"`
	AppliedFor types.Set    `tfsdk:"applied_for"`
}

func (f creationTemplateForFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var name string
	var refs []templateRef
	var scenarios []string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &name, &refs, &scenarios))
	if resp.Error != nil {
		return
	}
	if err := imageref.CheckRepositoryName(name); err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	scenario := ""
	switch {
	case len(scenarios) > 1:
		resp.Error = function.NewArgumentFuncError(2, fmt.Sprintf("give at most one scenario, not %d", len(scenarios)))
		return
	case len(scenarios) == 1:
		scenario = scenarios[0]
		if !slices.Contains(creationtemplate.Scenarios, scenario) {
			resp.Error = function.NewArgumentFuncError(2, fmt.Sprintf("%q is not a scenario; use one of %v", scenario, creationtemplate.Scenarios))
			return
		}
	}
	templates := make([]creationtemplate.Template, 0, len(refs))
	for i, r := range refs {
		if r.Prefix.IsNull() {
			resp.Error = function.NewArgumentFuncError(1, fmt.Sprintf("templates[%d] has no prefix", i))
			return
		}
		t := creationtemplate.Template{Prefix: r.Prefix.ValueString()}
		for _, e := range r.AppliedFor.Elements() {
			if s, ok := e.(types.String); ok {
				t.AppliedFor = append(t.AppliedFor, s.ValueString())
			}
		}
		templates = append(templates, t)
	}
	result := types.StringNull()
	if i := creationtemplate.Governing(name, templates, scenario); i >= 0 {
		result = types.StringValue(templates[i].Prefix)
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, result))
}
