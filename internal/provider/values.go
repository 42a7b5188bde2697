package provider

import (
	"context"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Conversions between Go values from the domain packages and Terraform values. Each name says
// its direction: <terraform type>From<Go type> builds a Terraform value, <Go type>From<terraform
// type> reads one.

// stringOrNull is s as a Terraform string, null when s is empty (ECR omits optional fields).
func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// rfc3339OrNull is t in RFC 3339 (UTC), null when t is zero.
func rfc3339OrNull(t time.Time) types.String {
	if t.IsZero() {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339))
}

// emptyIfNil turns a nil slice into an empty one, for lists that are always known.
func emptyIfNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// setFromStrings is a set of strings, null when there are none.
func setFromStrings(values []string) types.Set {
	if len(values) == 0 {
		return types.SetNull(types.StringType)
	}
	return types.SetValueMust(types.StringType, stringAttrs(values))
}

// stringAttrs is values as the elements of a list or set of strings.
func stringAttrs(values []string) []attr.Value {
	out := make([]attr.Value, 0, len(values))
	for _, v := range values {
		out = append(out, types.StringValue(v))
	}
	return out
}

// plural is one or many, by n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// stringsFromCollection reads a known set or list of strings; null gives nil.
func stringsFromCollection(ctx context.Context, v interface {
	IsNull() bool
	ElementsAs(context.Context, any, bool) diag.Diagnostics
}, diags *diag.Diagnostics) []string {
	if v.IsNull() {
		return nil
	}
	var out []string
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out
}

// stringsFromMap reads a known map of strings; null or unknown gives nil.
func stringsFromMap(ctx context.Context, m types.Map, diags *diag.Diagnostics) map[string]string {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	out := map[string]string{}
	diags.Append(m.ElementsAs(ctx, &out, false)...)
	return out
}

// mapFromStrings is a map of strings; an empty result keeps what the configuration said (null
// or {}), so `tags = {}` never shows a perpetual diff.
func mapFromStrings(values map[string]string, prior types.Map) types.Map {
	if len(values) == 0 {
		if !prior.IsNull() && len(prior.Elements()) == 0 {
			return prior
		}
		return types.MapNull(types.StringType)
	}
	return types.MapValueMust(types.StringType, attrsFromStrings(values))
}

func attrsFromStrings(m map[string]string) map[string]attr.Value {
	out := make(map[string]attr.Value, len(m))
	for k, v := range m {
		out[k] = types.StringValue(v)
	}
	return out
}

// sameStrings reports whether a and b hold the same strings, in any order.
func sameStrings(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}
