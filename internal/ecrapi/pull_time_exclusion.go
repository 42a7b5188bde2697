package ecrapi

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// KindPullTimeExclusion is a principal missing from the pull-time update exclusion list.
const KindPullTimeExclusion Kind = "pull time update exclusion"

// ErrExclusionExists is returned when the principal is already excluded and this call did not
// provably add it.
var ErrExclusionExists = errors.New("the principal is already in the pull time update exclusion list")

// RegisterPullTimeExclusion adds principal to the registry's pull-time update exclusions:
// ECR then records no pull time when that principal pulls.
//
// The exclusion carries no owner, so an ambiguous outcome is settled by the attempts themselves:
// this package retries the call (retryOwn), and ExclusionAlreadyExists is success only after an
// earlier attempt of this same call may have acted (its answer was lost). On the first attempt
// it means someone else registered the principal, and is ErrExclusionExists.
func (c *Client) RegisterPullTimeExclusion(ctx context.Context, principalARN string) error {
	in := &ecr.RegisterPullTimeUpdateExclusionInput{PrincipalArn: aws.String(principalARN)}
	return c.retryOwn(ctx, func(ctx context.Context, mayHaveActedBefore bool) (bool, error) {
		_, err := c.api.RegisterPullTimeUpdateExclusion(ctx, in, oneAttempt)
		var exists *types.ExclusionAlreadyExistsException
		switch {
		case errors.As(err, &exists) && mayHaveActedBefore:
			return true, nil
		case errors.As(err, &exists):
			return true, errors.Join(ErrExclusionExists, err)
		}
		return err == nil, err
	})
}

// DeregisterPullTimeExclusion removes principal from the exclusions. A principal that is not
// excluded is success.
func (c *Client) DeregisterPullTimeExclusion(ctx context.Context, principalARN string) error {
	_, err := c.api.DeregisterPullTimeUpdateExclusion(ctx, &ecr.DeregisterPullTimeUpdateExclusionInput{PrincipalArn: aws.String(principalARN)})
	var missing *types.ExclusionNotFoundException
	if errors.As(err, &missing) {
		return nil
	}
	return err
}

// ListPullTimeExclusions lists every excluded principal, 1,000 a page.
func (c *Client) ListPullTimeExclusions(ctx context.Context) ([]string, error) {
	var out []string
	in := &ecr.ListPullTimeUpdateExclusionsInput{MaxResults: aws.Int32(1000)}
	for {
		page, err := c.api.ListPullTimeUpdateExclusions(ctx, in)
		if err != nil {
			return nil, err
		}
		out = append(out, page.PullTimeUpdateExclusions...)
		if aws.ToString(page.NextToken) == "" {
			return out, nil
		}
		in.NextToken = page.NextToken
	}
}

// FindPullTimeExclusionByPrincipal returns nil when principal is excluded, or a *NotFoundError.
func (c *Client) FindPullTimeExclusionByPrincipal(ctx context.Context, principalARN string) error {
	all, err := c.ListPullTimeExclusions(ctx)
	if err != nil {
		return err
	}
	for _, p := range all {
		if p == principalARN {
			return nil
		}
	}
	return &NotFoundError{Kind: KindPullTimeExclusion, ID: principalARN}
}

// oneAttempt turns the SDK's retries off for a call that retryOwn retries.
func oneAttempt(o *ecr.Options) { o.RetryMaxAttempts = 1 }

// retryOwn retries call with the client's retry budget and backoff, telling each attempt
// whether an earlier one may have acted (mayHaveActed of its error). call reports whether it is
// done; an error it marks done is final.
func (c *Client) retryOwn(ctx context.Context, call func(ctx context.Context, mayHaveActedBefore bool) (bool, error)) error {
	acted := false
	for attempt := 1; ; attempt++ {
		done, err := call(ctx, acted)
		if done || err == nil {
			return err
		}
		if attempt >= c.retryer.MaxAttempts() || !c.retryer.IsErrorRetryable(err) {
			return err
		}
		acted = acted || mayHaveActed(err)
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
