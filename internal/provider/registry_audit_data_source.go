package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"golang.org/x/sync/errgroup"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/audit"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/wildcard"
)

var _ datasource.DataSource = &registryAuditDataSource{}

func newRegistryAuditDataSource() datasource.DataSource { return &registryAuditDataSource{} }

// registryAuditDataSource reports governance facts for every repository, flat, for
// policy-as-code.
type registryAuditDataSource struct {
	client *ecrapi.Client
}

const defaultAuditConcurrency = 8

var auditRepositoryType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"name": types.StringType, "arn": types.StringType, "image_tag_mutability": types.StringType,
	"exclusion_filters": types.ListType{ElemType: types.StringType}, "tags_immutable": types.BoolType,
	"has_lifecycle_policy": types.BoolType, "expires_untagged": types.BoolType, "keeps_at_most": types.Int64Type,
	"scan_on_push": types.BoolType, "encryption_type": types.StringType, "findings": types.ListType{ElemType: types.StringType},
}}

func (d *registryAuditDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_registry_audit"
}

func (d *registryAuditDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	boolean := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Governance facts for every repository of the registry, flat enough for Rego or Sentinel to read without parsing JSON. Reads no image. " +
			"It pages DescribeRepositories at 1,000 per call and reads lifecycle policies with bounded concurrency: N repositories cost " +
			"⌈N/1000⌉ + N calls.\n\nFinding codes:\n\n" +
			"- `TAGS_MUTABLE`: tags can be pushed again (`MUTABLE` or `MUTABLE_WITH_EXCLUSION`).\n" +
			"- `BROAD_TAG_EXCEPTION`: an exclusion filter is `*`, so every tag is an exception.\n" +
			"- `NO_LIFECYCLE_POLICY`: no lifecycle policy; nothing is ever cleaned up.\n" +
			"- `NO_UNTAGGED_EXPIRY`: no rule expires untagged images, which accumulate with every push.\n" +
			"- `POLICY_UNREADABLE`: the lifecycle policy in ECR could not be parsed.\n" +
			"- `SCAN_ON_PUSH_OFF`: images are not scanned when pushed.\n" +
			"- `AES256_NOT_KMS`: encrypted with AES256 rather than a KMS key you control.",
		Attributes: map[string]schema.Attribute{
			"name_prefix": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only repositories whose name starts with this. Conflicts with `name_pattern` (a pattern can start with the prefix: `team/*`).",
				Validators: []validator.String{stringvalidator.ConflictsWith(path.MatchRoot("name_pattern"))},
			},
			"name_pattern": schema.StringAttribute{Optional: true, MarkdownDescription: "Only repositories whose name matches this wildcard (`*` matches any run of characters, `/` included)."},
			"concurrency": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "Lifecycle policies read at once. Defaults to 8.",
				Validators: []validator.Int64{int64validator.Between(1, 64)},
			},
			"repositories": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "One entry per repository, sorted by name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": str("Repository name."), "arn": str("Repository ARN."),
					"image_tag_mutability": str("Tag mutability mode."),
					"exclusion_filters":    schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Exclusion filters (empty when none)."},
					"tags_immutable":       boolean("`IMMUTABLE` or `IMMUTABLE_WITH_EXCLUSION`."),
					"has_lifecycle_policy": boolean("Whether a lifecycle policy exists."),
					"expires_untagged":     boolean("Whether a rule expires untagged images."),
					"keeps_at_most":        schema.Int64Attribute{Computed: true, MarkdownDescription: "The smallest `imageCountMoreThan` of an expire rule that covers all tagged images (`any`, or tagged `*`); null when none bounds them."},
					"scan_on_push":         boolean("Whether images are scanned on push."),
					"encryption_type":      str("`AES256`, `KMS` or `KMS_DSSE`."),
					"findings":             schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Finding codes (empty when none)."},
				}},
			},
			"summary": schema.MapAttribute{
				Computed: true, ElementType: types.Int64Type,
				MarkdownDescription: "`repositories` (how many were audited) and, for every finding code, how many repositories have it.",
			},
		},
	}
}

