package ecrapi

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// ErrNoAnswer says that the ECR endpoint has not answered a single request of this provider
// process within its no-answer timeout: nothing is listening, or the network drops every packet.
var ErrNoAnswer = errors.New("the ECR endpoint has not answered any request")

// DefaultNoAnswerTimeout bounds how long a provider process waits for the endpoint's first
// answer. With the retry budget alone a dead endpoint costs each call about 8 minutes (25
// retries, 20 s apart at most) and a blackholed one far more (each attempt waits for the dial or
// the answer); the plan-time DescribeRegistry holds a lock, so repositories waited one after
// another for tens of minutes. Once the endpoint has answered anything, the normal retry budget
// applies again, so a partition in the middle of a run is still ridden out.
const DefaultNoAnswerTimeout = 50 * time.Second

// firstContact is the client's memory of whether the endpoint ever answered. Until it has,
// every call shares one deadline, set by the first call; when that passes without an answer,
// the failure is remembered and every later call of the run fails at once with it.
type firstContact struct {
	timeout  time.Duration
	answered atomic.Bool
	mu       sync.Mutex
	deadline time.Time
	dead     error
}

func newFirstContact(timeout time.Duration) *firstContact {
	if timeout <= 0 {
		timeout = DefaultNoAnswerTimeout
	}
	return &firstContact{timeout: timeout}
}

// register adds the two middlewares to an operation's stack: one bounds the call while nothing
// has answered yet, the other notes the first HTTP answer of any status.
func (k *firstContact) register(stack *middleware.Stack) error {
	if err := stack.Initialize.Add(middleware.InitializeMiddlewareFunc("ecrgovFirstContactBound", k.bound), middleware.Before); err != nil {
		return err
	}
	return stack.Deserialize.Add(middleware.DeserializeMiddlewareFunc("ecrgovFirstContactAnswer", k.noteAnswer), middleware.After)
}

func (k *firstContact) bound(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	if k.answered.Load() {
		return next.HandleInitialize(ctx, in)
	}
	k.mu.Lock()
	if k.dead != nil {
		k.mu.Unlock()
		return middleware.InitializeOutput{}, middleware.Metadata{}, k.dead
	}
	if k.deadline.IsZero() {
		k.deadline = time.Now().Add(k.timeout)
	}
	deadline := k.deadline
	k.mu.Unlock()
	// Not a context deadline: a call that began before the first answer may rightly retry
	// throttles for minutes once the endpoint has answered. The bound cuts it off only if, when
	// it falls due, nothing has answered yet.
	bounded, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	timer := time.AfterFunc(time.Until(deadline), func() {
		if !k.answered.Load() {
			cancel(errNoAnswerYet)
		}
	})
	defer timer.Stop()
	out, md, err := next.HandleInitialize(bounded, in)
	if err != nil && errors.Is(context.Cause(bounded), errNoAnswerYet) {
		k.mu.Lock()
		if k.dead == nil {
			k.dead = fmt.Errorf("%w within %s: %w", ErrNoAnswer, k.timeout, err)
		}
		err = k.dead
		k.mu.Unlock()
	}
	return out, md, err
}

var errNoAnswerYet = errors.New("no answer from the ECR endpoint yet")

func (k *firstContact) noteAnswer(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleDeserialize(ctx, in)
	if resp, ok := out.RawResponse.(*smithyhttp.Response); ok && resp != nil && resp.Response != nil && resp.StatusCode != 0 {
		k.answered.Store(true)
	}
	return out, md, err
}
