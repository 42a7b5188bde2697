package ecrapi

import (
	"context"
	"fmt"
	"time"
)

// ECR is eventually consistent: right after DeleteRepository, DescribeRepositories may still list
// the repository, and right after a create a lookup may not find it yet. terraform-provider-aws
// waits after the delete until the lookup answers not found, and retries not found on the read
// right after a create. This file does the same, bounded, with the client's retry backoff
// (retryOwnN), so that a destroy followed by a create of the same name works on ECR.

// NewReadAttempts bounds how often a read right after a create looks again when the object is
// not found yet: with the 50 ms backoff base, 6 attempts wait at most about 3 s together
// (about 1.5 s on average), so a repository that truly disappeared at once is still reported
// promptly.
const NewReadAttempts = 6

// StillThereError says that a deleted object is still listed after every check the bound
// allowed: ECR accepted the delete, but a create of the same name may still meet the old one.
type StillThereError struct {
	Kind   Kind
	ID     string
	Checks int
}

func (e *StillThereError) Error() string {
	return fmt.Sprintf("%s %s was deleted, but ECR still listed it after %d checks", e.Kind, e.ID, e.Checks)
}

// RetryableError marks it retryable for the SDK's standard retryer, whose backoff retryOwnN uses.
func (e *StillThereError) RetryableError() bool { return true }

// waitGone looks the deleted object up until find answers a *NotFoundError, or finds an object
// of that key created at another time than the deleted one (deletedAt, from the delete's answer):
// that is a new object, made by another resource of the same apply (a rename without a moved
// block destroys and creates at once) or by someone else, and the deleted one is gone. At most
// the client's retry budget of checks (DefaultMaxRetries+1 by default; the backoff is capped at
// 20 s, so a few minutes at worst, and never past the context). A lookup that fails otherwise
// ends the wait with its error: the SDK has already retried it. A zero deletedAt (the answer
// did not say) waits for not found only.
func (c *Client) waitGone(
	ctx context.Context, kind Kind, id string, deletedAt time.Time, find func(ctx context.Context) (time.Time, error),
) error {
	checks := 0
	return c.retryOwnN(ctx, c.retryer.MaxAttempts(), func(ctx context.Context, _ bool) (bool, error) {
		checks++
		createdAt, err := find(ctx)
		switch {
		case IsNotFound(err):
			return true, nil
		case err != nil:
			return true, fmt.Errorf("checking that %s %s is gone after its delete: %w", kind, id, err)
		case !deletedAt.IsZero() && !createdAt.Equal(deletedAt):
			return true, nil
		}
		return false, &StillThereError{Kind: kind, ID: id, Checks: checks}
	})
}

// findNew is find for an object this run has just created: a *NotFoundError is looked at again,
// up to NewReadAttempts times, before it is believed. Every other answer is returned at once.
func findNew[T any](ctx context.Context, c *Client, find func(ctx context.Context) (*T, error)) (*T, error) {
	var found *T
	err := c.retryOwnN(ctx, NewReadAttempts, func(ctx context.Context, _ bool) (bool, error) {
		var err error
		found, err = find(ctx)
		if IsNotFound(err) {
			return false, &notYetError{err}
		}
		return true, err
	})
	if err != nil {
		return nil, err // a notYetError still unwraps to the *NotFoundError
	}
	return found, nil
}

// notYetError is a not-found answer that findNew will look at again.
type notYetError struct{ err error }

func (e *notYetError) Error() string        { return e.err.Error() }
func (e *notYetError) Unwrap() error        { return e.err }
func (e *notYetError) RetryableError() bool { return true }
