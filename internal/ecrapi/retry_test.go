package ecrapi

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

func TestRetryer_defaultBudget(t *testing.T) {
	if got := newRetryer(nil).MaxAttempts(); got != DefaultMaxRetries+1 {
		t.Errorf("default attempts = %d, want %d", got, DefaultMaxRetries+1)
	}
	three := 3
	if got := newRetryer(&three).MaxAttempts(); got != 4 {
		t.Errorf("max_retries = 3 gives %d attempts, want 4", got)
	}
}

// A burst of throttling across a run must not exhaust a client-side retry quota: the SDK's
// default bucket (500 tokens, 5 per throttling retry) refuses the 101st retry of a run.
func TestRetryer_noRetryQuotaToStarve(t *testing.T) {
	r, ok := newRetryer(nil).(aws.RetryerV2)
	if !ok {
		t.Fatal("the retryer does not implement RetryerV2")
	}
	throttled := errors.New("ThrottlingException: Rate exceeded")
	for i := range 1000 {
		if _, err := r.GetRetryToken(context.Background(), throttled); err != nil {
			t.Fatalf("retry %d refused: %v", i+1, err)
		}
	}
}

func newTestClient(t *testing.T, h http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := New(context.Background(), Config{Region: "us-east-1", AccessKey: "a", SecretKey: "s", Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// With the default budget a call keeps retrying a throttled API, but it ends when the context
// does: a plan with a deadline never hangs.
func TestRetryer_honoursTheContextDeadline(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		writeErr(w, 400, "ThrottlingException", "Rate exceeded")
	})
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.FindRepositoryByName(ctx, "team/app")
	if err == nil {
		t.Fatal("a throttled call succeeded")
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the call took %s after a 1.5 s deadline", took)
	}
	if calls.Load() < 2 {
		t.Errorf("attempts = %d, want the throttled call retried", calls.Load())
	}
}

// An endpoint that accepts the connection and never answers ends with the context too.
func TestRetryer_silentEndpointEndsWithTheContext(t *testing.T) {
	released := make(chan struct{})
	c := newTestClient(t, func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-released:
		}
	})
	t.Cleanup(func() { close(released) }) // runs before the server's Close
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := c.FindRepositoryByName(ctx, "team/app"); err == nil {
		t.Fatal("a silent endpoint answered")
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the call took %s after a 0.5 s deadline", took)
	}
}

// An auditor without a permission gets an AccessDeniedException at once: it is not one of the
// errors the retryer retries, so the call is made once, not DefaultMaxRetries+1 times.
func TestRetryer_accessDeniedIsNotRetried(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		writeErr(w, 400, "AccessDeniedException", "not authorized to perform: ecr:DescribeRepositoryCreationTemplates")
	})
	_, err := c.ListCreationTemplates(context.Background())
	if !IsAccessDenied(err) {
		t.Fatalf("err = %v, want an AccessDeniedException", err)
	}
	if calls.Load() != 1 {
		t.Errorf("attempts = %d, want 1", calls.Load())
	}
}
