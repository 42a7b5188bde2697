package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

var _ ephemeral.EphemeralResourceWithConfigure = &authorizationTokenEphemeralResource{}

func newAuthorizationTokenEphemeralResource() ephemeral.EphemeralResource {
	return &authorizationTokenEphemeralResource{}
}

// authorizationTokenEphemeralResource gives Docker registry credentials that exist only while
// Terraform runs: they never enter the plan or the state.
type authorizationTokenEphemeralResource struct {
	client *ecrapi.Client
}

func (e *authorizationTokenEphemeralResource) Metadata(
	_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_authorization_token"
}

func (e *authorizationTokenEphemeralResource) Schema(
	_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse,
) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Docker registry credentials for ECR (GetAuthorizationToken), as an ephemeral resource: " +
			"they are never written to the plan or the state. Use them in provider blocks (docker, helm) and other " +
			"ephemeral contexts. Requires Terraform 1.10 or later.",
		Attributes: map[string]schema.Attribute{
			"registry_id": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Registry (AWS account) ID whose endpoint to return in " +
					"`proxy_endpoint`. The credentials themselves work for every registry the caller may access. Defaults to " +
					"the caller's registry.",
				Validators: []validator.String{checkString("registry ID", ecrapi.CheckAccountID)},
			},
			"user_name":           schema.StringAttribute{Computed: true, MarkdownDescription: "Registry user name (`AWS`)."},
			"password":            schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: "Registry password, valid until `expires_at`."},
			"authorization_token": schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: "Base64 of `user_name:password`, the form Docker's `auths` configuration takes."},
			"proxy_endpoint": schema.StringAttribute{Computed: true, MarkdownDescription: "Registry endpoint, such " +
				"as `https://123456789012.dkr.ecr.eu-west-1.amazonaws.com`."},
			"expires_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the credentials " +
				"expire (12 hours after issue), RFC 3339."},
		},
	}
}

func (e *authorizationTokenEphemeralResource) Configure(
	_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse,
) {
	e.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (e *authorizationTokenEphemeralResource) Open(
	ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse,
) {
	var data authorizationTokenModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	creds, err := e.client.InRegistry(data.RegistryID.ValueString()).GetRegistryCredentials(ctx)
	if err != nil {
		registry := data.RegistryID.ValueString()
		if registry == "" {
			registry = "default registry"
		}
		addActionError(&resp.Diagnostics, "getting", "ECR authorization token", registry, err)
		return
	}
	data.UserName = types.StringValue(creds.UserName)
	data.Password = types.StringValue(creds.Password)
	data.AuthorizationToken = types.StringValue(creds.AuthorizationToken)
	data.ProxyEndpoint = types.StringValue(creds.ProxyEndpoint)
	data.ExpiresAt = types.StringValue(creds.ExpiresAt.UTC().Format(time.RFC3339))
	resp.Diagnostics.Append(resp.Result.Set(ctx, &data)...)
}

type authorizationTokenModel struct {
	RegistryID         types.String `tfsdk:"registry_id"`
	UserName           types.String `tfsdk:"user_name"`
	Password           types.String `tfsdk:"password"`
	AuthorizationToken types.String `tfsdk:"authorization_token"`
	ProxyEndpoint      types.String `tfsdk:"proxy_endpoint"`
	ExpiresAt          types.String `tfsdk:"expires_at"`
}
