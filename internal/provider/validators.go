package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
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

// positiveTimeouts refuses a timeouts value that parses but is not positive, such as "-5m" or
// "0s": the timeouts package checks only that each is a duration, and a negative one would make
// apply give up before it starts.
type positiveTimeouts struct{}

func (positiveTimeouts) Description(context.Context) string {
	return "each timeout is a positive duration"
}
func (v positiveTimeouts) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (positiveTimeouts) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for name, v := range req.ConfigValue.Attributes() {
		s, ok := v.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		if d, err := time.ParseDuration(s.ValueString()); err == nil && d <= 0 {
			resp.Diagnostics.AddAttributeError(req.Path.AtName(name), "Invalid timeout",
				fmt.Sprintf("%s is not a positive duration; use one such as \"30m\".", imageref.Quote(s.ValueString())))
		}
	}
}

// withPositiveTimeouts adds positiveTimeouts to a timeouts attribute (timeouts.Attributes
// returns a SingleNestedAttribute).
func withPositiveTimeouts(a schema.Attribute) schema.Attribute {
	nested, ok := a.(schema.SingleNestedAttribute)
	if !ok {
		panic(fmt.Sprintf("timeouts attribute is %T; always a bug", a))
	}
	nested.Validators = append(nested.Validators, positiveTimeouts{})
	return nested
}

// checkStringMap is checkString for a map of strings: the error lands on the map attribute, not
// on a path that repeats a (possibly hostile) key.
func checkStringMap(description string, check func(map[string]string) error) validator.Map {
	return stringMapCheck{description: description, check: check}
}

type stringMapCheck struct {
	description string
	check       func(map[string]string) error
}

func (v stringMapCheck) Description(context.Context) string         { return v.description }
func (v stringMapCheck) MarkdownDescription(context.Context) string { return v.description }

func (v stringMapCheck) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	m := make(map[string]string, len(req.ConfigValue.Elements()))
	for k, e := range req.ConfigValue.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsUnknown() {
			return // checked once known
		}
		m[k] = s.ValueString()
	}
	if err := v.check(m); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+v.description, err.Error())
	}
}

// requiredBlock is listvalidator.IsRequired with a message that says what to write: Terraform
// documents every block as optional, and the framework's "Block rule must have a configuration
// value" does not say why or how.
type requiredBlock struct{ detail string }

func (v requiredBlock) Description(context.Context) string { return "at least one block is required" }
func (v requiredBlock) MarkdownDescription(context.Context) string {
	return "at least one block is required"
}

func (v requiredBlock) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsUnknown() || (!req.ConfigValue.IsNull() && len(req.ConfigValue.Elements()) > 0) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "At least one "+req.Path.String()+" block is required", v.detail)
}
