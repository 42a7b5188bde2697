package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// addActionError adds an error whose summary names the action, the thing and its ID, such as
// "creating ECR repository (team/app)", and whose detail is the cause plus any advice.
func addActionError(diags *diag.Diagnostics, action, thing, id string, err error, advice ...string) {
	detail := ecrapi.ErrorDetail(err)
	for _, a := range advice {
		detail += "\n\n" + a
	}
	if ecrapi.Unreachable(err) {
		detail += "\n\nNothing answered at the ECR endpoint. Check endpoint in the provider block (or " +
			"AWS_ENDPOINT_URL_ECR, AWS_ENDPOINT_URL) and the network."
	}
	diags.AddError(fmt.Sprintf("%s %s (%s)", action, thing, id), detail)
}

// readFailed handles the error of Read's lookup: a missing object is removed from state with a
// warning, any other error is reported. It reports whether Read must stop.
func readFailed(ctx context.Context, resp *resource.ReadResponse, label, id string, err error) bool {
	switch {
	case err == nil:
		return false
	case ecrapi.IsNotFound(err):
		warnRemovedFromState(&resp.Diagnostics, label, id)
		resp.State.RemoveResource(ctx)
	default:
		addActionError(&resp.Diagnostics, "reading", label, id, err)
	}
	return true
}

// warnRemovedFromState is the warning Read gives when the object was deleted outside Terraform.
func warnRemovedFromState(diags *diag.Diagnostics, thing, id string) {
	diags.AddWarning(fmt.Sprintf("%s (%s) not found; removing it from state", thing, id),
		"It was deleted outside Terraform. The next plan will propose to create it again.")
}

// providerDataError is the Configure error for a type assertion that cannot fail unless the
// provider itself is wrong.
func providerDataError(diags *diag.Diagnostics, got any) {
	diags.AddError("Unexpected provider data",
		fmt.Sprintf("Expected *providerData, got %T. This is always a bug in the provider; please report it.", got))
}

// addExistsError answers a create that met an object it cannot show it made
// (*ecrapi.ExistsError): someone else made it, perhaps another state or an apply running at the
// same moment, so this apply claims nothing and says how to take it over deliberately.
func addExistsError(diags *diag.Diagnostics, action, thing, id string, err error) {
	addActionError(diags, action, thing, id, err,
		fmt.Sprintf("It already exists and was not created by this apply: another Terraform state, an apply running at "+
			"the same time, "+
			"or a change outside Terraform made it. To manage it here, import it:\n\n  terraform import <address> %s", id))
}
