package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

var (
	_ resource.ResourceWithImportState    = &lifecyclePolicyResource{}
	_ resource.ResourceWithValidateConfig = &lifecyclePolicyResource{}
	_ resource.ResourceWithModifyPlan     = &lifecyclePolicyResource{}
	_ resource.ResourceWithIdentity       = &lifecyclePolicyResource{}
)

func newLifecyclePolicyResource() resource.Resource { return &lifecyclePolicyResource{} }

type lifecyclePolicyResource struct {
	client *ecrapi.Client
	run    *runState
}

func (r *lifecyclePolicyResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_lifecycle_policy"
}

func (r *lifecyclePolicyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A repository's lifecycle policy, as typed `rule` blocks or as JSON. Every documented ECR " +
			"rule is checked at plan time on the block or field to fix, and changes are made in place with one " +
			"PutLifecyclePolicy call: the repository is never left without a policy.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The repository name."),
			"repository": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the repository. Changing it replaces this resource.",
				Validators:          []validator.String{checkString("repository name", imageref.CheckRepositoryName)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"policy": schema.StringAttribute{
				CustomType: lifecyclePolicyJSONType{},
				Optional:   true,
				MarkdownDescription: "The policy as JSON, instead of `rule` blocks. Compared by meaning: reformatting, " +
					"reordering keys, rules or tag lists never shows a diff.",
			},
			"policy_json": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "The canonical policy text that is sent to ECR: rules by priority, a stable key order, " +
					"no nulls, defaults left out.",
			},
			"max_affected_images": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "A guard for reviews: when a plan creates or changes the policy, the provider simulates " +
					"it against the repository's current images, shows a warning with what it would expire and archive, and " +
					"fails the plan if that is more than this number.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"read_index_manifests": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Let the plan's impact check read the repository's image indexes (BatchGetImage) to " +
					"learn exactly which images they keep alive. ECR records each read as a pull of the index, which keeps it " +
					"alive under `sinceImagePulled` rules, so by default the check reads no manifest: it then counts an index's " +
					"platform images as acted on, and the warning says how many of the images it lists may be kept by an index. " +
					"Defaults to `false`.",
			},
		},
		Blocks: map[string]schema.Block{"rule": resourceRuleBlock()},
	}
}

func (r *lifecyclePolicyResource) ValidateConfig(
	ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse,
) {
	var cfg lifecyclePolicyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.policySource().validate(ctx, true, &resp.Diagnostics)
}

func (r *lifecyclePolicyResource) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
	r.run = runFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *lifecyclePolicyResource) Create(
	ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse,
) {
	var plan lifecyclePolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	repo := plan.Repository.ValueString()
	text, ok := r.put(ctx, repo, plan, "creating", &resp.Diagnostics)
	if !ok {
		return
	}
	plan.ID = types.StringValue(repo)
	plan.PolicyJSON = types.StringValue(text)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "repository", repo)
}

