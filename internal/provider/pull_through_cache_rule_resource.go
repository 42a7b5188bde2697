package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/pullthroughcache"
)

var (
	_ resource.ResourceWithImportState    = &pullThroughCacheRuleResource{}
	_ resource.ResourceWithIdentity       = &pullThroughCacheRuleResource{}
	_ resource.ResourceWithValidateConfig = &pullThroughCacheRuleResource{}
	_ resource.ResourceWithModifyPlan     = &pullThroughCacheRuleResource{}
)

func newPullThroughCacheRuleResource() resource.Resource {
	return &pullThroughCacheRuleResource{}
}

// pullThroughCacheRuleResource manages a pull through cache rule: ECR creates a repository under
// its prefix on the first pull of an upstream image, with the settings of the PULL_THROUGH_CACHE
// creation template that covers the prefix, or ECR's defaults when none does.
type pullThroughCacheRuleResource struct {
	client *ecrapi.Client
	run    *runState
}

// defaultPullThroughCacheTimeout bounds a create or an update with its validation.
const defaultPullThroughCacheTimeout = 5 * time.Minute

func (r *pullThroughCacheRuleResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_pull_through_cache_rule"
}

func (r *pullThroughCacheRuleResource) Schema(
	ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse,
) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A pull through cache rule: the first pull of `<prefix>/<upstream repository>` makes ECR " +
			"create a repository and cache the upstream image in it. Those repositories are governed only when a " +
			"repository creation template applied for `PULL_THROUGH_CACHE` covers the prefix; the plan warns when none " +
			"does (an error with `require_creation_template = true`). Credentials, the cross-account role and the prefix " +
			"are checked at plan; after create and after a change of credentials, ValidatePullThroughCacheRule asks ECR " +
			"whether it can reach the upstream and authenticate, and a failure is a warning with ECR's reason (the rule " +
			"stays, recorded in state, so that fixing the secret or the role fixes it). Attribute names follow " +
			"`aws_ecr_pull_through_cache_rule`.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The ECR repository prefix."),
			"ecr_repository_prefix": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The repository namespace cached repositories are created in, 2–30 characters, such as " +
					"`docker-hub` (ECR appends the `/`: `docker-hub/library/nginx`), or `ROOT` for an ECR upstream that serves " +
					"every repository no other rule covers. Changing it replaces the rule.",
				Validators:    []validator.String{checkString("pull through cache prefix", pullthroughcache.CheckPrefix)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"upstream_registry_url": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The upstream registry's host: `public.ecr.aws`, `registry-1.docker.io`, `ghcr.io`, " +
					"`registry.gitlab.com`, `registry.k8s.io`, `quay.io`, `cgr.dev`, `<registry>.azurecr.io` or " +
					"`<account>.dkr.ecr.<region>.amazonaws.com`. Changing it replaces the rule.",
				Validators:    []validator.String{checkString("upstream registry URL", pullthroughcache.CheckUpstreamURL)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"credential_arn": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "ARN of the Secrets Manager secret holding the upstream's credentials. Required for " +
					"Docker Hub, Azure, GitHub, GitLab and Chainguard. The secret's name must begin with " +
					"`ecr-pullthroughcache/`, and it must be in this registry's account and Region (Amazon ECR User Guide, " +
					"\"Creating a pull through cache rule\"). Changed in place; removing it replaces the rule.",
				Validators:    []validator.String{checkString("credential ARN", pullthroughcache.CheckCredentialARN)},
				PlanModifiers: []planmodifier.String{requiresReplaceWhenRemoved()},
			},
			"custom_role_arn": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The IAM role, in this registry's account, that ECR assumes to pull from an ECR " +
					"upstream. Required when the upstream registry is in another account. Changed in place; removing it " +
					"replaces the rule.",
				Validators:    []validator.String{checkString("IAM role ARN", ecrapi.CheckRoleARN)},
				PlanModifiers: []planmodifier.String{requiresReplaceWhenRemoved()},
			},
			"upstream_repository_prefix": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(pullthroughcache.Root),
				MarkdownDescription: "The upstream repository namespace the rule maps to, `ROOT` (the default: every " +
					"upstream repository). Only with a prefix other than `ROOT`. Changing it replaces the rule.",
				Validators:    []validator.String{checkString("upstream repository prefix", pullthroughcache.CheckPrefix)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"require_creation_template": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Fail the plan of a new rule when no repository creation template applied for " +
					"`PULL_THROUGH_CACHE` covers the whole prefix (by default that is a warning): cached repositories would be " +
					"created with ECR's defaults (mutable tags, no lifecycle policy).",
			},
			"registry_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "The registry (account ID) the rule belongs to.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"upstream_registry": schema.StringAttribute{
				Computed: true, MarkdownDescription: "The upstream registry as ECR names it: `ecr`, `ecr-public`, `quay`, " +
					"`k8s`, `docker-hub`, `github-container-registry`, `azure-container-registry`, `gitlab-container-registry` " +
					"or `chainguard`.",
			},
			"timeouts": withPositiveTimeouts(timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true,
				CreateDescription: "How long a create, with its validation, may take (default 5m).",
				UpdateDescription: "How long a change of credentials, with its validation, may take (default 5m)."})),
		},
	}
}

