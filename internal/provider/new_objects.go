package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// ECR is eventually consistent: a lookup right after a create may not find the object yet.
// Create marks what it made in the resource's private state; the first Read that follows uses
// the ecrapi FindNew* lookups, which look again before they believe "not found", and clears the
// mark. A Read of anything else (a refresh days later, an import) believes "not found" at once.

// newObjectKey is the private-state key of the mark.
const newObjectKey = "ecrgov_new"

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// markNew records that this run has just created the object.
func markNew(ctx context.Context, private privateSetter, diags *diag.Diagnostics) {
	diags.Append(private.SetKey(ctx, newObjectKey, []byte("true"))...)
}

// takeNew reports whether the object is marked new, and clears the mark in the Read's answer.
func takeNew(ctx context.Context, from privateGetter, to privateSetter, diags *diag.Diagnostics) bool {
	if from == nil || to == nil {
		return false
	}
	v, d := from.GetKey(ctx, newObjectKey)
	diags.Append(d...)
	if len(v) == 0 {
		return false
	}
	diags.Append(to.SetKey(ctx, newObjectKey, nil)...)
	return true
}
