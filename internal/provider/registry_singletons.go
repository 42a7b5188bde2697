package provider

import (
	"context"
	"fmt"

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

// singletonChangedSummary is the summary of warnSingletonChanged, kept in one place.
const singletonChangedSummary = "changed outside this state since its last read"

// warnSingletonChanged is the warning of a registry singleton (scanning configuration, signing
// configuration, account setting) that Read finds different from what this state recorded at its
// last read or write. ECR offers no lock, so when two states declare the same singleton each
// records the other's configuration as "previous" and the last writer wins; this is what can be
// detected of it. Read gives it, so it is shown by the plan's refresh.
func warnSingletonChanged(diags interface{ AddWarning(string, string) }, label, id, recorded, now string) {
	diags.AddWarning(label+" ("+id+") "+singletonChangedSummary,
		fmt.Sprintf("This state recorded %s, and ECR now holds %s. Someone or something else changed it: another Terraform state that "+
			"declares the same %s, a person, or a script. ECR has one %s per registry and no lock, so the last writer wins and each "+
			"state records the other's settings as previous_*. Declare each registry singleton once, in one state; this plan puts "+
			"back this state's configuration.", recorded, now, label, label))
}
