package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

var (
	_ datasource.DataSourceWithValidateConfig = &lifecyclePreviewDataSource{}
	_ datasource.DataSourceWithConfigure      = &lifecyclePreviewDataSource{}
)

func newLifecyclePreviewDataSource() datasource.DataSource { return &lifecyclePreviewDataSource{} }

type lifecyclePreviewDataSource struct {
	client *ecrapi.Client
}

const (
	previewModeLocal   = "local"
	previewModeService = "service"
	// The service preview takes minutes; the default bound is generous.
	defaultPreviewTimeout = 10 * time.Minute
)

var previewImageType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"digest":        types.StringType,
	"tags":          types.ListType{ElemType: types.StringType},
	"pushed_at":     types.StringType,
	"action":        types.StringType,
	"rule_priority": types.Int64Type,
	"reason":        types.StringType,
}}

func (d *lifecyclePreviewDataSource) Metadata(
	_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_lifecycle_preview"
}

func (d *lifecyclePreviewDataSource) Schema(
	ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse,
) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Shows exactly which images a lifecycle policy would expire or archive, before it runs. " +
			"In `local` mode (the default) it reads every image (one DescribeImages call per 1,000 images) and evaluates " +
			"the policy offline as ECR does, in seconds. It reads no manifest unless `read_index_manifests = true`: ECR " +
			"records every manifest read as a pull. In `service` mode it runs ECR's own asynchronous preview " +
			"(StartLifecyclePolicyPreview, then polling GetLifecyclePolicyPreview), which takes minutes.",
		Attributes: map[string]schema.Attribute{
			"timeouts": timeouts.Attributes(ctx),
			"repository": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Repository name.",
				Validators:          []validator.String{checkString("repository name", imageref.CheckRepositoryName)},
			},
			"policy": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Policy JSON to preview. Defaults to the repository's current policy.",
				Validators:          []validator.String{checkString("lifecycle policy", checkPolicyText)},
			},
			"now": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Evaluation time, RFC 3339 (`local` mode only). Defaults to the current time.",
				Validators:          []validator.String{checkString("timestamp", checkRFC3339)},
			},
			"mode": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "`local` (default) or `service`.",
				Validators:          []validator.String{stringvalidator.OneOf(previewModeLocal, previewModeService)},
			},
			"read_index_manifests": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "`local` mode: read the repository's image indexes (BatchGetImage, one call per 100) to " +
					"learn exactly which images they keep alive. ECR records each read as a pull of the index, which keeps it " +
					"alive under `sinceImagePulled` rules. Without it, an index's platform images count as acted on, and " +
					"`possibly_kept_by_index` says how many. Defaults to `false`.",
			},
			"possibly_kept_by_index": schema.Int64Attribute{
				Computed: true,
				MarkdownDescription: "Of the images counted as expired or archived, how many are untagged images that an " +
					"unread index may reference, and so keep alive. `0` when the indexes were read, the repository has none, or " +
					"in `service` mode.",
			},
			"policy_json": schema.StringAttribute{Computed: true, MarkdownDescription: "Canonical text of the policy that " +
				"was previewed."},
			"images": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Every image in the repository, newest first, with what the policy does to it.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"digest":    schema.StringAttribute{Computed: true, MarkdownDescription: "Image digest."},
					"tags":      schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Image tags."},
					"pushed_at": schema.StringAttribute{Computed: true, MarkdownDescription: "Push time, RFC 3339."},
					"action":    schema.StringAttribute{Computed: true, MarkdownDescription: "`keep`, `expire` or `transition`."},
					"rule_priority": schema.Int64Attribute{Computed: true, MarkdownDescription: "Priority of the rule that acts " +
						"on the image; null for `keep`."},
					"reason": schema.StringAttribute{Computed: true, MarkdownDescription: "Why: the rule that acts on it, or " +
						"why it is kept (protected by an index, within a rule's newest N, too recent for a rule, in a storage " +
						"class no rule selects, or selected by no rule)."},
				}},
			},
			"expire_count":     schema.Int64Attribute{Computed: true, MarkdownDescription: "Images that would be expired."},
			"transition_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "Images that would be archived."},
			"keep_count":       schema.Int64Attribute{Computed: true, MarkdownDescription: "Images left as they are."},
		},
	}
}

