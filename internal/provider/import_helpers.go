package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
)

// importByRepositoryName is the ImportState of the resources whose import ID is a repository
// name: it checks the name and sets id and the attribute that holds the name.
// With an import block's identity instead of an ID, the identity's nameAttr is the name.
func importByRepositoryName(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, thing, nameAttr string) {
	id := importIDFromIdentity(ctx, req, &resp.Diagnostics, nameAttr)
	if err := imageref.CheckRepositoryName(id); err != nil {
		resp.Diagnostics.AddError("importing "+thing, "The import ID is the repository name. "+err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(nameAttr), id)...)
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, nameAttr, id)
}
