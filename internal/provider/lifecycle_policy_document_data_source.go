package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

var _ datasource.DataSourceWithValidateConfig = &lifecyclePolicyDocumentDataSource{}

func newLifecyclePolicyDocumentDataSource() datasource.DataSource {
	return &lifecyclePolicyDocumentDataSource{}
}

// lifecyclePolicyDocumentDataSource renders typed rules as validated canonical JSON, for teams
// that keep aws_ecr_lifecycle_policy but want the checks. It makes no API call.
type lifecyclePolicyDocumentDataSource struct{}

func (d *lifecyclePolicyDocumentDataSource) Metadata(
	_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_lifecycle_policy_document"
}

func (d *lifecyclePolicyDocumentDataSource) Schema(
	_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse,
) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Renders typed lifecycle `rule` blocks as validated, canonical policy JSON, for use with " +
			"`aws_ecr_lifecycle_policy` or any other tool. Every documented ECR rule is checked at plan time, and every " +
			"field is emitted, including the archive storage class fields. It makes no API call.",
		Attributes: map[string]schema.Attribute{
			"json": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The canonical policy JSON: rules by priority, a stable key order, no nulls.",
			},
		},
		Blocks: map[string]schema.Block{"rule": func() schema.ListNestedBlock {
			b := dataSourceRuleBlock()
			b.Validators = []validator.List{listvalidator.SizeAtLeast(1)}
			return b
		}()},
	}
}

func (d *lifecyclePolicyDocumentDataSource) ValidateConfig(
	ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse,
) {
	var cfg lifecyclePolicyDocumentModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	policySource{jsonAttr: "policy", json: nullLifecyclePolicyJSON(), rules: cfg.Rules}.policy(ctx, &resp.Diagnostics)
}

func (d *lifecyclePolicyDocumentDataSource) Read(
	ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse,
) {
	var data lifecyclePolicyDocumentModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	p, ok := policySource{jsonAttr: "policy", json: nullLifecyclePolicyJSON(), rules: data.Rules}.policy(ctx, &resp.Diagnostics)
	if !ok {
		if !resp.Diagnostics.HasError() {
			resp.Diagnostics.AddAttributeError(path.Root("rule"), "rendering lifecycle policy document", "The rules are still unknown. This is always a bug in the provider; please report it.")
		}
		return
	}
	data.JSON = types.StringValue(lifecycle.Canonical(p))
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

type lifecyclePolicyDocumentModel struct {
	Rules types.List   `tfsdk:"rule"`
	JSON  types.String `tfsdk:"json"`
}