func (r *pullThroughCacheRuleResource) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
	r.run = runFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *pullThroughCacheRuleResource) Create(
	ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse,
) {
	var plan pullThroughCacheRuleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultPullThroughCacheTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	prefix := plan.Prefix.ValueString()
	created, err := r.client.CreatePullThroughCacheRule(ctx, ecrapi.PullThroughCacheRuleSpec{
		Prefix: prefix, UpstreamURL: plan.UpstreamURL.ValueString(), CredentialARN: plan.CredentialARN.ValueString(),
		CustomRoleARN: plan.CustomRoleARN.ValueString(), UpstreamPrefix: plan.UpstreamPrefix.ValueString(),
	})
	if errors.Is(err, ecrapi.ErrPullThroughCacheRuleExists) {
		addExistsError(&resp.Diagnostics, "creating", pullThroughCacheRuleLabel, prefix, err)
		return
	}
	if err != nil {
		addActionError(&resp.Diagnostics, "creating", pullThroughCacheRuleLabel, prefix, err)
		return
	}
	plan.ID = types.StringValue(prefix)
	plan.refresh(created)
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "ecr_repository_prefix", prefix)
	// The rule is recorded before it is validated: a failed validation must not lose it.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	r.validate(ctx, prefix, &resp.Diagnostics)
}

// validate runs ValidatePullThroughCacheRule and reports a failure as a warning with ECR's
// reason. A warning, not an error: the rule exists and is in state, and an error would taint it,
// so that the next apply replaced a rule whose fix is a secret or a role outside it.
func (r *pullThroughCacheRuleResource) validate(ctx context.Context, prefix string, diags *diag.Diagnostics) {
	failure, err := r.client.ValidatePullThroughCacheRule(ctx, prefix)
	switch {
	case err != nil:
		diags.AddWarning("validating "+pullThroughCacheRuleLabel+" ("+prefix+")",
			"The rule is in place, but ECR could not be asked whether it works: "+ecrapi.ErrorDetail(err))
	case failure != "":
		diags.AddAttributeWarning(path.Root("upstream_registry_url"), pullThroughCacheRuleLabel+" ("+prefix+") does not work yet",
			"ECR created the rule, but ValidatePullThroughCacheRule failed: "+failure+"\n\nPulls through the rule fail "+
				"until this is fixed: "+
				"check that the upstream is reachable, that the secret holds a username and an accessToken, and, for an ECR "+
				"upstream in "+
				"another account, that custom_role_arn can pull from it. The rule stays in state; changing credential_arn or "+
				"custom_role_arn validates it again.")
	}
}

