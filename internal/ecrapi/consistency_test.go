package ecrapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// fakeLagging answers DescribeRepositories and DescribeRepositoryCreationTemplates the way an
// eventually consistent ECR can: after a delete, the object is still listed for the first
// stale lookups; after a create, it is missing for the first stale lookups.
type fakeLagging struct {
	mu      sync.Mutex
	stale   int  // lookups that still give the old answer
	present bool // the answer once the lookups are consistent
	calls   map[string]int
}

func (f *fakeLagging) handler(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	op := r.Header.Get("X-Amz-Target")
	op = op[strings.LastIndex(op, ".")+1:]
	f.calls[op]++
	switch op {
	case "DeleteRepository":
		_ = json.NewEncoder(w).Encode(map[string]any{"repository": map[string]any{"repositoryName": "team/app"}})
		return
	case "DeleteRepositoryCreationTemplate":
		_ = json.NewEncoder(w).Encode(map[string]any{"repositoryCreationTemplate": map[string]any{"prefix": "team"}})
		return
	}
	present := f.present
	if f.stale > 0 {
		f.stale--
		present = !present
	}
	switch {
	case op == "DescribeRepositories" && present:
		_ = json.NewEncoder(w).Encode(map[string]any{"repositories": []any{map[string]any{"repositoryName": "team/app"}}})
	case op == "DescribeRepositories":
		writeErr(w, 400, "RepositoryNotFoundException", "no such repository")
	case op == "DescribeRepositoryCreationTemplates" && present:
		_ = json.NewEncoder(w).Encode(map[string]any{"repositoryCreationTemplates": []any{map[string]any{"prefix": "team"}}})
	case op == "DescribeRepositoryCreationTemplates":
		_ = json.NewEncoder(w).Encode(map[string]any{"repositoryCreationTemplates": []any{}})
	default:
		writeErr(w, 400, "UnknownOperationException", op)
	}
}

func (f *fakeLagging) client(t *testing.T, retries int) *Client {
	t.Helper()
	f.calls = map[string]int{}
	c := newTestClient(t, f.handler)
	c.retryer = newRetryer(&retries)
	return c
}

// DeleteRepository waits until DescribeRepositories stops listing the repository, so that a
// create of the same name that follows does not meet it; the wait is bounded by the retry budget.
func TestDeleteRepository_waitsUntilGone(t *testing.T) {
	for _, tt := range []struct {
		name          string
		stale         int
		wantDescribes int
		wantStill     bool
	}{
		{name: "gone at once", stale: 0, wantDescribes: 1},
		{name: "still listed twice", stale: 2, wantDescribes: 3},
		{name: "still listed past the budget", stale: 10, wantDescribes: 4, wantStill: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeLagging{stale: tt.stale, present: false}
			err := f.client(t, 3).DeleteRepository(context.Background(), "team/app", false)
			if got := f.calls["DescribeRepositories"]; got != tt.wantDescribes {
				t.Errorf("DescribeRepositories calls = %d, want %d", got, tt.wantDescribes)
			}
			if f.calls["DeleteRepository"] != 1 {
				t.Errorf("DeleteRepository calls = %d, want 1", f.calls["DeleteRepository"])
			}
			var still *StillThereError
			switch {
			case tt.wantStill && (!errors.As(err, &still) || still.Checks != tt.wantDescribes):
				t.Fatalf("err = %v, want a StillThereError after %d checks", err, tt.wantDescribes)
			case !tt.wantStill && err != nil:
				t.Fatalf("err = %v", err)
			}
		})
	}
}

// A repository that is already gone needs no wait.
func TestDeleteRepository_alreadyGoneDoesNotWait(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".DeleteRepository") {
			t.Errorf("unexpected call %s", r.Header.Get("X-Amz-Target"))
		}
		writeErr(w, 400, "RepositoryNotFoundException", "no such repository")
	})
	if err := c.DeleteRepository(context.Background(), "team/app", false); err != nil {
		t.Fatal(err)
	}
}

func TestDeleteCreationTemplate_waitsUntilGone(t *testing.T) {
	f := &fakeLagging{stale: 2, present: false}
	if err := f.client(t, 3).DeleteCreationTemplate(context.Background(), "team"); err != nil {
		t.Fatal(err)
	}
	if got := f.calls["DescribeRepositoryCreationTemplates"]; got != 3 {
		t.Errorf("DescribeRepositoryCreationTemplates calls = %d, want 3", got)
	}
}

