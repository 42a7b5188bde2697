package ecrapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeCreate is a minimal ECR endpoint for CreateRepository and DescribeRepositories. Each
// create attempt takes the next answer of the script; the repository exists after every attempt
// but a refused or throttled one (those never reach ECR). The repository it describes is what a
// create (ours, or someone else's earlier) left behind.
type fakeCreate struct {
	mu        sync.Mutex
	script    []string       // per attempt: ok, lost, exists, throttle, refused, or hold (act, then answer nothing until the caller gives up)
	existing  map[string]any // the repository DescribeRepositories returns, nil for none
	attempts  int
	describes int
	held      chan struct{} // closed when a hold attempt has acted
}

func (f *fakeCreate) serve(t *testing.T) *Client {
	t.Helper()
	f.held = make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in map[string]any
		_ = json.NewDecoder(r.Body).Decode(&in)
		f.mu.Lock()
		switch op := r.Header.Get("X-Amz-Target"); {
		case strings.HasSuffix(op, ".CreateRepository"):
			answer := f.script[min(f.attempts, len(f.script)-1)]
			f.attempts++
			if f.existing == nil && answer != "refused" && answer != "throttle" {
				name, _ := in["repositoryName"].(string)
				f.existing = map[string]any{
					"repositoryName": name, "repositoryArn": "arn:aws:ecr:us-east-1:123456789012:repository/" + name,
					"registryId": "123456789012", "createdAt": float64(time.Now().Unix()),
					"imageTagMutability": in["imageTagMutability"], "imageScanningConfiguration": in["imageScanningConfiguration"],
					"encryptionConfiguration": in["encryptionConfiguration"],
				}
			} else if answer == "ok" {
				answer = "exists"
			}
			repo := f.existing
			f.mu.Unlock()
			switch answer {
			case "ok":
				_ = json.NewEncoder(w).Encode(map[string]any{"repository": repo})
			case "lost":
				writeErr(w, 500, "ServerException", "injected: answer lost")
			case "exists":
				writeErr(w, 400, "RepositoryAlreadyExistsException", "already exists")
			case "throttle":
				writeErr(w, 400, "ThrottlingException", "Rate exceeded")
			case "refused":
				writeErr(w, 400, "InvalidParameterException", "bad name")
			case "hold":
				close(f.held)
				<-r.Context().Done()
			}
			return
		case strings.HasSuffix(op, ".DescribeRepositories"):
			defer f.mu.Unlock()
			f.describes++
			if f.existing == nil {
				writeErr(w, 400, "RepositoryNotFoundException", "no such repository")
				return
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"repositories": []any{f.existing}})
		default:
			defer f.mu.Unlock()
			writeErr(w, 400, "UnknownOperationException", op)
		}
	}))
	t.Cleanup(srv.Close)
	retries := len(f.script) - 1
	c, err := New(context.Background(), Config{Region: "us-east-1", AccessKey: "a", SecretKey: "s", Endpoint: srv.URL, MaxRetries: &retries})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func writeErr(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"__type": code, "message": msg})
}

var specApp = RepositorySpec{Name: "team/app", TagMutability: "IMMUTABLE", ScanOnPush: true, EncryptionType: "AES256"}