func (d *registryAuditDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *registryAuditDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data registryAuditModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := d.client.ListRepositories(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, "listing", "ECR repositories", "registry", err)
		return
	}
	prefix, pattern := data.NamePrefix.ValueString(), data.NamePattern.ValueString()
	var repos []ecrapi.Repository
	for _, r := range all {
		if strings.HasPrefix(r.Name, prefix) && (pattern == "" || wildcard.Match(pattern, r.Name)) {
			repos = append(repos, r)
		}
	}
	sortRepositories(repos)

	policies := make([]string, len(repos))
	g, gctx := errgroup.WithContext(ctx)
	limit := defaultAuditConcurrency
	if !data.Concurrency.IsNull() {
		limit = int(data.Concurrency.ValueInt64())
	}
	g.SetLimit(limit)
	for i, r := range repos {
		g.Go(func() error {
			text, err := d.client.InRegistry(r.RegistryID).FindLifecyclePolicyByRepository(gctx, r.Name)
			if ecrapi.IsNotFound(err) {
				return nil
			}
			policies[i] = text
			return err
		})
	}
	if err := g.Wait(); err != nil {
		addActionError(&resp.Diagnostics, "reading lifecycle policies of", "ECR repositories", "registry", err)
		return
	}

	summary := map[string]int64{"repositories": int64(len(repos))}
	for _, code := range audit.AllFindings {
		summary[code] = 0
	}
	elems := make([]attr.Value, 0, len(repos))
	for i, r := range repos {
		in := audit.Repository{
			Name: r.Name, Mutability: r.TagMutability, ExclusionFilters: r.ExclusionFilters,
			ScanOnPush: r.ScanOnPush, EncryptionType: r.EncryptionType, PolicyText: policies[i],
		}
		facts := audit.Assess(in)
		for _, code := range facts.Findings {
			summary[code]++
		}
		keeps := types.Int64Null()
		if facts.KeepsAtMost != nil {
			keeps = types.Int64Value(*facts.KeepsAtMost)
		}
		filters, _ := types.ListValueFrom(ctx, types.StringType, emptyIfNil(in.ExclusionFilters))
		findings, _ := types.ListValueFrom(ctx, types.StringType, emptyIfNil(facts.Findings))
		elems = append(elems, types.ObjectValueMust(auditRepositoryType.AttrTypes, map[string]attr.Value{
			"name": types.StringValue(in.Name), "arn": types.StringValue(r.ARN),
			"image_tag_mutability": types.StringValue(in.Mutability), "exclusion_filters": filters,
			"tags_immutable": types.BoolValue(facts.TagsImmutable), "has_lifecycle_policy": types.BoolValue(facts.HasLifecyclePolicy),
			"expires_untagged": types.BoolValue(facts.ExpiresUntagged), "keeps_at_most": keeps,
			"scan_on_push": types.BoolValue(in.ScanOnPush), "encryption_type": types.StringValue(in.EncryptionType), "findings": findings,
		}))
	}
	data.Repositories = types.ListValueMust(auditRepositoryType, elems)
	summaryValue, diags := types.MapValueFrom(ctx, types.Int64Type, summary)
	resp.Diagnostics.Append(diags...)
	data.Summary = summaryValue
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

func sortRepositories(repos []ecrapi.Repository) {
	slices.SortFunc(repos, func(a, b ecrapi.Repository) int {
		return strings.Compare(a.Name, b.Name)
	})
}

type registryAuditModel struct {
	NamePrefix   types.String `tfsdk:"name_prefix"`
	NamePattern  types.String `tfsdk:"name_pattern"`
	Concurrency  types.Int64  `tfsdk:"concurrency"`
	Repositories types.List   `tfsdk:"repositories"`
	Summary      types.Map    `tfsdk:"summary"`
}
