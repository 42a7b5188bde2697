package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/mutability"
)

// The tag mutability arguments are shared by ecrgov_repository and the overlay
// ecrgov_repository_tag_mutability, so their schema and validation live here once.

const exclusionFiltersAttr = "image_tag_mutability_exclusion_filters"

var mutabilityModesDoc = "`" + strings.Join(mutability.Modes, "`, `") + "`"

// exclusionFiltersSchema is a set: ECR treats the filters as a set, so their order never shows
// a diff.
func exclusionFiltersSchema() schema.SetAttribute {
	return schema.SetAttribute{
		ElementType: types.StringType,
		Optional:    true,
		MarkdownDescription: "Tags that are exceptions to `image_tag_mutability`, as WILDCARD filters such as `latest` " +
			"or `dev-*` (1 to 5, each 1–128 of letters, digits, `.`, `_`, `-`, `*`). Required with the `*_WITH_EXCLUSION` " +
			"modes and not allowed with the others. Order does not matter.",
		Validators: []validator.Set{
			setvalidator.SizeBetween(mutability.MinFilters, mutability.MaxFilters),
			setvalidator.ValueStringsAre(checkString("exclusion filter", mutability.CheckFilter)),
		},
	}
}

// validateMutabilityConfig checks the mode/filters combination at plan time and reports it on
// the filters attribute. Unknown values are checked again once they are known.
func validateMutabilityConfig(mode types.String, filters types.Set, diags *diag.Diagnostics) {
	if mode.IsUnknown() || filters.IsUnknown() {
		return
	}
	m := mode.ValueString()
	if mode.IsNull() {
		m = mutability.Immutable // the schema default
	}
	// Count and characters are the schema validators' job; only the combination is checked here,
	// so each problem is reported once.
	if err := mutability.CheckCombination(m, len(filters.Elements())); err != nil {
		diags.AddAttributeError(path.Root(exclusionFiltersAttr), "Invalid tag mutability exclusion filters", err.Error())
	}
	for _, f := range filters.Elements() {
		if s, ok := f.(types.String); ok && s.ValueString() == "*" && m == mutability.ImmutableWithExclusion {
			diags.AddAttributeWarning(path.Root(exclusionFiltersAttr), "Every tag stays mutable",
				`The exclusion filter "*" matches every tag, so IMMUTABLE_WITH_EXCLUSION makes no tag immutable: any tag can be pushed again with other bits. `+
					`Name the tags that may move, such as "latest" or "dev-*".`)
		}
	}
}
