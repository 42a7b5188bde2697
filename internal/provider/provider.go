// Package provider is the Terraform skin of ecrgov: it converts between Terraform values and the
// domain packages (lifecycle, imageref) and the ECR access layer (ecrapi).
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

var (
	_ provider.Provider                       = &ecrgovProvider{}
	_ provider.ProviderWithFunctions          = &ecrgovProvider{}
	_ provider.ProviderWithEphemeralResources = &ecrgovProvider{}
	_ provider.ProviderWithListResources      = &ecrgovProvider{}
	_ provider.ProviderWithActions            = &ecrgovProvider{}
)

// New returns the provider factory that providerserver.Serve and the tests use.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &ecrgovProvider{version: version}
	}
}

type ecrgovProvider struct {
	version string
}

func (p *ecrgovProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "ecrgov"
	resp.Version = p.version
}

func (p *ecrgovProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	accountIDs := setvalidator.ValueStringsAre(checkString("AWS account ID", ecrapi.CheckAccountID))
	resp.Schema = schema.Schema{
		MarkdownDescription: "Governs Amazon ECR: immutable tags, typed and simulated lifecycle policies, digest " +
			"pinning and registry audits. Every argument is optional; unset ones come from the standard AWS SDK chain " +
			"(environment, shared files, SSO, web identity, IMDS).",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "AWS region, such as `us-east-1`. Defaults to `AWS_REGION` or the profile's region.",
				Validators:          []validator.String{checkString("region", ecrapi.CheckRegion)},
			},
			"profile": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Named profile from the shared config files. Defaults to `AWS_PROFILE`.",
			},
			"shared_config_files": schema.ListAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Shared config file paths. Defaults to `~/.aws/config`.",
			},
			"shared_credentials_files": schema.ListAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Shared credentials file paths. Defaults to `~/.aws/credentials`.",
			},
			"access_key": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Static access key ID. Prefer the environment, a profile or a role; requires `secret_key`.",
				Validators:          []validator.String{stringvalidator.AlsoRequires(path.MatchRoot("secret_key"))},
			},
			"secret_key": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Static secret access key; requires `access_key`.",
				Validators:          []validator.String{stringvalidator.AlsoRequires(path.MatchRoot("access_key"))},
			},
			"token": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Session token for temporary static credentials; requires `access_key` and `secret_key`.",
				Validators:          []validator.String{stringvalidator.AlsoRequires(path.MatchRoot("access_key"))},
			},
			"endpoint": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "ECR API URL override, for a VPC endpoint, FIPS or a local emulator " +
					"(`http://127.0.0.1:4566`). When unset, `AWS_ENDPOINT_URL_ECR` and `AWS_ENDPOINT_URL` are honoured.",
				Validators: []validator.String{checkString("endpoint", ecrapi.CheckEndpoint)},
			},
			"sts_endpoint": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "STS API URL override, used by `assume_role` and the account checks. When unset, " +
					"`AWS_ENDPOINT_URL_STS` and `AWS_ENDPOINT_URL` are honoured.",
				Validators: []validator.String{checkString("sts_endpoint", ecrapi.CheckEndpoint)},
			},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Retries after the first attempt of each API call. Defaults to `25`, as in the AWS " +
					"provider: ECR's control-plane throttling is unpublished and bursty, and the SDK's own 3 attempts fail real " +
					"applies. Retries use the SDK's standard mode (exponential backoff with full jitter, 1 s base for " +
					"throttling, at most 20 s between attempts) without its client-side retry quota, which a burst of " +
					"throttling would exhaust for the rest of the run. A call that gets no answer for 60 s is retried, and a " +
					"cancelled run (Ctrl-C) stops retrying at once.",
				Validators: []validator.Int64{int64validator.Between(0, 100)},
			},
			"allowed_account_ids": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Only these AWS accounts may be used. When set, Configure calls STS GetCallerIdentity " +
					"once and fails if the credentials belong to another account. Conflicts with `forbidden_account_ids`.",
				Validators: []validator.Set{
					accountIDs,
					setvalidator.ConflictsWith(path.MatchRoot("forbidden_account_ids")),
				},
			},
			"forbidden_account_ids": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "These AWS accounts may never be used; checked like `allowed_account_ids`. Conflicts " +
					"with `allowed_account_ids`.",
				Validators: []validator.Set{accountIDs},
			},
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.SingleNestedBlock{
				MarkdownDescription: "Assume an IAM role (through STS AssumeRole) with the credentials found above.",
				Attributes: map[string]schema.Attribute{
					"role_arn": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "ARN of the role to assume. Required when the block is present.",
						Validators:          []validator.String{checkString("role ARN", ecrapi.CheckRoleARN)},
					},
					"session_name": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Role session name, which appears in CloudTrail.",
						Validators:          []validator.String{stringvalidator.LengthBetween(2, 64)},
					},
					"external_id": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "External ID that the role's trust policy requires.",
					},
					"duration": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Session length as a duration, from `15m` to `12h`. Defaults to STS's 1 hour.",
						Validators: []validator.String{checkString("duration", func(s string) error {
							_, err := ecrapi.ParseRoleDuration(s)
							return err
						})},
					},
				},
			},
		},
	}
}

func (p *ecrgovProvider) Configure(
	ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse,
) {
	var data providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg, diags := data.toConfig(ctx, p.version)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, err := ecrapi.New(ctx, cfg)
	if err != nil {
		addConfigureError(&resp.Diagnostics, err)
		return
	}
	shared := &providerData{client: client, run: newRunState()}
	resp.DataSourceData = shared
	resp.ResourceData = shared
	resp.EphemeralResourceData = shared
	resp.ListResourceData = shared
	resp.ActionData = shared
}

func (p *ecrgovProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		newRepositoryResource,
		newRepositoryTagMutabilityResource,
		newLifecyclePolicyResource,
		newImageTagResource,
		newPullTimeUpdateExclusionResource,
		newRepositoryCreationTemplateResource,
		newRegistryScanningConfigurationResource,
		newAccountSettingResource,
		newSigningConfigurationResource,
		newRepositoryPolicyResource,
		newRegistryPolicyResource,
		newPullThroughCacheRuleResource,
		newReplicationRuleResource,
	}
}

func (p *ecrgovProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newRepositoryCreationTemplatesDataSource,
		newRepositoryDataSource,
		newLifecyclePolicyDocumentDataSource,
		newLifecyclePreviewDataSource,
		newImageDataSource,
		newImagesDataSource,
		newRegistryAuditDataSource,
		newReplicationConfigurationDataSource,
	}
}

// Actions are the imperative steps an apply may invoke (Terraform 1.14+).
func (p *ecrgovProvider) Actions(context.Context) []func() action.Action {
	return []func() action.Action{
		newStartImageScanAction,
		newRestoreImageAction,
		newArchiveImageAction,
		newStartReplicationBackfillAction,
	}
}

// ListResources are the resources `terraform query` can list (Terraform 1.14+).
func (p *ecrgovProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		newRepositoryListResource,
		newRepositoryTagMutabilityListResource,
		newLifecyclePolicyListResource,
		newRepositoryPolicyListResource,
		newPullThroughCacheRuleListResource,
	}
}

func (p *ecrgovProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		newAuthorizationTokenEphemeralResource,
	}
}

func (p *ecrgovProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		newCreationTemplateForFunction,
		newLifecyclePolicyErrorsFunction,
		newLifecycleSimulateFunction,
		newLifecycleProtectsFunction,
		newParseImageRefFunction,
		newPinImageFunction,
		newIsDigestPinnedFunction,
		newPolicyFindingsFunction,
	}
}
