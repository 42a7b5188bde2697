package ecrapi

import (
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// DefaultMaxRetries is the retry budget of every ECR call when the provider sets none. ECR's
// control-plane throttling is unpublished and bursty, and a Terraform run makes hundreds of calls
// at parallelism 10, so the SDK's 3 attempts fail real applies; terraform-provider-aws defaults
// to 25 retries for the same reason. With the standard backoff (exponential with full jitter,
// 1 s base for throttling, capped at 20 s) 25 retries bound one call at about 8 minutes in the
// worst case, while a call that meets 50 % faults needs about 2 attempts.
const DefaultMaxRetries = 25

// responseHeaderTimeout bounds how long one attempt waits for ECR to start answering. Without it
// a connection that never answers would hang the attempt, and so the plan, forever; with it the
// attempt fails as a retryable timeout.
const responseHeaderTimeout = 60 * time.Second

// newRetryer is the standard retry mode with two changes, both for bursts:
//   - the client-side retry quota is off (ratelimit.None). Its bucket holds 500 tokens and a
//     retry costs 5 to 14, so a burst of throttling across one run's hundreds of calls drains it
//     and every further call fails at once with "retry quota exceeded", however small the fault
//     rate. terraform-provider-aws turns it off too;
//   - adaptive mode is not used: its token bucket slows every later call of the run after a few
//     throttles, so an apply under sustained throttling crawls. Backoff with jitter per call is
//     enough to spread the retries.
//
// Retries honour the context: a cancelled or expired context ends the call at once, including
// during a backoff.
func newRetryer(maxRetries *int) aws.Retryer {
	attempts := DefaultMaxRetries + 1
	if maxRetries != nil {
		attempts = *maxRetries + 1
	}
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = attempts
		o.RateLimiter = ratelimit.None
	})
}

func newHTTPClient() *awshttp.BuildableClient {
	return awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.ResponseHeaderTimeout = responseHeaderTimeout
	})
}
