package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
)

// importByRepositoryName is the ImportState of the resources whose import ID is a repository
// name: it checks the name and sets id and the attribute that holds the name.
func importByRepositoryName(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, thing, nameAttr string) {
	if err := imageref.CheckRepositoryName(req.ID); err != nil {
		resp.Diagnostics.AddError("importing "+thing, "The import ID is the repository name. "+err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(nameAttr), req.ID)...)
}
