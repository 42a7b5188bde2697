package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

var (
	_ datasource.DataSourceWithConfigure = &repositoryCreationTemplatesDataSource{}
)

func newRepositoryCreationTemplatesDataSource() datasource.DataSource {
	return &repositoryCreationTemplatesDataSource{}
}

// repositoryCreationTemplatesDataSource lists every repository creation template of the
// registry, for provider::ecrgov::creation_template_for and for reviews.
type repositoryCreationTemplatesDataSource struct {
	client *ecrapi.Client
}

var creationTemplateObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"prefix": types.StringType, "applied_for": types.SetType{ElemType: types.StringType}, "description": types.StringType,
	"image_tag_mutability": types.StringType, "image_tag_mutability_exclusion_filters": types.SetType{ElemType: types.StringType},
	"lifecycle_policy": types.StringType, "repository_policy": types.StringType, "encryption_type": types.StringType,
	"kms_key": types.StringType, "resource_tags": types.MapType{ElemType: types.StringType}, "custom_role_arn": types.StringType,
	"created_at": types.StringType, "updated_at": types.StringType,
}}

func (d *repositoryCreationTemplatesDataSource) Metadata(
	_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_repository_creation_templates"
}

func (d *repositoryCreationTemplatesDataSource) Schema(
	_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse,
) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	strs := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every repository creation template of the registry, sorted by prefix, with ECR's " +
			"defaults filled in (`MUTABLE`, `AES256`). One DescribeRepositoryCreationTemplates call per 1,000 templates. " +
			"Pass `templates` to `provider::ecrgov::creation_template_for` to ask which template governs a name.",
		Attributes: map[string]schema.Attribute{
			"templates": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "One entry per template.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"prefix":                                 str("The namespace, or `ROOT`."),
					"applied_for":                            strs("`CREATE_ON_PUSH`, `PULL_THROUGH_CACHE`, `REPLICATION`."),
					"description":                            str("Description; null when none."),
					"image_tag_mutability":                   str("Tag mutability of the repositories it creates."),
					"image_tag_mutability_exclusion_filters": strs("Exclusion filters; null when none."),
					"lifecycle_policy":                       str("Lifecycle policy JSON; null when none."),
					"repository_policy":                      str("Repository policy JSON; null when none."),
					"encryption_type":                        str("`AES256`, `KMS` or `KMS_DSSE`."),
					"kms_key":                                str("KMS key ARN; null when none."),
					"resource_tags": schema.MapAttribute{Computed: true, ElementType: types.StringType,
						MarkdownDescription: "Tags for the repositories it creates; null when none."},
					"custom_role_arn": str("The role ECR assumes to create repositories; null when none."),
					"created_at":      str("When it was created (RFC 3339)."),
					"updated_at":      str("When it was last updated (RFC 3339)."),
				}},
			},
		},
	}
}

func (d *repositoryCreationTemplatesDataSource) Configure(
	_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse,
) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *repositoryCreationTemplatesDataSource) Read(
	ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse,
) {
	all, err := d.client.ListCreationTemplates(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, "listing", creationTemplateLabel+"s", "registry", err)
		return
	}
	elems := make([]attr.Value, 0, len(all))
	for _, t := range all {
		elems = append(elems, types.ObjectValueMust(creationTemplateObjectType.AttrTypes, map[string]attr.Value{
			"prefix": types.StringValue(t.Prefix), "applied_for": setFromStrings(t.AppliedFor), "description": stringOrNull(t.Description),
			"image_tag_mutability": types.StringValue(t.TagMutability), "image_tag_mutability_exclusion_filters": setFromStrings(t.ExclusionFilters),
			"lifecycle_policy": stringOrNull(t.LifecyclePolicy), "repository_policy": stringOrNull(t.RepositoryPolicy),
			"encryption_type": types.StringValue(t.EncryptionType), "kms_key": stringOrNull(t.KMSKey),
			"resource_tags": mapFromStrings(t.ResourceTags, types.MapNull(types.StringType)), "custom_role_arn": stringOrNull(t.CustomRoleARN),
			"created_at": rfc3339OrNull(t.CreatedAt), "updated_at": rfc3339OrNull(t.UpdatedAt),
		}))
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("templates"), types.ListValueMust(creationTemplateObjectType, elems))...)
}