func (d *lifecyclePreviewDataSource) ValidateConfig(
	ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse,
) {
	var cfg lifecyclePreviewModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.Mode.ValueString() == previewModeService && !cfg.Now.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("now"), "now needs local mode",
			"ECR's service preview evaluates at the current time; remove now, or use mode = \"local\".")
	}
	if cfg.Mode.ValueString() == previewModeService && cfg.ReadIndexes.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("read_index_manifests"), "read_index_manifests needs local mode",
			"ECR's service preview knows which images its indexes keep; remove read_index_manifests, or use mode = \"local\".")
	}
}

func (d *lifecyclePreviewDataSource) Configure(
	_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse,
) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *lifecyclePreviewDataSource) Read(
	ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse,
) {
	var data lifecyclePreviewModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	policy, ok := d.previewedPolicy(ctx, data, &resp.Diagnostics)
	if !ok {
		return
	}
	var verdicts previewVerdicts
	if data.Mode.ValueString() == previewModeService {
		verdicts, ok = d.serviceVerdicts(ctx, data, &resp.Diagnostics)
	} else {
		verdicts, ok = d.localVerdicts(ctx, data, policy, &resp.Diagnostics)
	}
	if !ok {
		return
	}
	data.PolicyJSON = types.StringValue(lifecycle.Canonical(policy))
	data.setOutcome(ctx, verdicts, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// previewVerdicts is what either mode decides: the images, what acts on them and why, and how
// many index children the preview could not rule out.
type previewVerdicts struct {
	images    []lifecycle.Image
	decisions []lifecycle.Decision
	reasons   map[string]string
	maybe     int
}

// previewedPolicy is the configured policy, or the repository's current one.
func (d *lifecyclePreviewDataSource) previewedPolicy(
	ctx context.Context, data lifecyclePreviewModel, diags *diag.Diagnostics) (lifecycle.Policy, bool,
) {
	repo := data.Repository.ValueString()
	text := data.Policy.ValueString()
	if text == "" {
		current, err := d.client.FindLifecyclePolicyByRepository(ctx, repo)
		if ecrapi.IsNotFound(err) {
			diags.AddAttributeError(path.Root("policy"), "previewing lifecycle policy of "+repositoryLabel+" ("+repo+")",
				"The repository has no lifecycle policy (or does not exist). Set policy to preview one.")
			return lifecycle.Policy{}, false
		}
		if err != nil {
			addActionError(diags, "reading the lifecycle policy of", repositoryLabel, repo, err)
			return lifecycle.Policy{}, false
		}
		text = current
	}
	policy, err := lifecycle.Parse(text)
	if err != nil {
		addActionError(diags, "parsing the lifecycle policy of", repositoryLabel, repo, err)
		return lifecycle.Policy{}, false
	}
	return policy, true
}

// serviceVerdicts asks ECR's own preview. ECR decides; the listing only supplies the images it
// keeps, so index children need not be read.
func (d *lifecyclePreviewDataSource) serviceVerdicts(
	ctx context.Context, data lifecyclePreviewModel, diags *diag.Diagnostics) (previewVerdicts, bool,
) {
	repo := data.Repository.ValueString()
	listed, err := d.client.DescribeImages(ctx, repo, ecrapi.TagStatusAny)
	if err != nil {
		addActionError(diags, "listing images of", repositoryLabel, repo, err)
		return previewVerdicts{}, false
	}
	v := previewVerdicts{reasons: map[string]string{}}
	for _, img := range listed {
		v.images = append(v.images, img.Lifecycle())
	}
	v.decisions, err = d.servicePreview(ctx, data, repo, data.Policy.ValueString())
	if err != nil {
		detail := "ECR's preview: " + ecrapi.ErrorDetail(err)
		if errors.Is(err, ecrapi.ErrPreviewTimeout) {
			detail += "\n\nRaise timeouts.read, or use mode = \"local\", which answers in seconds."
		}
		diags.AddError("previewing lifecycle policy of "+repositoryLabel+" ("+repo+")", detail)
		return previewVerdicts{}, false
	}
	acted := decisionsByDigest(v.decisions)
	for _, img := range v.images {
		v.reasons[img.Digest] = "ECR's preview does not act on it"
		if d, ok := acted[img.Digest]; ok {
			v.reasons[img.Digest] = fmt.Sprintf("ECR's preview: rule %d", d.RulePriority)
		}
	}
	return v, true
}

// localVerdicts simulates the policy offline against the repository's images, reading index
// manifests only when asked.
func (d *lifecyclePreviewDataSource) localVerdicts(ctx context.Context, data lifecyclePreviewModel, policy lifecycle.Policy, diags *diag.Diagnostics) (previewVerdicts, bool) {
	repo := data.Repository.ValueString()
	listing, err := d.client.LifecycleImages(ctx, repo, data.ReadIndexes.ValueBool())
	if err != nil {
		addActionError(diags, "listing images of", repositoryLabel, repo, err)
		return previewVerdicts{}, false
	}
	now := time.Now()
	if !data.Now.IsNull() {
		now, _ = time.Parse(time.RFC3339, data.Now.ValueString()) // validated
	}
	v := previewVerdicts{images: listing.Images, reasons: map[string]string{}}
	acted := map[string]bool{}
	for _, verdict := range lifecycle.Verdicts(policy, v.images, now) {
		v.reasons[verdict.Digest] = verdict.Reason
		if verdict.Action != lifecycle.ActionKeep {
			v.decisions = append(v.decisions, lifecycle.Decision(verdict))
			acted[verdict.Digest] = true
		}
	}
	v.maybe = listing.MaybeIndexChildren(acted)
	if policy.CountsSincePull() {
		diags.AddWarning("the lifecycle preview of "+repositoryLabel+" ("+repo+") is approximate", lifecycle.PullTimeNote)
	}
	return v, true
}

// setOutcome fills the counts and the per-image list from the verdicts.
func (data *lifecyclePreviewModel) setOutcome(ctx context.Context, v previewVerdicts, diags *diag.Diagnostics) {
	outcome := newPreviewOutcome(v.images, decisionsByDigest(v.decisions), v.reasons)
	data.PossiblyKept = types.Int64Value(int64(v.maybe))
	data.ExpireCount = types.Int64Value(int64(outcome.expire))
	data.TransitionCount = types.Int64Value(int64(outcome.transition))
	data.KeepCount = types.Int64Value(int64(outcome.keep))
	elems := make([]attr.Value, 0, len(outcome.images))
	for _, img := range outcome.images {
		priority := types.Int64Null()
		if img.rulePriority > 0 {
			priority = types.Int64Value(img.rulePriority)
		}
		tags, d := types.ListValueFrom(ctx, types.StringType, emptyIfNil(img.tags))
		diags.Append(d...)
		elems = append(elems, types.ObjectValueMust(previewImageType.AttrTypes, map[string]attr.Value{
			"digest": types.StringValue(img.digest), "tags": tags, "pushed_at": types.StringValue(img.pushedAt.UTC().Format(time.RFC3339)),
			"action": types.StringValue(img.action), "rule_priority": priority, "reason": types.StringValue(img.reason),
		}))
	}
	data.Images = types.ListValueMust(previewImageType, elems)
}

func (d *lifecyclePreviewDataSource) servicePreview(
	ctx context.Context, data lifecyclePreviewModel, repo, text string) ([]lifecycle.Decision, error,
) {
	timeout, diags := data.Timeouts.Read(ctx, defaultPreviewTimeout)
	if diags.HasError() {
		return nil, errors.New("invalid timeouts.read")
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	results, err := d.client.RunServicePreview(ctx, repo, text)
	if err != nil {
		return nil, err
	}
	out := make([]lifecycle.Decision, 0, len(results))
	for _, r := range results {
		out = append(out, lifecycle.Decision{Digest: r.Digest, Action: r.Action, RulePriority: r.RulePriority})
	}
	return out, nil
}

type lifecyclePreviewModel struct {
	Repository      types.String   `tfsdk:"repository"`
	Policy          types.String   `tfsdk:"policy"`
	Now             types.String   `tfsdk:"now"`
	Mode            types.String   `tfsdk:"mode"`
	ReadIndexes     types.Bool     `tfsdk:"read_index_manifests"`
	PossiblyKept    types.Int64    `tfsdk:"possibly_kept_by_index"`
	PolicyJSON      types.String   `tfsdk:"policy_json"`
	Images          types.List     `tfsdk:"images"`
	ExpireCount     types.Int64    `tfsdk:"expire_count"`
	TransitionCount types.Int64    `tfsdk:"transition_count"`
	KeepCount       types.Int64    `tfsdk:"keep_count"`
	Timeouts        timeouts.Value `tfsdk:"timeouts"`
}
