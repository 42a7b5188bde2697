package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/wildcard"
)

var (
	_ datasource.DataSourceWithValidateConfig = &imageDataSource{}
	_ datasource.DataSourceWithConfigure      = &imageDataSource{}
)

func newImageDataSource() datasource.DataSource { return &imageDataSource{} }

// imageDataSource resolves a tag (or the most recent image) to its digest at plan time, so
// configurations can pin `repo@sha256:...` for every architecture.
type imageDataSource struct {
	client *ecrapi.Client
}

var (
	platformObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"os": types.StringType, "architecture": types.StringType, "variant": types.StringType,
		"os_version": types.StringType, "digest": types.StringType, "image_uri": types.StringType,
		"image_status": types.StringType, "pullable": types.BoolType,
	}}
	scanObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"status": types.StringType, "critical": types.Int64Type, "high": types.Int64Type, "medium": types.Int64Type,
		"low": types.Int64Type, "informational": types.Int64Type, "undefined": types.Int64Type,
	}}
)

func (d *imageDataSource) Metadata(
	_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_image"
}

func (d *imageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Resolves an image by tag, by digest or as the most recent push, and returns the digest " +
			"to pin (`image_uri` is `<repository_url>@<digest>`), with per-platform digests for multi-arch images. A " +
			"lookup by tag or digest is one DescribeImages call whatever the size of the repository.\n\n**Reads that " +
			"count as pulls.** ECR records a pull (`lastRecordedPullTime`) whenever BatchGetImage returns a manifest, and " +
			"`sinceImagePulled` lifecycle rules keep what is pulled. Only `platform` and `include_platforms` read a " +
			"manifest (the index of a multi-arch image, one BatchGetImage); every other input and output comes from " +
			"DescribeImages, which is not a pull.\n\n**Provenance.** `image_status` and `pullable` come with every " +
			"lookup. `include_signing` adds who signed the image (`signing`, `signed`), and `include_referrers` or " +
			"`artifact_type` the SBOMs and attestations that refer to it (`referrers`); each is read only when asked for, " +
			"and none reads a manifest.\n\n~> An image with `image_status = \"ARCHIVED\"` is returned, but it cannot be " +
			"pulled until it is restored (`pullable = false`).",
		Attributes: map[string]schema.Attribute{
			"repository": schema.StringAttribute{
				Required: true, MarkdownDescription: "Repository name.",
				Validators: []validator.String{checkString("repository name", imageref.CheckRepositoryName)},
			},
			"registry_id": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Registry (AWS account) ID, 12 digits. Defaults to the " +
					"caller's registry.",
				Validators: []validator.String{checkString("registry ID", ecrapi.CheckAccountID)},
			},
			"tag": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Tag to resolve. Exactly one of `tag`, `digest` or `most_recent = true`.",
				Validators: []validator.String{checkString("tag", imageref.CheckTag)},
			},
			"digest": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Digest to look up (`sha256:...`); otherwise computed: the resolved image's digest (the " +
					"index's, for a multi-arch image).",
				Validators: []validator.String{checkString("digest", imageref.CheckDigest)},
			},
			"most_recent": schema.BoolAttribute{Optional: true, MarkdownDescription: "Resolve the most recently pushed " +
				"runnable tagged image that is `ACTIVE` (see `include_archived`). Referrers (signatures, SBOMs) and untagged " +
				"images, among them the platform manifests of a multi-arch image, are skipped; no manifest is read."},
			"include_archived": schema.BoolAttribute{
				Optional: true, MarkdownDescription: "With `most_recent`: also consider images that are not `ACTIVE` " +
					"(archived, or being restored), which cannot be pulled. By default they are skipped.",
			},
			"tag_pattern": schema.StringAttribute{
				Optional: true, MarkdownDescription: "With `most_recent`: only images with a tag matching this ECR wildcard, " +
					"such as `v*`.",
				Validators: []validator.String{checkString("tag pattern", imageref.CheckTagPattern)},
			},
			"platform": schema.StringAttribute{
				Optional: true, MarkdownDescription: "A platform such as `linux/arm64` (`arm64` implies `v8`) to select from " +
					"a multi-arch image into `platform_digest` and `platform_image_uri`. For a single-platform image they are " +
					"the image itself. For an index it reads the index's manifest: one BatchGetImage, which ECR records as a " +
					"pull of the index.",
				Validators: []validator.String{checkString("platform", func(s string) error { _, err := imageref.ParsePlatform(s); return err })},
			},
			"allow_missing": schema.BoolAttribute{Optional: true, MarkdownDescription: "When the image or " +
				"repository is missing, return `found = false` and null outputs instead of failing the plan."},
			"include_scan_findings": schema.BoolAttribute{Optional: true, MarkdownDescription: "Also read the scan " +
				"findings of the digest into `scan` (DescribeImageScanFindings; not a pull)."},
			"include_platforms": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "For a multi-arch image, read the index to fill `platforms`. Reading a manifest is a " +
					"BatchGetImage, which ECR records as a pull of the index (keeping it alive under `sinceImagePulled` " +
					"lifecycle rules), so it happens only when this or `platform` is set.",
			},

			"found":     schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the image exists."},
			"image_uri": str("`<repository_url>@<digest>`: the reference to pin."),
			"tag_uri": str("`<repository_url>:<tag>` for the tag looked up (or, with `most_recent`, the " +
				"newest matching tag); null when untagged."),
			"repository_url":      str("Repository URL."),
			"tags":                schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "All tags of the image."},
			"pushed_at":           str("Push time, RFC 3339."),
			"size_bytes":          schema.Int64Attribute{Computed: true, MarkdownDescription: "Size as ECR reports it."},
			"manifest_media_type": str("Manifest media type."),
			"artifact_media_type": str("Artifact media type."),
			"image_status":        str(imageStatusDoc),
			"last_pulled_at":      str("Last recorded pull, RFC 3339; null when never pulled."),
			"is_index": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the image is a " +
				"multi-platform index or manifest list."},
			"platforms": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "For an index, with `include_platforms = true` or `platform`: its runnable platforms " +
					"(attestation and unknown/unknown entries skipped). Null for an index otherwise; empty for a " +
					"single-platform image.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"os": str("Operating system."), "architecture": str("CPU architecture."), "variant": str("Architecture variant."),
					"os_version": str("OS version (Windows)."), "digest": str("Digest of the platform's manifest."),
					"image_uri": str("`<repository_url>@<platform digest>`."),
					"image_status": str("The platform manifest's own status (`ACTIVE`, `ARCHIVED` or `ACTIVATING`): a platform " +
						"can be archived while its index is not."),
					"pullable": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the platform manifest " +
						"itself can be pulled (`image_status = \"ACTIVE\"`)."},
				}},
			},
			"platform_digest":    str("The digest of `platform`."),
			"platform_image_uri": str("`<repository_url>@<platform_digest>`."),
			"platform_image_status": str("The status of `platform_digest` itself. For a multi-arch image it is the " +
				"platform manifest's own, which can be `ARCHIVED` while the index is `ACTIVE`."),
			"platform_pullable": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether `platform_digest` " +
				"itself can be pulled; `pullable` is the index's."},
			"scan": schema.SingleNestedAttribute{
				Computed: true,
				MarkdownDescription: "With `include_scan_findings`: the scan status (`NOT_FOUND` when never scanned) and " +
					"finding counts by severity.",
				Attributes: map[string]schema.Attribute{
					"status": str("Scan status: `IN_PROGRESS`, `PENDING`, `COMPLETE`, `ACTIVE`, `FAILED`, `UNSUPPORTED_IMAGE`, " +
						"`SCAN_ELIGIBILITY_EXPIRED`, `FINDINGS_UNAVAILABLE`, `LIMIT_EXCEEDED`, `IMAGE_ARCHIVED`, `IMAGE_SIZE_EXCEEDED`, or `NOT_FOUND`."), "critical": schema.Int64Attribute{Computed: true, MarkdownDescription: "Critical findings."},
					"high": schema.Int64Attribute{Computed: true, MarkdownDescription: "High findings."}, "medium": schema.Int64Attribute{Computed: true, MarkdownDescription: "Medium findings."},
					"low": schema.Int64Attribute{Computed: true, MarkdownDescription: "Low findings."}, "informational": schema.Int64Attribute{Computed: true, MarkdownDescription: "Informational findings."},
					"undefined": schema.Int64Attribute{Computed: true, MarkdownDescription: "Findings of undefined severity."},
				},
			},
		},
	}
	d.addProvenanceSchema(resp)
	for name, a := range replicationStatusAttributes() {
		resp.Schema.Attributes[name] = a
	}
}

