package provider

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

type providerModel struct {
	Region                 types.String     `tfsdk:"region"`
	Profile                types.String     `tfsdk:"profile"`
	SharedConfigFiles      types.List       `tfsdk:"shared_config_files"`
	SharedCredentialsFiles types.List       `tfsdk:"shared_credentials_files"`
	AccessKey              types.String     `tfsdk:"access_key"`
	SecretKey              types.String     `tfsdk:"secret_key"`
	Token                  types.String     `tfsdk:"token"`
	Endpoint               types.String     `tfsdk:"endpoint"`
	STSEndpoint            types.String     `tfsdk:"sts_endpoint"`
	MaxRetries             types.Int64      `tfsdk:"max_retries"`
	AllowedAccountIDs      types.Set        `tfsdk:"allowed_account_ids"`
	ForbiddenAccountIDs    types.Set        `tfsdk:"forbidden_account_ids"`
	AssumeRole             *assumeRoleModel `tfsdk:"assume_role"`
}

type assumeRoleModel struct {
	RoleARN     types.String `tfsdk:"role_arn"`
	SessionName types.String `tfsdk:"session_name"`
	ExternalID  types.String `tfsdk:"external_id"`
	Duration    types.String `tfsdk:"duration"`
}

// toConfig reads the Terraform values into the access layer's Config. A value that is still
// unknown (it depends on a resource not yet created) cannot configure a client, so it is an
// error on that attribute rather than a silent fallback to the SDK chain.
func (m providerModel) toConfig(ctx context.Context, version string) (ecrapi.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	str := func(v types.String, name string) string {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown provider configuration value",
				"The provider cannot be configured while "+name+" is unknown. Set it to a known value, or apply its source "+
					"first with -target.")
		}
		return v.ValueString()
	}
	strs := func(v attr.Value, name string, into *[]string) {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown provider configuration value",
				"The provider cannot be configured while "+name+" is unknown.")
			return
		}
		switch v := v.(type) {
		case types.List:
			diags.Append(v.ElementsAs(ctx, into, false)...)
		case types.Set:
			diags.Append(v.ElementsAs(ctx, into, false)...)
		}
	}

	cfg := ecrapi.Config{
		Region:           str(m.Region, "region"),
		Profile:          str(m.Profile, "profile"),
		AccessKey:        str(m.AccessKey, "access_key"),
		SecretKey:        str(m.SecretKey, "secret_key"),
		Token:            str(m.Token, "token"),
		Endpoint:         str(m.Endpoint, "endpoint"),
		STSEndpoint:      str(m.STSEndpoint, "sts_endpoint"),
		UserAgentVersion: version,
	}
	strs(m.SharedConfigFiles, "shared_config_files", &cfg.SharedConfigFiles)
	strs(m.SharedCredentialsFiles, "shared_credentials_files", &cfg.SharedCredentialsFiles)
	strs(m.AllowedAccountIDs, "allowed_account_ids", &cfg.AllowedAccountIDs)
	strs(m.ForbiddenAccountIDs, "forbidden_account_ids", &cfg.ForbiddenAccountIDs)
	if !m.MaxRetries.IsNull() && !m.MaxRetries.IsUnknown() {
		n := int(m.MaxRetries.ValueInt64())
		cfg.MaxRetries = &n
	}
	// The no-answer timeout (ecrapi.DefaultNoAnswerTimeout) can be shortened for tests and CI
	// that point at endpoints known to be dead; it is not a provider argument because no
	// configuration should need it.
	if d, err := time.ParseDuration(os.Getenv("ECRGOV_NO_ANSWER_TIMEOUT")); err == nil && d > 0 {
		cfg.NoAnswerTimeout = d
	}
	if ar := m.AssumeRole; ar != nil {
		arn := ar.RoleARN.ValueString()
		if ar.RoleARN.IsNull() {
			diags.AddAttributeError(path.Root("assume_role").AtName("role_arn"), "Missing role_arn",
				"The assume_role block needs role_arn, the ARN of the IAM role to assume.")
		}
		role := &ecrapi.AssumeRole{RoleARN: arn, SessionName: ar.SessionName.ValueString(), ExternalID: ar.ExternalID.ValueString()}
		if d := ar.Duration.ValueString(); d != "" {
			role.Duration, _ = ecrapi.ParseRoleDuration(d) // validated by the schema
		}
		cfg.AssumeRole = role
	}
	return cfg, diags
}

// addConfigureError puts a Configure failure on the attribute the user can change.
func addConfigureError(diags *diag.Diagnostics, err error) {
	var notAllowed *ecrapi.AccountNotAllowedError
	switch {
	case errors.As(err, &notAllowed):
		attr := "allowed_account_ids"
		if notAllowed.Reason == "is listed in forbidden_account_ids" {
			attr = "forbidden_account_ids"
		}
		diags.AddAttributeError(path.Root(attr), "AWS account "+notAllowed.AccountID+" is not allowed",
			err.Error()+". Use credentials for an allowed account, or change the list.")
	case errors.Is(err, ecrapi.ErrNoRegion):
		diags.AddAttributeError(path.Root("region"), "Missing AWS region", err.Error())
	case errors.Is(err, ecrapi.ErrSTSFailed):
		diags.AddAttributeError(path.Root("sts_endpoint"), "checking the AWS account",
			err.Error()+"\n\nThe account lists are checked with STS GetCallerIdentity at sts_endpoint (or "+
				"AWS_ENDPOINT_URL_STS, or the region's STS). "+
				"Check sts_endpoint and the credentials, or remove allowed_account_ids and forbidden_account_ids.")
	default:
		diags.AddError("configuring the ecrgov provider", err.Error())
	}
}
