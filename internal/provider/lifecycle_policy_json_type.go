package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

// lifecyclePolicyJSONType is a string attribute holding lifecycle policy JSON whose equality is
// the policy's meaning: reformatting, reordering keys or rules, or reordering a tag list never
// shows a diff. jsontypes.Normalized would still see reordered rules as a change.
type lifecyclePolicyJSONType struct {
	basetypes.StringType
}

var (
	_ basetypes.StringTypable                    = lifecyclePolicyJSONType{}
	_ basetypes.StringValuableWithSemanticEquals = lifecyclePolicyJSON{}
)

func (t lifecyclePolicyJSONType) String() string { return "lifecyclePolicyJSONType" }

func (t lifecyclePolicyJSONType) ValueType(context.Context) attr.Value { return lifecyclePolicyJSON{} }

func (t lifecyclePolicyJSONType) Equal(o attr.Type) bool {
	other, ok := o.(lifecyclePolicyJSONType)
	return ok && t.StringType.Equal(other.StringType)
}

func (t lifecyclePolicyJSONType) ValueFromString(
	_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics,
) {
	return lifecyclePolicyJSON{StringValue: in}, nil
}

func (t lifecyclePolicyJSONType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return lifecyclePolicyJSON{StringValue: s}, nil
}

// lifecyclePolicyJSON is the value of lifecyclePolicyJSONType.
type lifecyclePolicyJSON struct {
	basetypes.StringValue
}

func (v lifecyclePolicyJSON) Type(context.Context) attr.Type { return lifecyclePolicyJSONType{} }

func (v lifecyclePolicyJSON) Equal(o attr.Value) bool {
	other, ok := o.(lifecyclePolicyJSON)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals treats two texts as equal when both parse and their canonical forms are
// the same; a text that does not parse is only equal to itself.
func (v lifecyclePolicyJSON) StringSemanticEquals(
	_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics,
) {
	var diags diag.Diagnostics
	newValue, ok := newValuable.(lifecyclePolicyJSON)
	if !ok {
		diags.AddError("Semantic equality check error",
			fmt.Sprintf("Expected lifecyclePolicyJSON, got %T. This is always a bug in the provider; please report it.", newValuable))
		return false, diags
	}
	if v.ValueString() == newValue.ValueString() {
		return true, diags
	}
	return lifecycle.EquivalentJSON(v.ValueString(), newValue.ValueString()), diags
}

func newLifecyclePolicyJSON(s string) lifecyclePolicyJSON {
	return lifecyclePolicyJSON{StringValue: basetypes.NewStringValue(s)}
}

func nullLifecyclePolicyJSON() lifecyclePolicyJSON {
	return lifecyclePolicyJSON{StringValue: basetypes.NewStringNull()}
}