func (d *imageDataSource) addProvenanceSchema(resp *datasource.SchemaResponse) {
	for name, a := range provenanceInputAttributes() {
		resp.Schema.Attributes[name] = a
	}
	for name, a := range provenanceOutputAttributes() {
		resp.Schema.Attributes[name] = a
	}
}

func (d *imageDataSource) ValidateConfig(
	ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse,
) {
	var cfg imageDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || cfg.Tag.IsUnknown() || cfg.Digest.IsUnknown() || cfg.MostRecent.IsUnknown() {
		return
	}
	n := 0
	for _, set := range []bool{!cfg.Tag.IsNull(), !cfg.Digest.IsNull(), cfg.MostRecent.ValueBool()} {
		if set {
			n++
		}
	}
	if n != 1 {
		resp.Diagnostics.AddAttributeError(path.Root("tag"), "Choose how to find the image",
			"Set exactly one of tag, digest or most_recent = true.")
	}
	if !cfg.IncludeArchived.IsNull() && !cfg.MostRecent.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("include_archived"), "include_archived needs most_recent",
			"include_archived chooses among images for most_recent = true; a lookup by tag or digest returns the image "+
				"whatever its status.")
	}
	if !cfg.TagPattern.IsNull() && !cfg.MostRecent.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("tag_pattern"), "tag_pattern needs most_recent",
			"tag_pattern chooses among images for most_recent = true; with tag or digest, remove it.")
	}
}

