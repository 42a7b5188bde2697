package ecrapi

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

// fakeRegistry holds one replication configuration as JSON rules and answers DescribeRegistry
// and PutReplicationConfiguration. afterPut, when set, runs after each Put is stored (with the
// put number), to play a concurrent writer.
type fakeRegistry struct {
	mu       sync.Mutex
	rules    []map[string]any
	puts     []string // each Put's body
	afterPut func(n int, f *fakeRegistry)
}

func (f *fakeRegistry) handler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		f.mu.Lock()
		defer f.mu.Unlock()
		switch target := r.Header.Get("X-Amz-Target"); {
		case strings.HasSuffix(target, ".DescribeRegistry"):
			_ = json.NewEncoder(w).Encode(map[string]any{"registryId": "123456789012",
				"replicationConfiguration": map[string]any{"rules": f.rules}})
		case strings.HasSuffix(target, ".PutReplicationConfiguration"):
			var in struct {
				ReplicationConfiguration struct {
					Rules []map[string]any `json:"rules"`
				} `json:"replicationConfiguration"`
			}
			if err := json.Unmarshal(body, &in); err != nil {
				t.Errorf("put body %s: %v", body, err)
			}
			f.puts = append(f.puts, string(body))
			f.rules = in.ReplicationConfiguration.Rules
			if f.afterPut != nil {
				f.afterPut(len(f.puts), f)
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"replicationConfiguration": map[string]any{"rules": f.rules}})
		default:
			t.Errorf("unexpected call %s", target)
		}
	}
}

func apiRule(region, filter string) map[string]any {
	r := map[string]any{"destinations": []any{map[string]any{"region": region, "registryId": "123456789012"}}}
	if filter != "" {
		r["repositoryFilters"] = []any{map[string]any{"filter": filter, "filterType": "PREFIX_MATCH"}}
	}
	return r
}

func ourRule(region, filter string) replication.Rule {
	r := replication.Rule{Destinations: []replication.Destination{{Region: region, RegistryID: "123456789012"}}}
	if filter != "" {
		r.Filters = []string{filter}
	}
	return r
}

func keys(t *testing.T, c *Client) []string {
	t.Helper()
	rules, err := c.FindReplicationRules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rules {
		out = append(out, r.Key())
	}
	return out
}

// Create adds only its rule: the rules already there stay, in order, and deleteReplication is
// sent only when enabled.
func TestCreateReplicationRule_keepsOthers(t *testing.T) {
	f := &fakeRegistry{rules: []map[string]any{apiRule("ap-south-1", "")}}
	c := newTestClient(t, f.handler(t))
	ours := ourRule("us-west-2", "team/")
	ours.DeleteReplication = true
	if err := c.CreateReplicationRule(context.Background(), ours); err != nil {
		t.Fatal(err)
	}
	got := keys(t, c)
	if len(got) != 2 || got[0] != "ap-south-1/123456789012:" || got[1] != ours.Key() {
		t.Errorf("rules %v, want theirs then ours", got)
	}
	if len(f.puts) != 1 || !strings.Contains(f.puts[0], `"deleteReplication":{"enabled":true}`) ||
		strings.Count(f.puts[0], "deleteReplication") != 1 {
		t.Errorf("puts %v, want one, with deleteReplication on our rule only", f.puts)
	}
}

// A writer that read the configuration before our write, and wrote after it, removed our rule:
// the read-back sees it and the next round puts it back on top of what is there now.
func TestCreateReplicationRule_concurrentWriterRemovedOurs(t *testing.T) {
	f := &fakeRegistry{rules: []map[string]any{}}
	f.afterPut = func(n int, f *fakeRegistry) {
		if n == 1 { // their stale configuration lands: theirs, without ours
			f.rules = []map[string]any{apiRule("eu-west-1", "other/")}
		}
	}
	c := newTestClient(t, f.handler(t))
	ours := ourRule("us-west-2", "team/")
	if err := c.CreateReplicationRule(context.Background(), ours); err != nil {
		t.Fatal(err)
	}
	got := keys(t, c)
	if len(got) != 2 || got[0] != "eu-west-1/123456789012:other/" || got[1] != ours.Key() {
		t.Errorf("rules %v, want theirs and ours", got)
	}
	if len(f.puts) != 2 {
		t.Errorf("puts = %d, want 2 (one retry)", len(f.puts))
	}
}

// A writer that keeps removing the rule ends the change after ReplicationAttempts rounds.
func TestCreateReplicationRule_boundedRetries(t *testing.T) {
	f := &fakeRegistry{rules: []map[string]any{}}
	f.afterPut = func(_ int, f *fakeRegistry) { f.rules = []map[string]any{} }
	c := newTestClient(t, f.handler(t))
	err := c.CreateReplicationRule(context.Background(), ourRule("us-west-2", ""))
	if !errors.Is(err, ErrReplicationRaced) {
		t.Fatalf("err = %v, want ErrReplicationRaced", err)
	}
	if len(f.puts) != ReplicationAttempts {
		t.Errorf("puts = %d, want %d", len(f.puts), ReplicationAttempts)
	}
}

// A rule with the same destinations and filters, already there, is someone else's.
func TestCreateReplicationRule_sameRuleExists(t *testing.T) {
	f := &fakeRegistry{rules: []map[string]any{apiRule("us-west-2", "team/")}}
	c := newTestClient(t, f.handler(t))
	err := c.CreateReplicationRule(context.Background(), ourRule("us-west-2", "team/"))
	var exists *ExistsError
	if !errors.As(err, &exists) || !errors.Is(err, ErrReplicationRuleExists) {
		t.Fatalf("err = %v, want an ExistsError", err)
	}
	if len(f.puts) != 0 {
		t.Errorf("puts = %d, want none", len(f.puts))
	}
}

// Update puts the new rule in the old one's place in one write; Delete removes only its rule and
// writes nothing when it is already gone; an empty configuration is sent as "rules":[].
func TestUpdateAndDeleteReplicationRule(t *testing.T) {
	f := &fakeRegistry{rules: []map[string]any{apiRule("us-west-2", "team/"), apiRule("ap-south-1", "")}}
	c := newTestClient(t, f.handler(t))
	ctx := context.Background()
	old, moved := ourRule("us-west-2", "team/"), ourRule("eu-west-1", "team/")
	if err := c.UpdateReplicationRule(ctx, old, moved); err != nil {
		t.Fatal(err)
	}
	if got := keys(t, c); len(got) != 2 || got[0] != moved.Key() {
		t.Errorf("after update %v, want the moved rule first", got)
	}
	taken := ourRule("ap-south-1", "")
	if err := c.UpdateReplicationRule(ctx, moved, taken); !errors.Is(err, ErrReplicationRuleExists) {
		t.Errorf("moving onto another rule: err = %v, want ErrReplicationRuleExists", err)
	}
	if err := c.DeleteReplicationRule(ctx, moved); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteReplicationRule(ctx, moved); err != nil {
		t.Fatal(err)
	}
	if len(f.puts) != 2 {
		t.Errorf("puts = %d, want 2 (update, first delete)", len(f.puts))
	}
	if err := c.DeleteReplicationRule(ctx, taken); err != nil {
		t.Fatal(err)
	}
	if last := f.puts[len(f.puts)-1]; !strings.Contains(last, `"rules":[]`) {
		t.Errorf("last put %s, want an empty rule list", last)
	}
	if _, err := c.FindReplicationRule(ctx, taken); !IsNotFound(err, KindReplicationRule) {
		t.Errorf("FindReplicationRule after delete: %v, want not found", err)
	}
}
