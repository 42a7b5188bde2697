package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/creationtemplate"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/mutability"
)

var (
	_ resource.ResourceWithImportState    = &repositoryCreationTemplateResource{}
	_ resource.ResourceWithIdentity       = &repositoryCreationTemplateResource{}
	_ resource.ResourceWithValidateConfig = &repositoryCreationTemplateResource{}
	_ resource.ResourceWithModifyPlan     = &repositoryCreationTemplateResource{}
)

func newRepositoryCreationTemplateResource() resource.Resource {
	return &repositoryCreationTemplateResource{}
}

// repositoryCreationTemplateResource manages a repository creation template: the settings ECR
// gives the repositories it creates itself, on a push, a pull through cache or a replication.
type repositoryCreationTemplateResource struct {
	client *ecrapi.Client
	run    *runState
}

func (r *repositoryCreationTemplateResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_repository_creation_template"
}

func (r *repositoryCreationTemplateResource) Schema(
	_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse,
) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A repository creation template: the settings ECR gives every repository it creates on " +
			"your behalf, on a push to a repository that does not exist (`CREATE_ON_PUSH`), a pull through cache or a " +
			"replication. Tags are **immutable by default**, and the lifecycle policy takes the same typed `rule` blocks, " +
			"plan-time checks and semantic diff as `ecrgov_lifecycle_policy`. Every change is made in place with one " +
			"UpdateRepositoryCreationTemplate call. Settings apply only when ECR creates a repository; existing " +
			"repositories are not changed.\n\nWhen several templates match a name, ECR uses the most specific: \"if one " +
			"template has the prefix `prod` and the other has the prefix `prod/team`, the template with the prefix " +
			"`prod/team` will be applied to all repositories whose names start with `prod/team/`\" (Amazon ECR User " +
			"Guide). A plan that creates a template warns when a more specific one already governs part of its namespace.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The prefix."),
			"prefix": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The repository namespace the template applies to, such as `prod` or `prod/team` (ECR " +
					"appends the `/`: `prod` covers `prod/app`, not `production/app`), or `ROOT` for every repository no other " +
					"template covers. Changing it replaces the template.",
				Validators:    []validator.String{checkString("template prefix", creationtemplate.CheckPrefix)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"applied_for": schema.SetAttribute{
				ElementType: types.StringType, Required: true,
				MarkdownDescription: "When ECR uses the template: `CREATE_ON_PUSH` (a push to a repository that does not " +
					"exist; without a matching template such a push fails), `PULL_THROUGH_CACHE` and `REPLICATION`.",
				Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.OneOf(creationtemplate.Scenarios...))},
			},
			"description": schema.StringAttribute{
				Optional: true, MarkdownDescription: "What the template is for (at most 256 characters).",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 256)},
			},
			"image_tag_mutability": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(mutability.Immutable),
				MarkdownDescription: "Tag mutability of the repositories the template creates: one of " + mutabilityModesDoc + ". " +
					"Defaults to `IMMUTABLE` (ECR's own default for a template is `MUTABLE`). A pull through cache updates a " +
					"cached tag by pushing it again, so its templates usually need `MUTABLE` or exclusions: the plan warns.",
				Validators: []validator.String{stringvalidator.OneOf(mutability.Modes...)},
			},
			exclusionFiltersAttr: exclusionFiltersSchema(),
			"lifecycle_policy": schema.StringAttribute{
				CustomType: lifecyclePolicyJSONType{}, Optional: true,
				MarkdownDescription: "The lifecycle policy of the repositories the template creates, as JSON, instead of " +
					"`rule` blocks. Checked at plan time like `ecrgov_lifecycle_policy` and compared by meaning.",
			},
			"lifecycle_policy_json": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The canonical lifecycle policy text sent to ECR; null when the template has none.",
			},
			"repository_policy": schema.StringAttribute{
				CustomType: jsontypes.NormalizedType{}, Optional: true,
				MarkdownDescription: "The repository policy (IAM JSON) of the repositories the template creates. Compared as " +
					"JSON: whitespace and key order never show a diff.",
				Validators: []validator.String{stringvalidator.LengthAtMost(10240)},
			},
			"encryption_type": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(ecrapi.DefaultEncryptionType),
				MarkdownDescription: "`AES256` (default), `KMS` or `KMS_DSSE` for the repositories the template creates. " +
					"`KMS` needs `custom_role_arn`.",
				Validators: []validator.String{stringvalidator.OneOf(ecrapi.EncryptionTypes...)},
			},
			"kms_key": schema.StringAttribute{
				Optional: true, MarkdownDescription: "KMS key ARN, only with `KMS` or `KMS_DSSE`; unset uses the AWS managed key.",
				Validators: []validator.String{checkString("KMS key ARN", ecrapi.CheckKMSKeyARN)},
			},
			"resource_tags": schema.MapAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "Tags for the repositories the template creates (at most 50, keys 1–128 characters, " +
					"values at most 256). Needs `custom_role_arn`.",
				Validators: []validator.Map{checkStringMap("resource tags", ecrapi.CheckResourceTags)},
			},
			"custom_role_arn": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The IAM role ECR assumes to create repositories from the template, in the registry's " +
					"account. Required with `resource_tags` or KMS encryption: \"This role must be provided when using " +
					"repository tags and/or KMS in the template, otherwise the repository creation will fail\" (Amazon ECR User " +
					"Guide).",
				Validators: []validator.String{checkString("IAM role ARN", ecrapi.CheckRoleARN)},
			},
			"created_at": schema.StringAttribute{
				Computed: true, MarkdownDescription: "When the template was created (RFC 3339).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{"rule": resourceRuleBlock()},
	}
}

