package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/accesspolicy"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/audit"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

var (
	_ datasource.DataSourceWithConfigure = &registryAuditDataSource{}
)

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
	"uses_pull_time": types.BoolType, "scan_on_push": types.BoolType, "scan_frequency": types.StringType, "scanned": types.BoolType,
	"creation_template": types.StringType, "creation_templates": types.MapType{ElemType: types.StringType}, "encryption_type": types.StringType, "findings": types.ListType{ElemType: types.StringType},
	"signing_profiles": types.ListType{ElemType: types.StringType}, "images_without_sbom": types.Int64Type,
}}

// defaultSBOMTypes are the SBOM artifact types check_sbom_referrers looks for by default: SPDX
// and CycloneDX JSON.
var defaultSBOMTypes = []string{"application/spdx+json", "application/vnd.cyclonedx+json"}

func withoutSBOMValue(reg *auditedRegistry, i int) types.Int64 {
	if reg.withoutSBOM == nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(reg.withoutSBOM[i]))
}

var auditTemplateType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"prefix": types.StringType, "applied_for": types.ListType{ElemType: types.StringType}, "image_tag_mutability": types.StringType,
	"tags_immutable": types.BoolType, "has_lifecycle_policy": types.BoolType, "expires_untagged": types.BoolType,
	"findings": types.ListType{ElemType: types.StringType},
}}

func (d *registryAuditDataSource) Metadata(
	_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_registry_audit"
}

