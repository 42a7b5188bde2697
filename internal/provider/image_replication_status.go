package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// data.ecrgov_image's include_replication_status: where the digest has been replicated to
// (DescribeImageReplicationStatus), so that a deployment in another Region can check that the
// digest is there before it pins it.

var replicationStatusObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"region": types.StringType, "registry_id": types.StringType, "status": types.StringType, "failure_code": types.StringType,
}}

func replicationStatusAttributes() map[string]schema.Attribute {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"include_replication_status": schema.BoolAttribute{Optional: true,
			MarkdownDescription: "Also read where the digest has been replicated to into `replication_status` " +
				"(DescribeImageReplicationStatus; not a pull)."},
		"replication_status": schema.ListNestedAttribute{Computed: true,
			MarkdownDescription: "With `include_replication_status`: one entry per destination of the replication rules " +
				"that cover the repository; empty when none replicates it (replication copies only images pushed after a " +
				"rule exists). Check `status = \"COMPLETE\"` for the Region a deployment pins the digest in: until then the " +
				"digest is not there.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"region":       str("The destination Region."),
				"registry_id":  str("The destination registry."),
				"status":       str("`IN_PROGRESS`, `COMPLETE` or `FAILED`."),
				"failure_code": str("Why a `FAILED` replication failed; null otherwise."),
			}}},
	}
}

// readReplicationStatus fills replication_status when asked, and leaves it null otherwise.
func readReplicationStatus(
	ctx context.Context, client *ecrapi.Client, include types.Bool, repo, digest string, diags *diag.Diagnostics,
) types.List {
	if !include.ValueBool() {
		return types.ListNull(replicationStatusObjectType)
	}
	statuses, err := client.ImageReplicationStatuses(ctx, repo, digest)
	if err != nil {
		addActionError(diags, "reading the replication status of", imageLabel, repo+"@"+digest, err)
		return types.ListNull(replicationStatusObjectType)
	}
	elems := make([]attr.Value, 0, len(statuses))
	for _, s := range statuses {
		elems = append(elems, types.ObjectValueMust(replicationStatusObjectType.AttrTypes, map[string]attr.Value{
			"region": types.StringValue(s.Region), "registry_id": types.StringValue(s.RegistryID),
			"status": types.StringValue(s.Status), "failure_code": stringOrNull(s.FailureCode),
		}))
	}
	return types.ListValueMust(replicationStatusObjectType, elems)
}