func (r *repositoryCreationTemplateResource) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
	r.run = runFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *repositoryCreationTemplateResource) Create(
	ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse,
) {
	var plan creationTemplateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	spec, ok := plan.spec(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	created, err := r.client.CreateCreationTemplate(ctx, spec)
	if errors.Is(err, ecrapi.ErrTemplateExists) {
		addExistsError(&resp.Diagnostics, "creating", creationTemplateLabel, spec.Prefix, err)
		return
	}
	if err != nil {
		addActionError(&resp.Diagnostics, "creating", creationTemplateLabel, spec.Prefix, err)
		return
	}
	plan.ID = types.StringValue(spec.Prefix)
	plan.LifecyclePolicyJSON = stringOrNull(spec.LifecyclePolicy)
	plan.CreatedAt = rfc3339OrNull(created.CreatedAt)
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "prefix", plan.Prefix.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	markNew(ctx, resp.Private, &resp.Diagnostics)
}

func (r *repositoryCreationTemplateResource) Read(
	ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse,
) {
	var state creationTemplateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// First: a Read that finds it gone must return the identity too.
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "prefix", state.Prefix.ValueString())
	prefix := state.ID.ValueString()
	find := r.client.FindCreationTemplateByPrefix
	if takeNew(ctx, req.Private, resp.Private, &resp.Diagnostics) {
		find = r.client.FindNewCreationTemplateByPrefix
	}
	t, err := find(ctx, prefix)
	if readFailed(ctx, resp, creationTemplateLabel, prefix, err) {
		return
	}
	state.refresh(ctx, t, &resp.Diagnostics)
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "prefix", state.Prefix.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *repositoryCreationTemplateResource) Update(
	ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse,
) {
	var plan, state creationTemplateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	spec, ok := plan.spec(ctx, &resp.Diagnostics)
	current, curOK := state.spec(ctx, &resp.Diagnostics)
	if !ok || !curOK {
		return
	}
	// One call carries every change, so the template is never half-updated; it sends only what
	// changed, with the mutability mode and its filters together.
	if _, err := r.client.UpdateCreationTemplate(ctx, current, spec); err != nil {
		addActionError(&resp.Diagnostics, "updating", creationTemplateLabel, spec.Prefix, err)
		return
	}
	plan.ID, plan.CreatedAt = state.ID, state.CreatedAt
	plan.LifecyclePolicyJSON = stringOrNull(spec.LifecyclePolicy)
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "prefix", plan.Prefix.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *repositoryCreationTemplateResource) Delete(
	ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse,
) {
	var state creationTemplateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteCreationTemplate(ctx, state.ID.ValueString()); err != nil {
		addActionError(&resp.Diagnostics, "deleting", creationTemplateLabel, state.ID.ValueString(), err)
	}
}

// ImportState takes the prefix. An imported lifecycle policy is read into rule blocks.
// IdentitySchema: the import ID.
func (r *repositoryCreationTemplateResource) IdentitySchema(
	_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse,
) {
	resp.IdentitySchema = identitySchema([2]string{"prefix", "The template's prefix, or `ROOT`."})
}

func (r *repositoryCreationTemplateResource) ImportState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	byNameWithPolicyForm(creationTemplateLabel, "the template's prefix", "prefix", "lifecycle_policy", creationtemplate.CheckPrefix).importState(ctx, req, resp)
}

type creationTemplateModel struct {
	ID                  types.String         `tfsdk:"id"`
	Prefix              types.String         `tfsdk:"prefix"`
	AppliedFor          types.Set            `tfsdk:"applied_for"`
	Description         types.String         `tfsdk:"description"`
	ImageTagMutability  types.String         `tfsdk:"image_tag_mutability"`
	ExclusionFilters    types.Set            `tfsdk:"image_tag_mutability_exclusion_filters"`
	LifecyclePolicy     lifecyclePolicyJSON  `tfsdk:"lifecycle_policy"`
	LifecyclePolicyJSON types.String         `tfsdk:"lifecycle_policy_json"`
	Rules               types.List           `tfsdk:"rule"`
	RepositoryPolicy    jsontypes.Normalized `tfsdk:"repository_policy"`
	EncryptionType      types.String         `tfsdk:"encryption_type"`
	KMSKey              types.String         `tfsdk:"kms_key"`
	ResourceTags        types.Map            `tfsdk:"resource_tags"`
	CustomRoleARN       types.String         `tfsdk:"custom_role_arn"`
	CreatedAt           types.String         `tfsdk:"created_at"`
}

