package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

// checkString adapts a domain check (a plain func(string) error from the packages that hold the
// ECR rules) into a schema validator, so the rule lives in one place and the error lands on the
// attribute that holds the value.
func checkString(description string, check func(string) error) validator.String {
	return stringCheck{description: description, check: check}
}

type stringCheck struct {
	description string
	check       func(string) error
}

func (v stringCheck) Description(context.Context) string         { return v.description }
func (v stringCheck) MarkdownDescription(context.Context) string { return v.description }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+v.description, err.Error())
	}
}

// checkPolicyText checks lifecycle policy JSON against every documented rule.
func checkPolicyText(s string) error {
	if _, problems := lifecycle.ParseAndValidate(s); len(problems) > 0 {
		return problems
	}
	return nil
}

// checkRFC3339 checks a timestamp input.
func checkRFC3339(s string) error {
	if _, err := time.Parse(time.RFC3339, s); err != nil {
		return errors.New(`"` + s + `" is not an RFC 3339 timestamp such as 2026-01-02T15:04:05Z`)
	}
	return nil
}
