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

// fakeCreate is a minimal ECR endpoint for CreateRepository and DescribeRepositories. The
// create's answer is chosen per test; the repository it describes is what a create (ours, or
// someone else's earlier) left behind.
type fakeCreate struct {
	mu        sync.Mutex
	answer    func(w http.ResponseWriter) // CreateRepository's reply; the repository exists afterwards either way
	existing  map[string]any              // the repository DescribeRepositories returns, nil for none
	describes int
}

func (f *fakeCreate) serve(t *testing.T) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		var in map[string]any
		_ = json.NewDecoder(r.Body).Decode(&in)
		switch op := r.Header.Get("X-Amz-Target"); {
		case strings.HasSuffix(op, ".CreateRepository"):
			if f.existing == nil {
				name, _ := in["repositoryName"].(string)
				f.existing = map[string]any{
					"repositoryName": name, "repositoryArn": "arn:aws:ecr:us-east-1:123456789012:repository/" + name,
					"registryId": "123456789012", "createdAt": float64(time.Now().Unix()),
					"imageTagMutability": in["imageTagMutability"], "imageScanningConfiguration": in["imageScanningConfiguration"],
					"encryptionConfiguration": in["encryptionConfiguration"],
				}
			}
			f.answer(w)
		case strings.HasSuffix(op, ".DescribeRepositories"):
			f.describes++
			if f.existing == nil {
				writeErr(w, 400, "RepositoryNotFoundException", "no such repository")
				return
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"repositories": []any{f.existing}})
		default:
			writeErr(w, 400, "UnknownOperationException", op)
		}
	}))
	t.Cleanup(srv.Close)
	zero := 0
	c, err := New(context.Background(), Config{Region: "us-east-1", AccessKey: "a", SecretKey: "s", Endpoint: srv.URL, MaxRetries: &zero})
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

func TestCreateRepository_settlesAmbiguousOutcomes(t *testing.T) {
	lost := func(w http.ResponseWriter) { writeErr(w, 500, "ServerException", "injected: answer lost") }
	exists := func(w http.ResponseWriter) { writeErr(w, 400, "RepositoryAlreadyExistsException", "already exists") }
	refused := func(w http.ResponseWriter) { writeErr(w, 400, "InvalidParameterException", "bad name") }
	throttled := func(w http.ResponseWriter) { writeErr(w, 400, "ThrottlingException", "Rate exceeded") }
	old := func(mutability string) map[string]any {
		return map[string]any{
			"repositoryName": "team/app", "repositoryArn": "arn:aws:ecr:us-east-1:123456789012:repository/team/app",
			"registryId": "123456789012", "createdAt": float64(time.Now().Add(-time.Hour).Unix()), "imageTagMutability": mutability,
			"imageScanningConfiguration": map[string]any{"scanOnPush": true}, "encryptionConfiguration": map[string]any{"encryptionType": "AES256"},
		}
	}
	recent := old("MUTABLE")
	recent["createdAt"] = float64(time.Now().Unix())

	tests := []struct {
		name         string
		answer       func(http.ResponseWriter)
		existing     map[string]any
		wantAdopted  bool
		wantConflict bool
		wantDescribe int
	}{
		{name: "every answer lost, the create happened: adopted", answer: lost, wantAdopted: true, wantDescribe: 1},
		{name: "already exists on a retry of our own create: adopted", answer: exists, wantAdopted: true, wantDescribe: 1},
		{name: "someone else's older repository: conflict", answer: exists, existing: old("IMMUTABLE"), wantConflict: true, wantDescribe: 1},
		{name: "a new repository with other settings: conflict", answer: exists, existing: recent, wantConflict: true, wantDescribe: 1},
		{name: "answer lost over someone else's repository: conflict", answer: lost, existing: old("IMMUTABLE"), wantConflict: true, wantDescribe: 1},
		{name: "refused by validation: no lookup", answer: refused, wantDescribe: 0},
		{name: "throttled last, after an attempt that may have acted: looked up", answer: throttled, wantAdopted: true, wantDescribe: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeCreate{answer: tt.answer, existing: tt.existing}
			repo, err := f.serve(t).CreateRepository(context.Background(), specApp)
			if f.describes != tt.wantDescribe {
				t.Errorf("DescribeRepositories calls = %d, want %d", f.describes, tt.wantDescribe)
			}
			switch {
			case tt.wantAdopted:
				if err != nil || repo == nil || repo.Name != "team/app" || repo.TagMutability != "IMMUTABLE" {
					t.Fatalf("got %+v, %v; want the repository adopted", repo, err)
				}
			case tt.wantConflict:
				var conflict *CreateConflictError
				if !errors.As(err, &conflict) || !errors.Is(err, ErrRepositoryExists) {
					t.Fatalf("err = %v, want a CreateConflictError wrapping ErrRepositoryExists", err)
				}
			default:
				if err == nil || errors.Is(err, ErrRepositoryExists) {
					t.Fatalf("err = %v, want the service's own refusal", err)
				}
			}
		})
	}
}

func TestMayHaveActed(t *testing.T) {
	if mayHaveActed(nil) {
		t.Error("nil error: acted")
	}
	if !mayHaveActed(errors.New("read: connection reset by peer")) {
		t.Error("a transport error must count as possibly acted")
	}
}