// The read right after a create looks again when the repository is not listed yet, at most
// NewReadAttempts times; a repository that stays missing is then reported not found.
func TestFindNewRepositoryByName_retriesNotFound(t *testing.T) {
	for _, tt := range []struct {
		name      string
		stale     int
		wantCalls int
		wantFound bool
	}{
		{name: "listed at once", stale: 0, wantCalls: 1, wantFound: true},
		{name: "missing twice, then listed", stale: 2, wantCalls: 3, wantFound: true},
		{name: "missing every time", stale: 100, wantCalls: NewReadAttempts},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeLagging{stale: tt.stale, present: true}
			repo, err := f.client(t, DefaultMaxRetries).FindNewRepositoryByName(context.Background(), "team/app")
			if got := f.calls["DescribeRepositories"]; got != tt.wantCalls {
				t.Errorf("DescribeRepositories calls = %d, want %d", got, tt.wantCalls)
			}
			switch {
			case tt.wantFound && (err != nil || repo == nil || repo.Name != "team/app"):
				t.Fatalf("got %+v, %v; want the repository", repo, err)
			case !tt.wantFound && !IsNotFound(err, KindRepository):
				t.Fatalf("err = %v, want a repository NotFoundError", err)
			}
		})
	}
}

// Any other error of the read is returned at once: only not found is looked at again.
func TestFindNewRepositoryByName_otherErrorsAreFinal(t *testing.T) {
	calls := 0
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		calls++
		writeErr(w, 400, "AccessDeniedException", "not authorized to perform ecr:DescribeRepositories")
	})
	_, err := c.FindNewRepositoryByName(context.Background(), "team/app")
	if err == nil || IsNotFound(err) || calls != 1 {
		t.Fatalf("err = %v after %d calls, want the refusal after 1", err, calls)
	}
}

// A rename without a moved block destroys the old resource while the new one creates the same
// prefix: the delete's wait meets the new template. It was created at another time than the
// deleted one, so the deleted one is gone and the wait ends, instead of counting the new
// template as the old one still listed (and failing the destroy after minutes).
func TestDeleteCreationTemplate_newTemplateOfThePrefixEndsTheWait(t *testing.T) {
	for _, tt := range []struct {
		name          string
		listedAt      float64 // createdAt of the template listed after the delete
		wantDescribes int
		wantStill     bool
	}{
		{name: "a new template", listedAt: 2000, wantDescribes: 1},
		{name: "the deleted one, still listed", listedAt: 1000, wantDescribes: 3, wantStill: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			describes := 0
			c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				switch op := r.Header.Get("X-Amz-Target"); {
				case strings.HasSuffix(op, ".DeleteRepositoryCreationTemplate"):
					_ = json.NewEncoder(w).Encode(map[string]any{"repositoryCreationTemplate": map[string]any{
						"prefix": "team", "createdAt": 1000}})
				case strings.HasSuffix(op, ".DescribeRepositoryCreationTemplates"):
					describes++
					_ = json.NewEncoder(w).Encode(map[string]any{"repositoryCreationTemplates": []any{map[string]any{
						"prefix": "team", "createdAt": tt.listedAt}}})
				default:
					t.Errorf("unexpected call %s", op)
				}
			})
			retries := 2
			c.retryer = newRetryer(&retries)
			err := c.DeleteCreationTemplate(context.Background(), "team")
			var still *StillThereError
			if tt.wantStill != errors.As(err, &still) || (!tt.wantStill && err != nil) {
				t.Fatalf("err = %v, want a StillThereError: %v", err, tt.wantStill)
			}
			if describes != tt.wantDescribes {
				t.Errorf("DescribeRepositoryCreationTemplates calls = %d, want %d", describes, tt.wantDescribes)
			}
		})
	}
}

// The same for a repository re-created under its name by another resource of the apply.
func TestDeleteRepository_newRepositoryOfTheNameEndsTheWait(t *testing.T) {
	describes := 0
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		switch op := r.Header.Get("X-Amz-Target"); {
		case strings.HasSuffix(op, ".DeleteRepository"):
			_ = json.NewEncoder(w).Encode(map[string]any{"repository": map[string]any{
				"repositoryName": "team/app", "createdAt": 1000}})
		case strings.HasSuffix(op, ".DescribeRepositories"):
			describes++
			_ = json.NewEncoder(w).Encode(map[string]any{"repositories": []any{map[string]any{
				"repositoryName": "team/app", "createdAt": 2000}}})
		default:
			t.Errorf("unexpected call %s", op)
		}
	})
	if err := c.DeleteRepository(context.Background(), "team/app", false); err != nil {
		t.Fatal(err)
	}
	if describes != 1 {
		t.Errorf("DescribeRepositories calls = %d, want 1", describes)
	}
}
