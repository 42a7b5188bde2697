package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// importRegistrySingleton is the ImportState of the registry singletons whose ID is the
// registry: the ID must be the registry the provider addresses, so an import never adopts
// another account's configuration by mistake.
func importRegistrySingleton(ctx context.Context, client *ecrapi.Client, req resource.ImportStateRequest, resp *resource.ImportStateResponse, label string) {
	if client == nil {
		resp.Diagnostics.AddError("importing "+label, "The provider is not configured.")
		return
	}
	registry, err := client.RegistryID(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", "ECR registry", "registry", err)
		return
	}
	// An import block with identity names the registry as registry_id (resources without an
	// identity get only the ID).
	id := importIDFromIdentity(ctx, req, &resp.Diagnostics, "registry_id")
	if id != registry {
		resp.Diagnostics.AddError("importing "+label,
			"The import ID is the registry ID the provider addresses, "+registry+", not "+id+". Configure the provider for that account and region to import its "+label+".")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), registry)...)
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, "registry_id", registry)
}
