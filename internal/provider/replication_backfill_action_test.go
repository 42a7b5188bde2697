package provider_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The emulator's backfills never fail (no FAILED backfill, no failed image), so these tests run the action against a fake ECR that answers as the API reference describes: a backfill
// starts PREPARING (no progress), goes IN_PROGRESS with counts, then ends COMPLETE or FAILED with
// per-image results, failures included. The end-to-end run on the emulator is in
// replication_backfill_action_emulator_test.go.
type fakeBackfillECR struct {
	mu        sync.Mutex
	rules     string // DescribeRegistry's rules, as JSON
	running   string // a backfill ListReplicationBackfills reports as IN_PROGRESS ("" for none)
	starts    int
	describes int
	endStatus string
}

func (f *fakeBackfillECR) serve(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		f.mu.Lock()
		defer f.mu.Unlock()
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		dest := map[string]any{"region": "us-west-2", "registryId": "123456789012"}
		op := r.Header.Get("X-Amz-Target")
		var out any
		switch {
		case strings.HasSuffix(op, ".DescribeRegistry"):
			out = json.RawMessage(`{"registryId":"123456789012","replicationConfiguration":{"rules":` + f.rules + `}}`)
		case strings.HasSuffix(op, ".ListReplicationBackfills"):
			list := []any{map[string]any{"replicationBackfillId": "old", "destination": dest, "status": "COMPLETE", "startedAt": 1.7e9}}
			if f.running != "" {
				list = append(list, map[string]any{"replicationBackfillId": f.running, "destination": dest, "status": "IN_PROGRESS", "startedAt": 1.7e9})
			}
			out = map[string]any{"registryId": "123456789012", "backfills": list}
		case strings.HasSuffix(op, ".StartReplicationBackfill"):
			f.starts++
			out = map[string]any{"replicationBackfillId": "bf-1", "destination": dest, "status": "PREPARING", "startedAt": 1.7e9}
		case strings.HasSuffix(op, ".DescribeReplicationBackfillResults"):
			f.describes++
			res := map[string]any{"replicationBackfillId": "bf-1", "destination": dest, "startedAt": 1.7e9, "status": "PREPARING"}
			if f.describes >= 2 {
				res["status"] = "IN_PROGRESS"
				res["progress"] = map[string]any{"totalReplicationCount": 3, "completedReplicationCount": 1, "failedReplicationCount": 0, "failureCodes": []string{}}
			}
			if f.describes >= 3 {
				res["status"] = f.endStatus
				res["progress"] = map[string]any{"totalReplicationCount": 3, "completedReplicationCount": 2, "failedReplicationCount": 1, "failureCodes": []string{"IMAGE_TOO_LARGE"}}
				res["results"] = []any{
					map[string]any{"repositoryName": "team/a", "imageId": map[string]any{"imageDigest": "sha256:aa"}, "status": "COMPLETE"},
					map[string]any{"repositoryName": "team/b", "imageId": map[string]any{"imageDigest": "sha256:bb"}, "status": "FAILED", "failureCode": "IMAGE_TOO_LARGE"},
					map[string]any{"repositoryName": "ops/c", "imageId": map[string]any{"imageDigest": "sha256:cc"}, "status": "COMPLETE"},
				}
			}
			out = res
		default:
			t.Errorf("unexpected call %s", op)
			out = map[string]any{}
		}
		_ = json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	return srv
}

const teamRule = `[{"destinations":[{"region":"us-west-2","registryId":"123456789012"}],"repositoryFilters":[{"filter":"team/","filterType":"PREFIX_MATCH"}]}]`

func backfillConfig(filter string) map[string]tftypes.Value {
	c := map[string]tftypes.Value{"region": tfString("us-west-2"), "registry_id": tfString("123456789012"), "timeout": tfString("1m")}
	if filter != "" {
		c["repository_filter"] = tfString(filter)
	}
	return c
}

// Started, followed through PREPARING and IN_PROGRESS, and reported when COMPLETE, counting only
// the filter's repositories.
func TestStartReplicationBackfillAction_progress(t *testing.T) {
	f := &fakeBackfillECR{rules: teamRule, endStatus: "COMPLETE"}
	s := newProtocolServer(t, f.serve(t).URL)
	messages, diags := s.invoke("ecrgov_start_replication_backfill", backfillConfig("team/"))
	all := strings.Join(messages, "\n")
	if diags != "" || f.starts != 1 {
		t.Fatalf("diags %q, starts %d", diags, f.starts)
	}
	for _, want := range []string{"backfill bf-1 to us-west-2/123456789012 started (PREPARING)", "1 of 3 replications complete, 0 failed",
		"2 of 3 replications complete, 1 failed (IMAGE_TOO_LARGE)", `1 images copied, 1 failed (repositories starting with "team/")`,
		"team/b@sha256:bb: IMAGE_TOO_LARGE"} {
		if !strings.Contains(all, want) {
			t.Errorf("progress %q lacks %q", all, want)
		}
	}
	if strings.Contains(all, "ops/c") {
		t.Errorf("progress %q reports a repository outside the filter", all)
	}
}

// A backfill to the destination that is already running is followed, not started again; one
// that ends FAILED is an error of the action.
func TestStartReplicationBackfillAction_followsAndFails(t *testing.T) {
	f := &fakeBackfillECR{rules: teamRule, running: "bf-1", endStatus: "FAILED"}
	s := newProtocolServer(t, f.serve(t).URL)
	messages, diags := s.invoke("ecrgov_start_replication_backfill", backfillConfig(""))
	if f.starts != 0 || !strings.Contains(strings.Join(messages, "\n"), "following backfill bf-1") {
		t.Errorf("starts %d, progress %v: want the running backfill followed", f.starts, messages)
	}
	if !strings.Contains(diags, "ECR replication backfill failed") {
		t.Errorf("diags %q, want the failure", diags)
	}
}

// Nothing starts when no rule replicates to the destination, or none covers the filter; bad
// input is refused at validation.
func TestStartReplicationBackfillAction_refusals(t *testing.T) {
	for _, tc := range []struct{ rules, filter, want string }{
		{`[]`, "", "No replication rule replicates to us-west-2/123456789012"},
		{teamRule, "ops/", `No replication rule to us-west-2/123456789012 covers the repositories starting with "ops/"`},
	} {
		f := &fakeBackfillECR{rules: tc.rules}
		s := newProtocolServer(t, f.serve(t).URL)
		_, diags := s.invoke("ecrgov_start_replication_backfill", backfillConfig(tc.filter))
		if !strings.Contains(diags, tc.want) || f.starts != 0 {
			t.Errorf("rules %s filter %q: %q (starts %d), want %q and nothing started", tc.rules, tc.filter, diags, f.starts, tc.want)
		}
	}
	s := newProtocolServer(t, (&fakeBackfillECR{}).serve(t).URL)
	for _, tc := range []struct {
		config map[string]tftypes.Value
		want   string
	}{
		{map[string]tftypes.Value{"region": tfString("us-west-2"), "registry_id": tfString("12")}, "12-digit"},
		{backfillConfig("Team/"), "not a repository name prefix"},
		{map[string]tftypes.Value{"region": tfString("us-west-2"), "registry_id": tfString("123456789012"), "timeout": tfString("soon")}, "not a positive duration"},
	} {
		if got := s.validateAction("ecrgov_start_replication_backfill", tc.config); !strings.Contains(got, tc.want) {
			t.Errorf("validation %q, want %q", got, tc.want)
		}
	}
}