// The settle rule: "already exists" is this call's own repository only after an earlier attempt
// of this call may have reached ECR, and then only if the repository found is new and has the
// settings asked for. On the first attempt, or after attempts ECR refused (a throttle), it is
// someone else's, even when it was created a moment ago with the same settings: that is a
// concurrent apply of the same configuration, and exactly one of them may own it.
func TestCreateRepository_settlesAmbiguousOutcomes(t *testing.T) {
	old := func(mutability string) map[string]any {
		return map[string]any{
			"repositoryName": "team/app", "repositoryArn": "arn:aws:ecr:us-east-1:123456789012:repository/team/app",
			"registryId": "123456789012", "createdAt": float64(time.Now().Add(-time.Hour).Unix()), "imageTagMutability": mutability,
			"imageScanningConfiguration": map[string]any{"scanOnPush": true}, "encryptionConfiguration": map[string]any{"encryptionType": "AES256"},
		}
	}
	recent := func(mutability string) map[string]any {
		r := old(mutability)
		r["createdAt"] = float64(time.Now().Unix())
		return r
	}

	tests := []struct {
		name         string
		script       []string
		existing     map[string]any
		wantAdopted  bool
		wantConflict bool
		wantDescribe int
	}{
		{name: "created", script: []string{"ok"}, wantAdopted: true},
		{name: "every answer lost, the create happened: adopted", script: []string{"lost", "lost"}, wantAdopted: true, wantDescribe: 1},
		{name: "already exists after our lost answer: adopted", script: []string{"lost", "exists"}, wantAdopted: true, wantDescribe: 1},
		{name: "already exists on the first attempt, made a moment ago alike: someone else's", script: []string{"exists"}, existing: recent("IMMUTABLE"), wantConflict: true},
		{name: "already exists after a throttle: someone else's", script: []string{"throttle", "exists"}, existing: recent("IMMUTABLE"), wantConflict: true},
		{name: "already exists after a lost answer, but older: someone else's", script: []string{"lost", "exists"}, existing: old("IMMUTABLE"), wantConflict: true, wantDescribe: 1},
		{name: "already exists after a lost answer, other settings: someone else's", script: []string{"lost", "exists"}, existing: recent("MUTABLE"), wantConflict: true, wantDescribe: 1},
		{name: "answer lost over someone else's repository: conflict", script: []string{"lost"}, existing: old("IMMUTABLE"), wantConflict: true, wantDescribe: 1},
		{name: "refused by validation: no lookup", script: []string{"refused"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeCreate{script: tt.script, existing: tt.existing}
			repo, err := f.serve(t).CreateRepository(context.Background(), specApp)
			if f.describes != tt.wantDescribe {
				t.Errorf("DescribeRepositories calls = %d, want %d", f.describes, tt.wantDescribe)
			}
			if f.attempts != len(tt.script) {
				t.Errorf("create attempts = %d, want %d", f.attempts, len(tt.script))
			}
			switch {
			case tt.wantAdopted:
				if err != nil || repo == nil || repo.Name != "team/app" || repo.TagMutability != "IMMUTABLE" {
					t.Fatalf("got %+v, %v; want the repository adopted", repo, err)
				}
			case tt.wantConflict:
				var exists *ExistsError
				if !errors.As(err, &exists) || !errors.Is(err, ErrRepositoryExists) {
					t.Fatalf("err = %v, want an ExistsError wrapping ErrRepositoryExists", err)
				}
			default:
				if err == nil || errors.Is(err, ErrRepositoryExists) {
					t.Fatalf("err = %v, want the service's own refusal", err)
				}
			}
		})
	}
}

// A create that lands while the caller's context is cancelled (Ctrl-C with the call in flight)
// is still settled: the lookup runs on a context of its own, finds the repository and claims it,
// so the interrupted apply records it instead of leaving an orphan that the next apply refuses.
func TestCreateRepository_settlesAfterCancellation(t *testing.T) {
	f := &fakeCreate{script: []string{"hold"}}
	c := f.serve(t)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-f.held; cancel() }()
	repo, err := c.CreateRepository(ctx, specApp)
	if err != nil || repo == nil || repo.Name != "team/app" {
		t.Fatalf("got %+v, %v; want the repository claimed after the cancellation", repo, err)
	}
	if f.describes != 1 {
		t.Errorf("DescribeRepositories calls = %d, want 1", f.describes)
	}
}

func TestAttemptMayHaveActed(t *testing.T) {
	if attemptMayHaveActed(nil) {
		t.Error("nil error: acted")
	}
	if !attemptMayHaveActed(errors.New("read: connection reset by peer")) {
		t.Error("a transport error must count as possibly acted")
	}
}
