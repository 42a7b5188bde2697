package provider

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func mapStrings(ctx context.Context, m types.Map, diags *diag.Diagnostics) map[string]string {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	out := map[string]string{}
	diags.Append(m.ElementsAs(ctx, &out, false)...)
	return out
}

func apiTags(tags map[string]string) []ecrtypes.Tag {
	var out []ecrtypes.Tag
	for k, v := range tags {
		out = append(out, ecrtypes.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

// tagsValue is the tags read from the API. An empty result keeps what the configuration said
// (null or {}), so `tags = {}` never shows a perpetual diff.
func tagsValue(tags map[string]string, prior types.Map) types.Map {
	if len(tags) == 0 {
		if !prior.IsNull() && len(prior.Elements()) == 0 {
			return prior
		}
		return types.MapNull(types.StringType)
	}
	return types.MapValueMust(types.StringType, stringValues(tags))
}

func stringValues(m map[string]string) map[string]attr.Value {
	out := make(map[string]attr.Value, len(m))
	for k, v := range m {
		out[k] = types.StringValue(v)
	}
	return out
}
