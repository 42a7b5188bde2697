package ecrapi

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ecr"
)

// ExistsError says that the object a create asked for exists and this call cannot show that it
// made it: someone else did (another state, a concurrent apply, the console). The resources
// answer it with the import command. It wraps the kind's sentinel (ErrRepositoryExists,
// ErrTemplateExists, ErrExclusionExists) and the create's own error.
type ExistsError struct {
	Kind     Kind
	ID       string
	Err      error
	sentinel error
}

func (e *ExistsError) Error() string {
	return string(e.Kind) + " " + e.ID + " already exists and was not created by this request: " + e.Err.Error()
}

func (e *ExistsError) Unwrap() []error { return []error{e.sentinel, e.Err} }

// createOp is one ECR create, described for createSettled.
type createOp[T any] struct {
	kind     Kind
	id       string
	sentinel error
	// call makes one attempt; the SDK's own retries must be off (oneAttempt), so that each
	// attempt's answer is seen.
	call func(ctx context.Context) (*T, error)
	// exists reports the service's "already exists" answer.
	exists func(err error) bool
	// find looks the object up; a *NotFoundError when it is absent.
	find func(ctx context.Context) (*T, error)
	// ours reports whether a found object can be this call's: created no earlier than the call
	// started (within createSkew) and with the settings asked for. nil accepts any (an
	// exclusion carries nothing to compare).
	ours func(found *T, started time.Time) bool
}

// createSkew bounds the clock difference between this machine and ECR that ours tolerates.
const createSkew = 5 * time.Second

// settleTimeout bounds the settle lookup. It runs on a context of its own, because the caller's
// may be the one that was cancelled (Ctrl-C while the create was in flight): that is exactly
// when the create may have landed, and the lookup must still be able to claim it.
const settleTimeout = 30 * time.Second

// createSettled runs op with the client's retry budget and settles an ambiguous outcome, the one
// rule for every create of this package:
//   - "already exists" is this call's own object only when an earlier attempt of this call may
//     have reached ECR (its answer was lost or it was cut off), and the object then found is
//     ours. On the first attempt, or after attempts ECR provably refused, it is someone else's:
//     two applies that create the same name at the same moment must not both own it;
//   - a final error after which ECR may have acted (a lost answer, a cancelled or timed-out
//     attempt) is settled by looking the object up: ours is adopted, absent keeps the error,
//     anyone else's is an ExistsError;
//   - an answer ECR refused before acting (a 4xx) is final and looks nothing up.
func createSettled[T any](ctx context.Context, c *Client, op createOp[T]) (*T, error) {
	started := time.Now()
	var created *T
	acted, exists := false, false
	err := c.retryOwn(ctx, func(ctx context.Context, _ bool) (bool, error) {
		out, err := op.call(ctx)
		switch {
		case err == nil:
			created = out
			return true, nil
		case op.exists(err):
			exists = true
			return true, err
		}
		acted = acted || attemptMayHaveActed(err)
		return false, err
	})
	switch {
	case err == nil:
		return created, nil
	case exists && !acted:
		return nil, op.conflict(err)
	case !exists && !acted:
		return nil, err
	}
	lookup, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	found, ferr := op.find(lookup)
	switch {
	case IsNotFound(ferr):
		return nil, err
	case ferr != nil:
		return nil, errors.Join(err, ferr)
	case op.ours != nil && !op.ours(found, started):
		return nil, op.conflict(err)
	}
	return found, nil
}

func (op createOp[T]) conflict(err error) error {
	return &ExistsError{Kind: op.kind, ID: op.id, Err: err, sentinel: op.sentinel}
}

// createdSince reports whether an object ECR says was created at createdAt can be the work of a
// call that started at started.
func createdSince(createdAt, started time.Time) bool {
	return !createdAt.Before(started.Add(-createSkew))
}

// oneAttempt turns the SDK's retries off for a call that retryOwn retries.
func oneAttempt(o *ecr.Options) { o.RetryMaxAttempts = 1 }

// retryOwn retries call with the client's retry budget and backoff, telling each attempt
// whether an earlier one may have acted (attemptMayHaveActed of its error). call reports whether it is
// done; an error it marks done is final.
func (c *Client) retryOwn(
	ctx context.Context, call func(ctx context.Context, mayHaveActedBefore bool) (bool, error),
) error {
	return c.retryOwnN(ctx, c.retryer.MaxAttempts(), call)
}

// retryOwnN is retryOwn with at most attempts attempts.
func (c *Client) retryOwnN(
	ctx context.Context, attempts int, call func(ctx context.Context, mayHaveActedBefore bool) (bool, error),
) error {
	acted := false
	for attempt := 1; ; attempt++ {
		done, err := call(ctx, acted)
		if done || err == nil {
			return err
		}
		if attempt >= attempts || !c.retryer.IsErrorRetryable(err) || ctx.Err() != nil {
			return err
		}
		acted = acted || attemptMayHaveActed(err)
		delay, derr := c.retryer.RetryDelay(attempt, err)
		if derr != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(delay):
		}
	}
}