func (d *imageDataSource) Configure(
	_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse,
) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *imageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data imageDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	repo, registry := data.Repository.ValueString(), data.RegistryID.ValueString()
	client := d.client.InRegistry(registry)
	var img *ecrapi.Image
	var err error
	label := repo
	switch {
	case !data.Tag.IsNull():
		label += ":" + data.Tag.ValueString()
		img, err = client.FindImage(ctx, repo, ecrapi.ImageID{Tag: data.Tag.ValueString()})
	case !data.Digest.IsNull():
		label += "@" + data.Digest.ValueString()
		img, err = client.FindImage(ctx, repo, ecrapi.ImageID{Digest: data.Digest.ValueString()})
	default:
		label += " (most recent)"
		img, err = client.FindMostRecentImage(ctx, repo, data.TagPattern.ValueString(), data.IncludeArchived.ValueBool())
	}
	if ecrapi.IsNotFound(err) {
		if data.AllowMissing.ValueBool() {
			data.setMissing()
			resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
			return
		}
		resp.Diagnostics.AddError("reading "+imageLabel+" ("+label+")",
			err.Error()+". Push the image first, check the name, or set allow_missing = true to plan without it (found = "+
				"false).")
		return
	}
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", imageLabel, label, err)
		return
	}
	d.fill(ctx, &data, repo, img, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	reader := provenanceReader{client: client, req: newProvenanceRequest(data.IncludeSigning, data.IncludeReferrers, data.ArtifactType)}
	prov, err := reader.read(ctx, repo, img.Digest)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading the provenance of", imageLabel, label, err)
		return
	}
	data.Signing, data.Signed, data.Referrers = prov.Signing, prov.Signed, prov.Referrers
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// fill sets the outputs from the image found, reading the index and the scan when needed.
func (d *imageDataSource) fill(
	ctx context.Context, data *imageDataSourceModel, repo string, img *ecrapi.Image, diags *diag.Diagnostics,
) {
	registry := img.RegistryID
	client := d.client.InRegistry(registry)
	dgst := img.Digest
	repoURL := imageref.RepositoryURL(registry, d.client.Region, repo)
	mediaType := img.ManifestMediaType

	data.Found = types.BoolValue(true)
	data.RegistryID = types.StringValue(registry)
	data.Digest = types.StringValue(dgst)
	data.RepositoryURL = types.StringValue(repoURL)
	data.ImageURI = types.StringValue(imageref.DigestURI(repoURL, dgst))
	data.TagURI = types.StringNull()
	if tag := chosenTag(data, img.Tags); tag != "" {
		data.TagURI = types.StringValue(imageref.TagURI(repoURL, tag))
	}
	tags, dg := types.ListValueFrom(ctx, types.StringType, emptyIfNil(img.Tags))
	diags.Append(dg...)
	data.Tags = tags
	data.PushedAt = rfc3339OrNull(img.PushedAt)
	data.LastPulledAt = rfc3339OrNull(img.LastPulledAt)
	data.SizeBytes = types.Int64Value(img.SizeBytes)
	data.ManifestMediaType = stringOrNull(mediaType)
	data.ArtifactMediaType = stringOrNull(img.ArtifactMediaType)
	data.ImageStatus = types.StringValue(img.Status)
	data.Pullable = types.BoolValue(img.Status == ecrapi.ImageStatusActive)
	data.IsIndex = types.BoolValue(imageref.IsIndexMediaType(mediaType))

	// The index's manifest is read (a BatchGetImage, which ECR records as a pull of the index)
	// only when the configuration asks for its platforms.
	readIndex := data.IsIndex.ValueBool() && (!data.Platform.IsNull() || data.IncludePlatforms.ValueBool())
	var platforms []imageref.PlatformManifest
	if readIndex {
		manifest, err := client.FindManifest(ctx, repo, dgst)
		if err != nil {
			addActionError(diags, "reading the index of", imageLabel, repo+"@"+dgst, err)
			return
		}
		idx, err := imageref.ParseIndex(manifest.Body)
		if err != nil {
			addActionError(diags, "reading the index of", imageLabel, repo+"@"+dgst, err)
			return
		}
		platforms = imageref.Platforms(idx)
	}
	// Each platform manifest has its own status: one DescribeImages for all of them (not a pull).
	childStatus := map[string]string{}
	if len(platforms) > 0 {
		digests := make([]string, 0, len(platforms))
		for _, p := range platforms {
			digests = append(digests, p.Digest)
		}
		found, err := client.FindImagesByDigest(ctx, repo, digests)
		if err != nil {
			addActionError(diags, "reading the platform manifests of", imageLabel, repo+"@"+dgst, err)
			return
		}
		for d, child := range found {
			childStatus[d] = child.Status
		}
	}
	statusOf := func(d string) (types.String, types.Bool) {
		st, ok := childStatus[d]
		if !ok {
			return types.StringNull(), types.BoolValue(false)
		}
		return types.StringValue(st), types.BoolValue(st == ecrapi.ImageStatusActive)
	}
	elems := make([]attr.Value, 0, len(platforms))
	for _, p := range platforms {
		status, pullable := statusOf(p.Digest)
		elems = append(elems, types.ObjectValueMust(platformObjectType.AttrTypes, map[string]attr.Value{
			"os": types.StringValue(p.Platform.OS), "architecture": types.StringValue(p.Platform.Architecture),
			"variant": stringOrNull(p.Platform.Variant), "os_version": stringOrNull(p.Platform.OSVersion),
			"digest": types.StringValue(p.Digest), "image_uri": types.StringValue(imageref.DigestURI(repoURL, p.Digest)),
			"image_status": status, "pullable": pullable,
		}))
	}
	data.Platforms = types.ListValueMust(platformObjectType, elems)
	if data.IsIndex.ValueBool() && !readIndex {
		data.Platforms = types.ListNull(platformObjectType)
	}

	data.PlatformDigest, data.PlatformImageURI = types.StringNull(), types.StringNull()
	data.PlatformImageStatus, data.PlatformPullable = types.StringNull(), types.BoolNull()
	if !data.Platform.IsNull() {
		want, _ := imageref.ParsePlatform(data.Platform.ValueString()) // validated
		pd := dgst
		data.PlatformImageStatus, data.PlatformPullable = data.ImageStatus, data.Pullable
		if data.IsIndex.ValueBool() {
			m, err := imageref.FindPlatform(platforms, want)
			if err != nil {
				diags.AddAttributeError(path.Root("platform"), "selecting a platform of "+imageLabel+" ("+repo+"@"+dgst+")", err.Error())
				return
			}
			pd = m.Digest
			status, pullable := statusOf(pd)
			data.PlatformImageStatus, data.PlatformPullable = status, pullable
		}
		data.PlatformDigest = types.StringValue(pd)
		data.PlatformImageURI = types.StringValue(imageref.DigestURI(repoURL, pd))
	}

	data.ReplicationStatus = readReplicationStatus(ctx, client, data.IncludeReplicationStatus, repo, dgst, diags)
	data.Scan = types.ObjectNull(scanObjectType.AttrTypes)
	if data.IncludeScanFindings.ValueBool() {
		scan, err := client.FindScanSummary(ctx, repo, dgst)
		if err != nil {
			addActionError(diags, "reading scan findings of", imageLabel, repo+"@"+dgst, err)
			return
		}
		count := func(sev string) attr.Value { return types.Int64Value(int64(scan.Counts[sev])) }
		data.Scan = types.ObjectValueMust(scanObjectType.AttrTypes, map[string]attr.Value{
			"status": types.StringValue(scan.Status), "critical": count("CRITICAL"), "high": count("HIGH"), "medium": count("MEDIUM"),
			"low": count("LOW"), "informational": count("INFORMATIONAL"), "undefined": count("UNDEFINED"),
		})
	}
}