func (r *pullThroughCacheRuleResource) Read(
	ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse,
) {
	var state pullThroughCacheRuleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	prefix := state.ID.ValueString()
	// First: a Read that finds it gone must return the identity too.
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "ecr_repository_prefix", prefix)
	found, err := r.client.FindPullThroughCacheRuleByPrefix(ctx, prefix)
	if readFailed(ctx, resp, pullThroughCacheRuleLabel, prefix, err) {
		return
	}
	state.refresh(found)
	if state.RequireTemplate.IsNull() {
		state.RequireTemplate = types.BoolValue(false) // imported
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *pullThroughCacheRuleResource) Update(
	ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse,
) {
	var plan, state pullThroughCacheRuleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	prefix := state.ID.ValueString()
	changed := !plan.CredentialARN.Equal(state.CredentialARN) || !plan.CustomRoleARN.Equal(state.CustomRoleARN)
	if changed {
		timeout, d := plan.Timeouts.Update(ctx, defaultPullThroughCacheTimeout)
		resp.Diagnostics.Append(d...)
		if resp.Diagnostics.HasError() {
			return
		}
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
		// One call sets both: UpdatePullThroughCacheRule takes exactly these two.
		if err := r.client.UpdatePullThroughCacheRule(ctx, prefix, plan.CredentialARN.ValueString(), plan.CustomRoleARN.ValueString()); err != nil {
			addActionError(&resp.Diagnostics, "updating", pullThroughCacheRuleLabel, prefix, err)
			return
		}
	}
	plan.ID, plan.RegistryID, plan.UpstreamRegistry = state.ID, state.RegistryID, state.UpstreamRegistry
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "ecr_repository_prefix", prefix)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if changed {
		r.validate(ctx, prefix, &resp.Diagnostics)
	}
}

func (r *pullThroughCacheRuleResource) Delete(
	ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse,
) {
	var state pullThroughCacheRuleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The repositories the rule created stay, with what they cached.
	if err := r.client.DeletePullThroughCacheRule(ctx, state.ID.ValueString()); err != nil {
		addActionError(&resp.Diagnostics, "deleting", pullThroughCacheRuleLabel, state.ID.ValueString(), err)
	}
}

// IdentitySchema: the import ID, the ECR repository prefix.
func (r *pullThroughCacheRuleResource) IdentitySchema(
	_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse,
) {
	resp.IdentitySchema = identitySchema([2]string{"ecr_repository_prefix", "The rule's ECR repository prefix, or " +
		"`ROOT`."})
}

func (r *pullThroughCacheRuleResource) ImportState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	singleKey(pullThroughCacheRuleLabel, "the ECR repository prefix", "ecr_repository_prefix", pullthroughcache.CheckPrefix).importState(ctx, req, resp)
}

type pullThroughCacheRuleModel struct {
	ID               types.String   `tfsdk:"id"`
	Prefix           types.String   `tfsdk:"ecr_repository_prefix"`
	UpstreamURL      types.String   `tfsdk:"upstream_registry_url"`
	CredentialARN    types.String   `tfsdk:"credential_arn"`
	CustomRoleARN    types.String   `tfsdk:"custom_role_arn"`
	UpstreamPrefix   types.String   `tfsdk:"upstream_repository_prefix"`
	RequireTemplate  types.Bool     `tfsdk:"require_creation_template"`
	RegistryID       types.String   `tfsdk:"registry_id"`
	UpstreamRegistry types.String   `tfsdk:"upstream_registry"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

// refresh records what ECR holds.
func (m *pullThroughCacheRuleModel) refresh(r *ecrapi.PullThroughCacheRule) {
	m.Prefix = types.StringValue(r.Prefix)
	m.UpstreamURL = types.StringValue(r.UpstreamURL)
	m.CredentialARN = stringOrNull(r.CredentialARN)
	m.CustomRoleARN = stringOrNull(r.CustomRoleARN)
	m.UpstreamPrefix = types.StringValue(r.UpstreamPrefix)
	m.RegistryID = stringOrNull(r.RegistryID)
	m.UpstreamRegistry = stringOrNull(r.UpstreamRegistry)
}
