package ecrapi

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
)

// AccountSettingValues are the account setting names ECR documents and the values
// PutAccountSetting takes (service model: "Valid value for basic scan type: AWS_NATIVE. Valid
// values for registry policy scope: V2. Valid values for blob mounting: ENABLED or DISABLED.").
// aws-sdk-go-v2's service/ecr v1.57.2 "Removes support for registry policy V1".
var AccountSettingValues = map[string][]string{
	"BASIC_SCAN_TYPE_VERSION": {"AWS_NATIVE"},
	"REGISTRY_POLICY_SCOPE":   {"V2"},
	"BLOB_MOUNTING":           {"DISABLED", "ENABLED"},
}

// LegacyAccountSettingValues are values a registry can still report but that can no longer be
// put: CLAIR, the basic scanning engine before AWS_NATIVE, and the registry policy scope V1.
var LegacyAccountSettingValues = map[string][]string{
	"BASIC_SCAN_TYPE_VERSION": {"CLAIR"},
	"REGISTRY_POLICY_SCOPE":   {"V1"},
}

// IsLegacyAccountSettingValue reports whether value is one of name's legacy values.
func IsLegacyAccountSettingValue(name, value string) bool {
	return slices.Contains(LegacyAccountSettingValues[name], value)
}

// GetAccountSetting returns the value of a registry account setting. ECR answers every
// documented name, with its default when it was never set.
func (c *Client) GetAccountSetting(ctx context.Context, name string) (string, error) {
	out, err := c.api.GetAccountSetting(ctx, &ecr.GetAccountSettingInput{Name: aws.String(name)})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.Value), nil
}

// PutAccountSetting sets a registry account setting. It is idempotent.
func (c *Client) PutAccountSetting(ctx context.Context, name, value string) error {
	_, err := c.api.PutAccountSetting(ctx, &ecr.PutAccountSettingInput{Name: aws.String(name), Value: aws.String(value)})
	return err
}