// chosenTag is the tag for tag_uri: the one looked up, or with most_recent the greatest tag
// matching the pattern (or of all tags), so the choice is stable.
func chosenTag(data *imageDataSourceModel, tags []string) string {
	if !data.Tag.IsNull() {
		return data.Tag.ValueString()
	}
	best := ""
	for _, t := range tags {
		if pattern := data.TagPattern.ValueString(); pattern != "" && !wildcard.Match(pattern, t) {
			continue
		}
		if t > best {
			best = t
		}
	}
	return best
}

func (m *imageDataSourceModel) setMissing() {
	m.Found = types.BoolValue(false)
	if m.Digest.IsUnknown() || m.Digest.IsNull() {
		m.Digest = types.StringNull()
	}
	for _, s := range []*types.String{&m.ImageURI, &m.TagURI, &m.RepositoryURL, &m.PushedAt, &m.ManifestMediaType,
		&m.ArtifactMediaType, &m.ImageStatus, &m.LastPulledAt, &m.PlatformDigest, &m.PlatformImageURI, &m.PlatformImageStatus} {
		*s = types.StringNull()
	}
	if m.RegistryID.IsUnknown() {
		m.RegistryID = types.StringNull()
	}
	m.Tags = types.ListNull(types.StringType)
	m.SizeBytes = types.Int64Null()
	m.IsIndex = types.BoolNull()
	m.Platforms = types.ListNull(platformObjectType)
	m.Scan = types.ObjectNull(scanObjectType.AttrTypes)
	m.ReplicationStatus = types.ListNull(replicationStatusObjectType)
	m.Pullable = types.BoolNull()
	m.PlatformPullable = types.BoolNull()
	p := nullProvenance()
	m.Signing, m.Signed, m.Referrers = p.Signing, p.Signed, p.Referrers
}

