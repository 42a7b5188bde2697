package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/mutability"
)

var (
	_ datasource.DataSourceWithConfigure = &repositoryDataSource{}
)

func newRepositoryDataSource() datasource.DataSource { return &repositoryDataSource{} }

type repositoryDataSource struct {
	client *ecrapi.Client
}

func (d *repositoryDataSource) Metadata(
	_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_repository"
}

func (d *repositoryDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one ECR repository's governance facts: tag mutability and its exceptions, " +
			"scanning, encryption, and whether it has a lifecycle policy. Reads no image. It costs three API calls and " +
			"never lists images, so it suits `check` blocks and policy checks.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Repository name.",
				Validators:          []validator.String{checkString("repository name", imageref.CheckRepositoryName)},
			},
			"registry_id": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Registry (AWS account) ID, 12 digits. Defaults to the caller's registry.",
				Validators:          []validator.String{checkString("registry ID", ecrapi.CheckAccountID)},
			},
			"id":                   computed("The repository name."),
			"arn":                  computed("Repository ARN."),
			"repository_url":       computed("Repository URL."),
			"image_tag_mutability": computed("One of " + mutabilityModesDoc + "."),
			exclusionFiltersAttr: schema.SetAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "Wildcard exceptions to the mutability mode; null when there are none.",
			},
			"tags_immutable": schema.BoolAttribute{
				Computed: true,
				MarkdownDescription: "True for `IMMUTABLE` and `IMMUTABLE_WITH_EXCLUSION`: tags that are not excluded can " +
					"never be pushed again.",
			},
			"scan_on_push": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether images are scanned when " +
				"pushed."},
			"encryption_type": computed("`AES256`, `KMS` or `KMS_DSSE`."),
			"kms_key":         computed("KMS key ARN, for KMS encryption."),
			"created_at":      computed("Creation time, RFC 3339."),
			"tags": schema.MapAttribute{
				ElementType: types.StringType, Computed: true, MarkdownDescription: "Resource tags.",
			},
			"has_lifecycle_policy": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the repository has " +
				"a lifecycle policy."},
		},
	}
}

func (d *repositoryDataSource) Configure(
	_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse,
) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *repositoryDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data repositoryDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name, registry := data.Name.ValueString(), data.RegistryID.ValueString()
	client := d.client.InRegistry(registry)
	repo, err := client.FindRepositoryByName(ctx, name)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", repositoryLabel, name, err)
		return
	}
	tags, err := client.FindRepositoryTags(ctx, repo.ARN)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading tags of", repositoryLabel, name, err)
		return
	}
	_, err = client.InRegistry(repo.RegistryID).FindLifecyclePolicyByRepository(ctx, name)
	if err != nil && !ecrapi.IsNotFound(err, ecrapi.KindLifecyclePolicy) {
		addActionError(&resp.Diagnostics, "reading the lifecycle policy of", repositoryLabel, name, err)
		return
	}

	data.ID = types.StringValue(name)
	data.RegistryID = types.StringValue(repo.RegistryID)
	data.ARN = types.StringValue(repo.ARN)
	data.RepositoryURL = types.StringValue(repo.URI)
	data.ImageTagMutability = types.StringValue(repo.TagMutability)
	data.ExclusionFilters = setFromStrings(repo.ExclusionFilters)
	data.TagsImmutable = types.BoolValue(mutability.TagsImmutable(repo.TagMutability))
	data.ScanOnPush = types.BoolValue(repo.ScanOnPush)
	data.EncryptionType, data.KMSKey = types.StringValue(repo.EncryptionType), stringOrNull(repo.KMSKey)
	data.CreatedAt = types.StringNull()
	if !repo.CreatedAt.IsZero() {
		data.CreatedAt = types.StringValue(repo.CreatedAt.UTC().Format(time.RFC3339))
	}
	data.Tags = types.MapValueMust(types.StringType, attrsFromStrings(tags))
	data.HasLifecyclePolicy = types.BoolValue(err == nil)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

type repositoryDataSourceModel struct {
	Name               types.String `tfsdk:"name"`
	RegistryID         types.String `tfsdk:"registry_id"`
	ID                 types.String `tfsdk:"id"`
	ARN                types.String `tfsdk:"arn"`
	RepositoryURL      types.String `tfsdk:"repository_url"`
	ImageTagMutability types.String `tfsdk:"image_tag_mutability"`
	ExclusionFilters   types.Set    `tfsdk:"image_tag_mutability_exclusion_filters"`
	TagsImmutable      types.Bool   `tfsdk:"tags_immutable"`
	ScanOnPush         types.Bool   `tfsdk:"scan_on_push"`
	EncryptionType     types.String `tfsdk:"encryption_type"`
	KMSKey             types.String `tfsdk:"kms_key"`
	CreatedAt          types.String `tfsdk:"created_at"`
	Tags               types.Map    `tfsdk:"tags"`
	HasLifecyclePolicy types.Bool   `tfsdk:"has_lifecycle_policy"`
}