func (d *registryAuditDataSource) Schema(
	_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse,
) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	boolean := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Governance facts for every repository of the registry, and for every repository creation " +
			"template, as ECR applies them, flat enough for Rego or Sentinel to read without parsing JSON. Reads no " +
			"image.\n\nCall budget for N repositories: one DescribeRepositories per 1,000; ⌈N/25⌉ " +
			"BatchGetRepositoryScanningConfiguration; one GetRegistryScanningConfiguration; one " +
			"DescribeRepositoryCreationTemplates per 1,000 templates; one DescribePullThroughCacheRules per 1,000 rules; " +
			"N GetLifecyclePolicy with bounded concurrency; one GetSigningConfiguration; one ListPullTimeUpdateExclusions " +
			"page only when a policy uses `sinceImagePulled`; and, only with `check_sbom_referrers`, per repository " +
			"⌈tagged images/1000⌉ DescribeImages and one ListImageReferrers per tagged image; and, only with " +
			"`check_policies`, N GetRepositoryPolicy with the same bounded concurrency and one " +
			"GetRegistryPolicy.\n\nRepository finding codes:\n\n- `TAGS_MUTABLE`: tags can be pushed again (`MUTABLE` or " +
			"`MUTABLE_WITH_EXCLUSION`).\n- `BROAD_TAG_EXCEPTION`: an exclusion filter is `*`, so every tag is an " +
			"exception.\n- `NO_LIFECYCLE_POLICY`: no lifecycle policy; nothing is ever cleaned up.\n- " +
			"`NO_UNTAGGED_EXPIRY`: no rule expires untagged images, which accumulate with every push.\n- " +
			"`POLICY_UNREADABLE`: the lifecycle policy in ECR could not be parsed.\n- `SCAN_ON_PUSH_OFF`: images are " +
			"scanned neither on push nor continuously, by the repository's setting or by the registry's scanning rules. A " +
			"registry-wide rule counts: this is read with BatchGetRepositoryScanningConfiguration.\n- `AES256_NOT_KMS`: " +
			"encrypted with AES256 rather than a KMS key you control.\n- `PULL_TIME_UNPROTECTED`: a lifecycle rule counts " +
			"days since the last pull (`sinceImagePulled`) while the registry has no pull-time update exclusion, so " +
			"scanners and tools that read manifests keep images from ever being archived (see " +
			"`ecrgov_pull_time_update_exclusion`).\n- `UNSIGNED_REPOSITORY`: no managed-signing rule covers the " +
			"repository (see `ecrgov_signing_configuration`).\n- `NO_SBOM_REFERRERS`: with `check_sbom_referrers`, a " +
			"tagged, active image has no SBOM referrer.\n- `KMS_AWS_MANAGED_KEY`: not encrypted with a customer-managed " +
			"KMS key: AES256, or KMS with the AWS managed key `aws/ecr` (recognised when ECR reports no key or the " +
			"`aws/ecr` alias; a bare key ID is not looked up in KMS).\n- With `check_policies`, the repository policy's " +
			"codes: `PUBLIC_POLICY`, `UNTRUSTED_ACCOUNT`, `WILDCARD_ACTION`, `WRITE_TO_OTHER_ACCOUNT`, `NOT_PRINCIPAL` " +
			"(see `ecrgov_repository_policy`), or `POLICY_UNREADABLE`.\n\nRegistry finding codes (`registry_findings`): " +
			"`BASIC_SCANNING`, and with `check_policies` the registry policy's codes, `REGISTRY_WIDE_GRANT` among them; " +
			"`REPLICATION_UNGOVERNED` and `DELETE_REPLICATION` when a replication rule has them (see " +
			"`replication_rules`).\n\n" +
			auditComplianceMapping +
			"Template finding codes (a template weaker than the repositories it should create):\n\n" +
			"- `TEMPLATE_TAGS_MUTABLE`: repositories it creates have mutable tags.\n" +
			"- `TEMPLATE_NO_LIFECYCLE_POLICY`: repositories it creates have no lifecycle policy.\n" +
			"- `TEMPLATE_NO_UNTAGGED_EXPIRY`: its lifecycle policy never expires untagged images.\n\n" +
			auditPullThroughCacheDoc,
		Attributes: map[string]schema.Attribute{
			"name_prefix": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only repositories whose name starts with this. Conflicts with " +
					"`name_pattern` (a pattern can start with the prefix: `team/*`).",
				Validators: []validator.String{stringvalidator.ConflictsWith(path.MatchRoot("name_pattern"))},
			},
			"name_pattern": schema.StringAttribute{Optional: true, MarkdownDescription: "Only repositories whose name " +
				"matches this wildcard (`*` matches any run of characters, `/` included)."},
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
					"keeps_at_most": schema.Int64Attribute{Computed: true, MarkdownDescription: "The smallest " +
						"`imageCountMoreThan` of an expire rule that covers all tagged images (`any`, or tagged `*`); null when " +
						"none bounds them."},
					"uses_pull_time": boolean("Whether a lifecycle rule counts days since the last pull (`sinceImagePulled`)."),
					"scan_on_push": boolean("The repository's own scan-on-push setting (BASIC scanning honours it; " +
						"ENHANCED ignores it)."),
					"scan_frequency": str("What the registry's scanning rules apply: `SCAN_ON_PUSH`, `CONTINUOUS_SCAN` or " +
						"`MANUAL`."),
					"scanned": boolean("Whether ECR scans the repository's images on push or continuously, by " +
						"either setting: what `SCAN_ON_PUSH_OFF` checks."),
					"creation_template": str("The prefix of the repository creation template that would govern a repository " +
						"created again at this name by a push (the template applied for `CREATE_ON_PUSH`); null when none, and " +
						"then a push to the missing name fails."),
					"creation_templates": schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "For each creation scenario " +
						"(`CREATE_ON_PUSH`, `PULL_THROUGH_CACHE`, `REPLICATION`), the prefix of the template that would govern a " +
						"repository created at this name that way; null for a scenario no template is applied for."},
					"signing_profiles": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The managed-signing profiles whose rules cover the repository (empty when none: `UNSIGNED_REPOSITORY`)."},
					"images_without_sbom": schema.Int64Attribute{Computed: true, MarkdownDescription: "With " +
						"`check_sbom_referrers`: how many tagged, active images no SBOM refers to; null otherwise."},
					"encryption_type": str("`AES256`, `KMS` or `KMS_DSSE`."),
					"findings":        schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Finding codes (empty when none)."},
				}},
			},
			"pull_through_caches": auditPullThroughCacheAttribute(),
			"templates": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "One entry per repository creation template, sorted by prefix.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"prefix":               str("The namespace, or `ROOT`."),
					"applied_for":          schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Scenarios, sorted."},
					"image_tag_mutability": str("Tag mutability of the repositories it creates."),
					"tags_immutable":       boolean("`IMMUTABLE` or `IMMUTABLE_WITH_EXCLUSION`."),
					"has_lifecycle_policy": boolean("Whether it gives a lifecycle policy."),
					"expires_untagged":     boolean("Whether its policy expires untagged images."),
					"findings":             schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Template finding codes (empty when none)."},
				}},
			},
			"scan_type": schema.StringAttribute{Computed: true, MarkdownDescription: "The registry's scan type, `BASIC` " +
				"or `ENHANCED`."},
			"check_policies": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Also read every repository's permissions policy and the registry policy, and report " +
					"who they let reach an image (`PUBLIC_POLICY`, `UNTRUSTED_ACCOUNT`, `WILDCARD_ACTION`, " +
					"`WRITE_TO_OTHER_ACCOUNT`, `NOT_PRINCIPAL`; `REGISTRY_WIDE_GRANT` for the registry policy; " +
					"`POLICY_UNREADABLE` for a policy the analysis cannot read), with the analysis of " +
					"`ecrgov_repository_policy`. It costs one GetRepositoryPolicy per repository (ECR has no batch form), read " +
					"`concurrency` at a time, and one GetRegistryPolicy, so it is off by default.",
			},
			"trusted_accounts": schema.SetAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "With `check_policies`: the accounts a principal may belong to besides the registry's " +
					"own; any other is `UNTRUSTED_ACCOUNT`.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(checkString("AWS account ID", ecrapi.CheckAccountID)),
					setvalidator.AlsoRequires(path.MatchRoot("check_policies")),
				},
			},
			"replication_rules": auditReplicationRulesAttribute(),
			"registry_findings": schema.ListAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Findings about the registry itself: `BASIC_SCANNING` (the registry does not use " +
					"ENHANCED scanning), and with `check_policies` the registry policy's codes.",
			},
			"check_sbom_referrers": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Also check that every tagged, active image has an SBOM referrer (`NO_SBOM_REFERRERS`). " +
					"It costs one DescribeImages per 1,000 tagged images and one ListImageReferrers per image, so it is off by " +
					"default.",
			},
			"sbom_artifact_types": schema.ListAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "The artifact types that count as an SBOM for `check_sbom_referrers`. Defaults to " +
					"`application/spdx+json` and `application/vnd.cyclonedx+json`.",
				Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.AlsoRequires(path.MatchRoot("check_sbom_referrers"))},
			},
			"missing_permissions": schema.ListAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "The IAM permissions the audit was refused (AccessDeniedException) for reads it can do " +
					"without: `ecr:GetRegistryScanningConfiguration`, `ecr:BatchGetRepositoryScanningConfiguration`, " +
					"`ecr:DescribeRepositoryCreationTemplates`, `ecr:GetSigningConfiguration`, " +
					"`ecr:ListPullTimeUpdateExclusions`, `ecr:DescribePullThroughCacheRules`, `ecr:DescribeRegistry`. Empty " +
					"when none was refused. The audit still runs, warns naming them, and reports what they would have told as " +
					"unknown (`unknown_findings`, and null attributes).",
			},
			"unknown_findings": schema.ListAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "The finding codes the audit could not judge because of `missing_permissions`: they " +
					"appear in no `findings` list and not in `summary`, so their absence is not compliance (the shipped Rego " +
					"denies them). Without scanning reads: `SCAN_ON_PUSH_OFF` (`scanned` and `scan_frequency` are null) and, " +
					"without the registry's, `BASIC_SCANNING` (`scan_type` is null); without the templates: the `TEMPLATE_*` " +
					"codes (`templates`, `creation_template` and `creation_templates` are null); without the signing " +
					"configuration: `UNSIGNED_REPOSITORY` (`signing_profiles` is null); without the pull-time exclusions: " +
					"`PULL_TIME_UNPROTECTED`; without the pull through cache rules or the templates: " +
					"`PULL_THROUGH_CACHE_UNGOVERNED` (`pull_through_caches` is null); without the replication configuration: " +
					"the replication codes (`replication_rules` is null), and without the templates `REPLICATION_UNGOVERNED`. " +
					"Empty when none.",
			},
			"summary": schema.MapAttribute{
				Computed: true, ElementType: types.Int64Type,
				MarkdownDescription: "`repositories` and `templates` (how many were audited), `scanned` and " +
					"`governed_by_template` (how many repositories are scanned, and have a template that would govern their " +
					"re-creation by a push), and, for every finding code, how many repositories have it (templates for " +
					"`TEMPLATE_*`, pull through cache rules for `PULL_THROUGH_CACHE_UNGOVERNED`, replication rules for " +
					"`REPLICATION_UNGOVERNED` and `DELETE_REPLICATION`).",
			},
		},
	}
}

