package provider

import (
	"errors"
	"fmt"

	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// apiErrorDetail turns an SDK error into the detail of a diagnostic: the service's error code and
// message when there is one, so users see "ImageTagAlreadyExistsException: ..." rather than the
// SDK's operation wrapper.
func apiErrorDetail(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return fmt.Sprintf("%s: %s", apiErr.ErrorCode(), apiErr.ErrorMessage())
	}
	return err.Error()
}

// addActionError adds an error whose summary names the action, the thing and its ID, such as
// "creating ECR repository (team/app)", and whose detail is the cause plus any advice.
func addActionError(diags *diag.Diagnostics, action, thing, id string, err error, advice ...string) {
	detail := apiErrorDetail(err)
	for _, a := range advice {
		detail += "\n\n" + a
	}
	diags.AddError(fmt.Sprintf("%s %s (%s)", action, thing, id), detail)
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
		fmt.Sprintf("Expected *ecrapi.Client, got %T. This is always a bug in the provider; please report it.", got))
}