func (r *lifecyclePolicyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state lifecyclePolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	repo := state.ID.ValueString()
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "repository", repo) // first: a Read that finds it gone returns it too
	r.run.markPolicyRefreshed(repo)
	text, err := r.client.FindLifecyclePolicyByRepository(ctx, repo)
	if readFailed(ctx, resp, lifecyclePolicyLabel, repo, err) {
		return
	}
	state.Repository = types.StringValue(repo)
	current, err := lifecycle.Parse(text)
	if err != nil {
		// ECR holds something this provider cannot read; record it so the next plan rewrites it.
		resp.Diagnostics.AddWarning("reading "+lifecyclePolicyLabel+" ("+repo+")",
			"The policy in ECR could not be parsed ("+err.Error()+"); the next apply will replace it.")
		state.PolicyJSON = types.StringValue(text)
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	canonical := lifecycle.Canonical(current)
	if canonical == state.PolicyJSON.ValueString() {
		return // unchanged in meaning: keep the configuration's own form, so there is no diff
	}
	// Changed outside Terraform (or imported): record what ECR holds, in the form in use.
	state.PolicyJSON = types.StringValue(canonical)
	if !state.Policy.IsNull() {
		state.Policy = newLifecyclePolicyJSON(text)
	} else {
		rules, diags := rulesFromPolicy(ctx, current)
		resp.Diagnostics.Append(diags...)
		state.Rules = rules
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *lifecyclePolicyResource) Update(
	ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse,
) {
	var plan, state lifecyclePolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	repo := state.ID.ValueString()
	text := state.PolicyJSON.ValueString()
	if plan.PolicyJSON.IsUnknown() || plan.PolicyJSON.ValueString() != text {
		var ok bool
		if text, ok = r.put(ctx, repo, plan, "updating", &resp.Diagnostics); !ok {
			return
		}
	}
	// Otherwise only the form changed (rule order, JSON layout, switching between rule blocks
	// and JSON): ECR already holds this policy, so no call is made.
	plan.ID = state.ID
	plan.PolicyJSON = types.StringValue(text)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "repository", repo)
}

func (r *lifecyclePolicyResource) Delete(
	ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse,
) {
	var state lifecyclePolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	repo := state.ID.ValueString()
	if err := r.client.DeleteLifecyclePolicy(ctx, repo); err != nil {
		addActionError(&resp.Diagnostics, "deleting", lifecyclePolicyLabel, repo, err)
	}
}

// IdentitySchema: the repository name, the import ID.
func (r *lifecyclePolicyResource) IdentitySchema(
	_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse,
) {
	resp.IdentitySchema = identitySchema([2]string{"repository", "The repository name."})
}

// ImportState takes the repository name. The policy is read into rule blocks, the typed form.
func (r *lifecyclePolicyResource) ImportState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	byNameWithPolicyForm(lifecyclePolicyLabel, "the repository name", "repository", "policy", imageref.CheckRepositoryName).importState(ctx, req, resp)
}

// put sends the canonical policy with one PutLifecyclePolicy call, which replaces any policy in
// place: there is never a moment without one.
func (r *lifecyclePolicyResource) put(
	ctx context.Context, repo string, plan lifecyclePolicyModel, action string, diags *diag.Diagnostics) (string, bool,
) {
	p, ok := plan.policySource().policy(ctx, diags)
	if !ok {
		if !diags.HasError() {
			diags.AddError(action+" "+lifecyclePolicyLabel+" ("+repo+")", "The policy is still unknown at apply time. "+
				"This is always a bug in the provider; please report it.")
		}
		return "", false
	}
	text := lifecycle.Canonical(p)
	err := r.client.PutLifecyclePolicy(ctx, repo, text)
	if ecrapi.IsNotFound(err, ecrapi.KindRepository) {
		diags.AddAttributeError(path.Root("repository"), action+" "+lifecyclePolicyLabel+" ("+repo+")",
			"The repository "+repo+" does not exist. Create it first (for example with ecrgov_repository) and reference "+
				"its name.")
		return "", false
	}
	if err != nil {
		addActionError(diags, action, lifecyclePolicyLabel, repo, err)
		return "", false
	}
	return text, true
}

type lifecyclePolicyModel struct {
	ID         types.String        `tfsdk:"id"`
	Repository types.String        `tfsdk:"repository"`
	Policy     lifecyclePolicyJSON `tfsdk:"policy"`
	PolicyJSON types.String        `tfsdk:"policy_json"`
	Rules      types.List          `tfsdk:"rule"`

	MaxAffectedImages  types.Int64 `tfsdk:"max_affected_images"`
	ReadIndexManifests types.Bool  `tfsdk:"read_index_manifests"`
}

func (m lifecyclePolicyModel) policySource() policySource {
	return policySource{jsonAttr: "policy", json: m.Policy, rules: m.Rules}
}