func (d *registryAuditDataSource) Configure(
	_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse,
) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *registryAuditDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data registryAuditModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	limit := defaultAuditConcurrency
	if !data.Concurrency.IsNull() {
		limit = int(data.Concurrency.ValueInt64())
	}
	var sbomTypes []string
	if data.CheckSBOMReferrers.ValueBool() {
		sbomTypes = defaultSBOMTypes
		if !data.SBOMArtifactTypes.IsNull() {
			sbomTypes = stringsFromCollection(ctx, data.SBOMArtifactTypes, &resp.Diagnostics)
		}
	}
	var policies *accessCheck
	if data.CheckPolicies.ValueBool() {
		policies = &accessCheck{trusted: stringsFromCollection(ctx, data.TrustedAccounts, &resp.Diagnostics)}
	}
	reg, err := d.gather(ctx, data.NamePrefix.ValueString(), data.NamePattern.ValueString(), limit, sbomTypes, policies)
	if err != nil {
		addActionError(&resp.Diagnostics, "auditing", "ECR registry", "registry", err)
		return
	}
	unknown := audit.UnknownCodes(reg.missing)
	if len(reg.missing) > 0 {
		resp.Diagnostics.AddWarning("auditing ECR registry (registry): missing permissions",
			fmt.Sprintf("ECR refused %s (AccessDeniedException), so the audit cannot judge %s: they are listed in "+
				"unknown_findings, "+
				"not as findings. Grant the permissions to the auditing role for a complete audit.",
				strings.Join(reg.missing, ", "), strings.Join(unknown, ", ")))
	}

	summary := map[string]int64{"repositories": int64(len(reg.repos)), "templates": int64(len(reg.templates)), "scanned": 0, "governed_by_template": 0}
	for _, code := range slices.Concat(audit.AllFindings, audit.AllTemplateFindings, []string{audit.BasicScanning}, audit.AllReplicationFindings) {
		summary[code] = 0
	}
	if policies != nil {
		for _, code := range accesspolicy.AllCodes {
			summary[code] = 0
		}
	}
	elems := make([]attr.Value, 0, len(reg.repos))
	for i, r := range reg.repos {
		a := reg.assess(i)
		facts := a.facts
		for _, code := range facts.Findings {
			summary[code]++
		}
		if a.governing != "" {
			summary["governed_by_template"]++
		}
		if a.scanned && a.scanKnown {
			summary["scanned"]++
		}
		keeps := types.Int64Null()
		if facts.KeepsAtMost != nil {
			keeps = types.Int64Value(*facts.KeepsAtMost)
		}
		filters, _ := types.ListValueFrom(ctx, types.StringType, emptyIfNil(r.ExclusionFilters))
		findings, _ := types.ListValueFrom(ctx, types.StringType, emptyIfNil(facts.Findings))
		elems = append(elems, types.ObjectValueMust(auditRepositoryType.AttrTypes, map[string]attr.Value{
			"name": types.StringValue(r.Name), "arn": types.StringValue(r.ARN),
			"image_tag_mutability": types.StringValue(r.TagMutability), "exclusion_filters": filters,
			"tags_immutable": types.BoolValue(facts.TagsImmutable), "has_lifecycle_policy": types.BoolValue(facts.HasLifecyclePolicy),
			"expires_untagged": types.BoolValue(facts.ExpiresUntagged), "keeps_at_most": keeps,
			"uses_pull_time": types.BoolValue(facts.UsesPullTime),
			"scan_on_push":   types.BoolValue(r.ScanOnPush), "scan_frequency": stringOrNull(reg.frequency(r.Name)),
			"scanned": boolIf(a.scanned, a.scanKnown), "creation_template": stringOrNull(a.governing),
			"creation_templates": scenarioTemplates(a.byScenario, !reg.lacks(permTemplates)),
			"signing_profiles":   listIf(a.profiles, !reg.lacks(permSigning)), "images_without_sbom": withoutSBOMValue(reg, i),
			"encryption_type": types.StringValue(r.EncryptionType), "findings": findings,
		}))
	}
	data.Repositories = types.ListValueMust(auditRepositoryType, elems)

	templates := make([]attr.Value, 0, len(reg.templates))
	for _, t := range reg.templates {
		facts := audit.AssessTemplate(audit.Template{Mutability: t.TagMutability, PolicyText: t.LifecyclePolicy})
		for _, code := range facts.Findings {
			summary[code]++
		}
		appliedFor, _ := types.ListValueFrom(ctx, types.StringType, emptyIfNil(t.AppliedFor))
		findings, _ := types.ListValueFrom(ctx, types.StringType, emptyIfNil(facts.Findings))
		templates = append(templates, types.ObjectValueMust(auditTemplateType.AttrTypes, map[string]attr.Value{
			"prefix": types.StringValue(t.Prefix), "applied_for": appliedFor, "image_tag_mutability": types.StringValue(t.TagMutability),
			"tags_immutable": types.BoolValue(facts.TagsImmutable), "has_lifecycle_policy": types.BoolValue(facts.HasLifecyclePolicy),
			"expires_untagged": types.BoolValue(facts.ExpiresUntagged), "findings": findings,
		}))
	}
	data.Templates = types.ListValueMust(auditTemplateType, templates)
	data.PullThroughCaches = reg.pullThroughCaches(ctx, summary)
	if reg.lacks(permTemplates) {
		data.Templates = types.ListNull(auditTemplateType)
		delete(summary, "templates")
		delete(summary, "governed_by_template")
	}
	data.ScanType = types.StringNull()
	if reg.scanning != nil {
		data.ScanType = types.StringValue(reg.scanning.ScanType)
	}
	if _, known := reg.scanned(ecrapi.Repository{}); !known {
		delete(summary, "scanned")
	}
	for _, code := range unknown {
		delete(summary, code)
	}
	data.MissingPermissions, _ = types.ListValueFrom(ctx, types.StringType, emptyIfNil(reg.missing))
	data.UnknownFindings, _ = types.ListValueFrom(ctx, types.StringType, emptyIfNil(unknown))
	registryFindings := reg.registryFindings()
	for _, code := range registryFindings {
		summary[code]++
	}
	var replicationCodes []string
	data.ReplicationRules, replicationCodes = reg.replication.value(ctx, summary)
	registryFindings = append(registryFindings, replicationCodes...)
	data.RegistryFindings, _ = types.ListValueFrom(ctx, types.StringType, emptyIfNil(registryFindings))
	summaryValue, diags := types.MapValueFrom(ctx, types.Int64Type, summary)
	resp.Diagnostics.Append(diags...)
	data.Summary = summaryValue
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

