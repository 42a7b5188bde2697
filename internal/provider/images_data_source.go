package provider

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/wildcard"
)

var (
	_ datasource.DataSourceWithConfigure      = &imagesDataSource{}
	_ datasource.DataSourceWithValidateConfig = &imagesDataSource{}
)

func newImagesDataSource() datasource.DataSource { return &imagesDataSource{} }

// imagesDataSource lists a repository's images, newest first, with filters.
type imagesDataSource struct {
	client *ecrapi.Client
}

var imageListObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"digest": types.StringType, "tags": types.ListType{ElemType: types.StringType}, "pushed_at": types.StringType,
	"size_bytes": types.Int64Type, "image_uri": types.StringType, "manifest_media_type": types.StringType,
	"artifact_media_type": types.StringType, "image_status": types.StringType, "pullable": types.BoolType,
	"signing": types.ListType{ElemType: signingStatusObjectType}, "signed": types.BoolType,
	"referrers": types.ListType{ElemType: referrerObjectType},
}}

func (d *imagesDataSource) Metadata(
	_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_images"
}

func (d *imagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists a repository's images, newest first, with their digests and pinnable `image_uri`s. " +
			"Pages DescribeImages at 1,000 per call. Reads no manifest, so it never counts as a pull of an image. With " +
			"`include_signing` it adds one DescribeImageSigningStatus per image (and one GetSigningConfiguration), and " +
			"with `include_referrers` or `artifact_type` one ListImageReferrers per image: set `limit`.",
		Attributes: map[string]schema.Attribute{
			"repository": schema.StringAttribute{
				Required: true, MarkdownDescription: "Repository name.",
				Validators: []validator.String{checkString("repository name", imageref.CheckRepositoryName)},
			},
			"tag_status": schema.StringAttribute{
				Optional: true, MarkdownDescription: "`TAGGED`, `UNTAGGED` or `ANY` (default), as the ECR API spells them; " +
					"the lowercase spelling of lifecycle rules (`tagged`, `untagged`, `any`) is accepted too.",
				Validators: []validator.String{stringvalidator.OneOfCaseInsensitive("TAGGED", "UNTAGGED", "ANY")},
			},
			"tag_pattern": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only images with a tag matching this ECR wildcard, such as `v*`.",
				Validators: []validator.String{checkString("tag pattern", imageref.CheckTagPattern)},
			},
			"pushed_after": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only images pushed after this time, RFC 3339.",
				Validators: []validator.String{checkString("timestamp", checkRFC3339)},
			},
			"limit": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "Return at most this many images (the newest).",
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"images": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The images, newest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"digest": str("Image digest."), "tags": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags."},
					"pushed_at": str("Push time, RFC 3339."), "size_bytes": schema.Int64Attribute{Computed: true, MarkdownDescription: "Size as ECR reports it."},
					"image_uri": str("`<repository_url>@<digest>`."), "manifest_media_type": str("Manifest media type."),
					"artifact_media_type": str("Artifact media type."), "image_status": str(imageStatusDoc),
					"pullable": provenanceOutputAttributes()["pullable"], "signing": provenanceOutputAttributes()["signing"],
					"signed": provenanceOutputAttributes()["signed"], "referrers": provenanceOutputAttributes()["referrers"],
				}},
			},
		},
	}
	for name, a := range provenanceInputAttributes() {
		resp.Schema.Attributes[name] = a
	}
}

func (d *imagesDataSource) ValidateConfig(
	ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse,
) {
	var cfg imagesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || cfg.TagStatus.IsUnknown() || cfg.TagPattern.IsUnknown() {
		return
	}
	if !cfg.TagPattern.IsNull() && strings.EqualFold(cfg.TagStatus.ValueString(), ecrapi.TagStatusUntagged) {
		resp.Diagnostics.AddAttributeError(path.Root("tag_pattern"), "tag_pattern contradicts tag_status",
			"tag_pattern keeps images with a matching tag, and tag_status = \"UNTAGGED\" lists only images without tags, "+
				"so nothing "+
				"could be returned. Remove tag_pattern, or set tag_status to TAGGED or ANY.")
	}
}

func (d *imagesDataSource) Configure(
	_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse,
) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *imagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data imagesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	repo := data.Repository.ValueString()
	status := ecrapi.TagStatusAny
	if !data.TagStatus.IsNull() {
		status = strings.ToUpper(data.TagStatus.ValueString())
	}
	details, err := d.client.DescribeImages(ctx, repo, status)
	if err != nil {
		addActionError(&resp.Diagnostics, "listing images of", repositoryLabel, repo, err)
		return
	}
	var after time.Time
	if !data.PushedAfter.IsNull() {
		after, _ = time.Parse(time.RFC3339, data.PushedAfter.ValueString()) // validated
	}
	pattern := data.TagPattern.ValueString()
	kept := details[:0]
	for _, img := range details {
		if pattern != "" && !wildcard.MatchAny(pattern, img.Tags) {
			continue
		}
		if !after.IsZero() && !img.PushedAt.After(after) {
			continue
		}
		kept = append(kept, img)
	}
	sort.SliceStable(kept, func(i, j int) bool {
		a, b := kept[i].PushedAt, kept[j].PushedAt
		if !a.Equal(b) {
			return a.After(b)
		}
		return kept[i].Digest < kept[j].Digest
	})
	if n := data.Limit.ValueInt64(); n > 0 && int64(len(kept)) > n {
		kept = kept[:n]
	}
	reader := provenanceReader{client: d.client, req: newProvenanceRequest(data.IncludeSigning, data.IncludeReferrers, data.ArtifactType)}
	elems := make([]attr.Value, 0, len(kept))
	for _, img := range kept {
		prov, err := reader.read(ctx, repo, img.Digest)
		if err != nil {
			addActionError(&resp.Diagnostics, "reading the provenance of", imageLabel, repo+"@"+img.Digest, err)
			return
		}
		tags, diags := types.ListValueFrom(ctx, types.StringType, emptyIfNil(img.Tags))
		resp.Diagnostics.Append(diags...)
		repoURL := imageref.RepositoryURL(img.RegistryID, d.client.Region, repo)
		elems = append(elems, types.ObjectValueMust(imageListObjectType.AttrTypes, map[string]attr.Value{
			"digest": types.StringValue(img.Digest), "tags": tags, "pushed_at": rfc3339OrNull(img.PushedAt),
			"size_bytes": types.Int64Value(img.SizeBytes), "image_uri": types.StringValue(imageref.DigestURI(repoURL, img.Digest)),
			"manifest_media_type": stringOrNull(img.ManifestMediaType), "artifact_media_type": stringOrNull(img.ArtifactMediaType),
			"image_status": types.StringValue(img.Status), "pullable": types.BoolValue(img.Status == ecrapi.ImageStatusActive),
			"signing": prov.Signing, "signed": prov.Signed, "referrers": prov.Referrers,
		}))
	}
	data.Images = types.ListValueMust(imageListObjectType, elems)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

type imagesDataSourceModel struct {
	Repository  types.String `tfsdk:"repository"`
	TagStatus   types.String `tfsdk:"tag_status"`
	TagPattern  types.String `tfsdk:"tag_pattern"`
	PushedAfter types.String `tfsdk:"pushed_after"`
	Limit       types.Int64  `tfsdk:"limit"`
	Images      types.List   `tfsdk:"images"`

	IncludeSigning   types.Bool   `tfsdk:"include_signing"`
	IncludeReferrers types.Bool   `tfsdk:"include_referrers"`
	ArtifactType     types.String `tfsdk:"artifact_type"`
}
