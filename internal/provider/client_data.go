package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// clientFromProviderData is the Configure step shared by every resource, data source and
// ephemeral resource: nil before the provider is configured (validation runs then), otherwise
// the one client that the provider built.
func clientFromProviderData(data any, diags *diag.Diagnostics) *ecrapi.Client {
	if data == nil {
		return nil
	}
	client, ok := data.(*ecrapi.Client)
	if !ok {
		providerDataError(diags, data)
		return nil
	}
	return client
}