type registryAuditModel struct {
	NamePrefix   types.String `tfsdk:"name_prefix"`
	NamePattern  types.String `tfsdk:"name_pattern"`
	Concurrency  types.Int64  `tfsdk:"concurrency"`
	Repositories types.List   `tfsdk:"repositories"`
	Templates    types.List   `tfsdk:"templates"`

	PullThroughCaches types.List `tfsdk:"pull_through_caches"`

	CheckSBOMReferrers types.Bool   `tfsdk:"check_sbom_referrers"`
	SBOMArtifactTypes  types.List   `tfsdk:"sbom_artifact_types"`
	ScanType           types.String `tfsdk:"scan_type"`
	CheckPolicies      types.Bool   `tfsdk:"check_policies"`
	TrustedAccounts    types.Set    `tfsdk:"trusted_accounts"`
	RegistryFindings   types.List   `tfsdk:"registry_findings"`
	MissingPermissions types.List   `tfsdk:"missing_permissions"`
	UnknownFindings    types.List   `tfsdk:"unknown_findings"`
	ReplicationRules   types.List   `tfsdk:"replication_rules"`
	Summary            types.Map    `tfsdk:"summary"`
}

// scenarioTemplates is creation_templates: every scenario, with null where no template applies;
// null as a whole when the templates could not be read (known false).
func scenarioTemplates(byScenario map[string]string, known bool) types.Map {
	if !known {
		return types.MapNull(types.StringType)
	}
	elems := make(map[string]attr.Value, len(byScenario))
	for scenario, prefix := range byScenario {
		elems[scenario] = stringOrNull(prefix)
	}
	return types.MapValueMust(types.StringType, elems)
}

// boolIf is the value, or null when it is not known.
func boolIf(v, known bool) types.Bool {
	if !known {
		return types.BoolNull()
	}
	return types.BoolValue(v)
}

// listIf is the strings as a list, or null when they are not known.
func listIf(v []string, known bool) types.List {
	if !known {
		return types.ListNull(types.StringType)
	}
	return types.ListValueMust(types.StringType, stringAttrs(v))
}
