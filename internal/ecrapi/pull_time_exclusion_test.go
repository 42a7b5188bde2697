package ecrapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// Register settles an ambiguous outcome by its own attempts: AlreadyExists after an attempt whose
// answer was lost is this call's own registration; on the first attempt it is someone else's.
func TestRegisterPullTimeExclusion_settles(t *testing.T) {
	for _, tt := range []struct {
		name    string
		answers []int // per attempt: 500 (acted, answer lost) or 409 (already exists)
		wantErr error
	}{
		{"answer lost, then already exists: ours", []int{500, 409}, nil},
		{"already exists at once: someone else's", []int{409}, ErrExclusionExists},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				if strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".ListPullTimeUpdateExclusions") {
					_ = json.NewEncoder(w).Encode(map[string]any{"pullTimeUpdateExclusions": []string{"arn:aws:iam::123456789012:role/ci"}})
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
				writeErr(w, 400, "ExclusionAlreadyExistsException", "already excluded")
			})
			err := c.RegisterPullTimeExclusion(context.Background(), "arn:aws:iam::123456789012:role/ci")
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if int(n.Load()) != len(tt.answers) {
				t.Errorf("attempts = %d, want %d", n.Load(), len(tt.answers))
			}
		})
	}
}