func (m creationTemplateModel) policySource() policySource {
	return policySource{jsonAttr: "lifecycle_policy", json: m.LifecyclePolicy, rules: m.Rules}
}

// spec is the complete template to send. It is called with a known plan, at apply.
func (m creationTemplateModel) spec(ctx context.Context, diags *diag.Diagnostics) (ecrapi.CreationTemplateSpec, bool) {
	spec := ecrapi.CreationTemplateSpec{
		Prefix:           m.Prefix.ValueString(),
		AppliedFor:       stringsFromCollection(ctx, m.AppliedFor, diags),
		Description:      m.Description.ValueString(),
		TagMutability:    m.ImageTagMutability.ValueString(),
		ExclusionFilters: stringsFromCollection(ctx, m.ExclusionFilters, diags),
		RepositoryPolicy: m.RepositoryPolicy.ValueString(),
		EncryptionType:   m.EncryptionType.ValueString(),
		KMSKey:           m.KMSKey.ValueString(),
		ResourceTags:     stringsFromMap(ctx, m.ResourceTags, diags),
		CustomRoleARN:    m.CustomRoleARN.ValueString(),
	}
	if m.policySource().set() {
		p, ok := m.policySource().policy(ctx, diags)
		if !ok {
			if !diags.HasError() {
				diags.AddError("applying "+creationTemplateLabel+" ("+spec.Prefix+")", "The lifecycle policy is still "+
					"unknown at apply time. This is always a bug in the provider; please report it.")
			}
			return spec, false
		}
		spec.LifecyclePolicy = lifecycle.Canonical(p)
	}
	return spec, !diags.HasError()
}

// refresh records what ECR holds. A lifecycle or repository policy that means the same as the
// state's keeps the state's form, so there is no diff; one changed outside Terraform is recorded
// in the form in use (rule blocks unless the configuration uses JSON).
func (m *creationTemplateModel) refresh(ctx context.Context, t *ecrapi.CreationTemplate, diags *diag.Diagnostics) {
	m.Prefix = types.StringValue(t.Prefix)
	m.AppliedFor = setFromStrings(t.AppliedFor)
	m.Description = stringOrNull(t.Description)
	m.ImageTagMutability = types.StringValue(t.TagMutability)
	m.ExclusionFilters = setFromStrings(t.ExclusionFilters)
	m.EncryptionType = types.StringValue(t.EncryptionType)
	m.KMSKey = stringOrNull(t.KMSKey)
	m.ResourceTags = mapFromStrings(t.ResourceTags, m.ResourceTags)
	m.CustomRoleARN = stringOrNull(t.CustomRoleARN)
	m.CreatedAt = rfc3339OrNull(t.CreatedAt)

	if t.RepositoryPolicy == "" {
		m.RepositoryPolicy = jsontypes.NewNormalizedNull()
	} else if equal, _ := m.RepositoryPolicy.StringSemanticEquals(ctx, jsontypes.NewNormalizedValue(t.RepositoryPolicy)); !equal || m.RepositoryPolicy.IsNull() {
		m.RepositoryPolicy = jsontypes.NewNormalizedValue(t.RepositoryPolicy)
	}

	if t.LifecyclePolicy == "" {
		m.LifecyclePolicyJSON, m.LifecyclePolicy, m.Rules = types.StringNull(), nullLifecyclePolicyJSON(), types.ListValueMust(lifecycleRuleObjectType, nil)
		return
	}
	current, err := lifecycle.Parse(t.LifecyclePolicy)
	if err != nil {
		diags.AddWarning("reading "+creationTemplateLabel+" ("+t.Prefix+")",
			"The template's lifecycle policy could not be parsed ("+err.Error()+"); the next apply will replace it.")
		m.LifecyclePolicyJSON = types.StringValue(t.LifecyclePolicy)
		return
	}
	canonical := lifecycle.Canonical(current)
	if canonical == m.LifecyclePolicyJSON.ValueString() {
		return // unchanged in meaning
	}
	m.LifecyclePolicyJSON = types.StringValue(canonical)
	if !m.LifecyclePolicy.IsNull() {
		m.LifecyclePolicy = newLifecyclePolicyJSON(t.LifecyclePolicy)
		return
	}
	rules, d := rulesFromPolicy(ctx, current)
	diags.Append(d...)
	m.Rules = rules
}