type imageDataSourceModel struct {
	Repository          types.String `tfsdk:"repository"`
	RegistryID          types.String `tfsdk:"registry_id"`
	Tag                 types.String `tfsdk:"tag"`
	Digest              types.String `tfsdk:"digest"`
	MostRecent          types.Bool   `tfsdk:"most_recent"`
	TagPattern          types.String `tfsdk:"tag_pattern"`
	IncludeArchived     types.Bool   `tfsdk:"include_archived"`
	Platform            types.String `tfsdk:"platform"`
	AllowMissing        types.Bool   `tfsdk:"allow_missing"`
	IncludeScanFindings types.Bool   `tfsdk:"include_scan_findings"`
	IncludePlatforms    types.Bool   `tfsdk:"include_platforms"`
	IncludeSigning      types.Bool   `tfsdk:"include_signing"`
	IncludeReferrers    types.Bool   `tfsdk:"include_referrers"`
	ArtifactType        types.String `tfsdk:"artifact_type"`
	// include_replication_status and replication_status: image_replication_status.go.
	IncludeReplicationStatus types.Bool `tfsdk:"include_replication_status"`
	ReplicationStatus        types.List `tfsdk:"replication_status"`

	Found               types.Bool   `tfsdk:"found"`
	ImageURI            types.String `tfsdk:"image_uri"`
	TagURI              types.String `tfsdk:"tag_uri"`
	RepositoryURL       types.String `tfsdk:"repository_url"`
	Tags                types.List   `tfsdk:"tags"`
	PushedAt            types.String `tfsdk:"pushed_at"`
	SizeBytes           types.Int64  `tfsdk:"size_bytes"`
	ManifestMediaType   types.String `tfsdk:"manifest_media_type"`
	ArtifactMediaType   types.String `tfsdk:"artifact_media_type"`
	ImageStatus         types.String `tfsdk:"image_status"`
	LastPulledAt        types.String `tfsdk:"last_pulled_at"`
	IsIndex             types.Bool   `tfsdk:"is_index"`
	Platforms           types.List   `tfsdk:"platforms"`
	PlatformDigest      types.String `tfsdk:"platform_digest"`
	PlatformImageURI    types.String `tfsdk:"platform_image_uri"`
	PlatformImageStatus types.String `tfsdk:"platform_image_status"`
	PlatformPullable    types.Bool   `tfsdk:"platform_pullable"`
	Scan                types.Object `tfsdk:"scan"`
	Pullable            types.Bool   `tfsdk:"pullable"`
	Signing             types.List   `tfsdk:"signing"`
	Signed              types.Bool   `tfsdk:"signed"`
	Referrers           types.List   `tfsdk:"referrers"`
}
