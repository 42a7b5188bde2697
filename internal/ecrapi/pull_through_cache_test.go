package ecrapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Create settles an ambiguous outcome: AlreadyExists after an attempt whose answer was lost is
// this call's own rule when the rule found was created since the call started with the settings
// asked for; on the first attempt it is someone else's.
func TestCreatePullThroughCacheRule_settles(t *testing.T) {
	spec := PullThroughCacheRuleSpec{Prefix: "quay", UpstreamURL: "quay.io"}
	for _, tt := range []struct {
		name    string
		answers []int // per attempt: 500 (acted, answer lost) or 409 (already exists)
		url     string
		wantErr error
	}{
		{"answer lost, then already exists: ours", []int{500, 409}, "quay.io", nil},
		{"answer lost, then someone else's settings", []int{500, 409}, "public.ecr.aws", ErrPullThroughCacheRuleExists},
		{"already exists at once: someone else's", []int{409}, "quay.io", ErrPullThroughCacheRuleExists},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				if strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".DescribePullThroughCacheRules") {
					_ = json.NewEncoder(w).Encode(map[string]any{"pullThroughCacheRules": []map[string]any{{
						"ecrRepositoryPrefix": "quay", "upstreamRegistryUrl": tt.url, "upstreamRegistry": "quay",
						"createdAt": float64(time.Now().Unix()),
					}}})
					return
				}
				i := int(n.Add(1)) - 1
				if i >= len(tt.answers) {
					t.Errorf("attempt %d was not expected", i+1)
					i = len(tt.answers) - 1
				}
				if tt.answers[i] == 500 {
					writeErr(w, 500, "ServerException", "answer lost")
					return
				}
				writeErr(w, 400, "PullThroughCacheRuleAlreadyExistsException", "exists")
			})
			got, err := c.CreatePullThroughCacheRule(context.Background(), spec)
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && (got.UpstreamPrefix != "ROOT" || got.UpstreamRegistry != "quay") {
				t.Errorf("adopted %+v, want upstream prefix ROOT (ECR's default) and quay", got)
			}
		})
	}
}

// Not found is the one *NotFoundError of KindPullThroughCacheRule for every call; delete of a
// missing rule is done; Validate reports ECR's failure reason.
func TestPullThroughCacheRule_notFoundAndValidate(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".ValidatePullThroughCacheRule") {
			var in map[string]string
			_ = json.NewDecoder(r.Body).Decode(&in)
			if in["ecrRepositoryPrefix"] == "broken" {
				_ = json.NewEncoder(w).Encode(map[string]any{"isValid": false, "failure": "Unable to reach the upstream registry"})
				return
			}
			if in["ecrRepositoryPrefix"] == "fine" {
				_ = json.NewEncoder(w).Encode(map[string]any{"isValid": true})
				return
			}
		}
		writeErr(w, 400, "PullThroughCacheRuleNotFoundException", "no such rule")
	})
	ctx := context.Background()
	if _, err := c.FindPullThroughCacheRuleByPrefix(ctx, "gone"); !IsNotFound(err, KindPullThroughCacheRule) {
		t.Errorf("find: %v", err)
	}
	if err := c.UpdatePullThroughCacheRule(ctx, "gone", "", ""); !IsNotFound(err, KindPullThroughCacheRule) {
		t.Errorf("update: %v", err)
	}
	if err := c.DeletePullThroughCacheRule(ctx, "gone"); err != nil {
		t.Errorf("delete of a missing rule: %v, want done", err)
	}
	if _, err := c.ValidatePullThroughCacheRule(ctx, "gone"); !IsNotFound(err, KindPullThroughCacheRule) {
		t.Errorf("validate: %v", err)
	}
	if failure, err := c.ValidatePullThroughCacheRule(ctx, "broken"); err != nil || failure != "Unable to reach the upstream registry" {
		t.Errorf("validate broken = %q, %v", failure, err)
	}
	if failure, err := c.ValidatePullThroughCacheRule(ctx, "fine"); err != nil || failure != "" {
		t.Errorf("validate fine = %q, %v", failure, err)
	}
}
