package ecrapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
)

// AccountSettingValues are the account setting names ECR documents and the values each takes
// (PutAccountSetting and GetAccountSetting, API reference: "Valid value for basic scan type:
// AWS_NATIVE. Valid values for registry policy scope: V1 or V2. Valid values for blob mounting:
// ENABLED or DISABLED.").
var AccountSettingValues = map[string][]string{
	"BASIC_SCAN_TYPE_VERSION": {"AWS_NATIVE"},
	"REGISTRY_POLICY_SCOPE":   {"V1", "V2"},
	"BLOB_MOUNTING":           {"DISABLED", "ENABLED"},
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
