package ecrapi

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// GetSigningConfiguration has no registryId, so the caller's rules judge only the caller's own
// registry: for another account's, SigningRulesApply is false. The caller's registry is learnt
// with one DescribeRegistry, and not at all for a client of the own registry.
func TestSigningRulesApply(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if !strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".DescribeRegistry") {
			t.Errorf("unexpected call %s", r.Header.Get("X-Amz-Target"))
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		_, _ = w.Write([]byte(`{"registryId":"123456789012","replicationConfiguration":{"rules":[]}}`))
	})
	ctx := context.Background()
	for _, tc := range []struct {
		registry string
		want     bool
	}{{"", true}, {"123456789012", true}, {"210987654321", false}} {
		got, err := c.InRegistry(tc.registry).SigningRulesApply(ctx)
		if err != nil || got != tc.want {
			t.Errorf("registry %q: %v, %v; want %v", tc.registry, got, err, tc.want)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("DescribeRegistry calls = %d, want 1 (cached)", n)
	}
}
