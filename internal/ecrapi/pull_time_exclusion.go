package ecrapi

import (
	"context"
	"errors"

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
// ECR then records no pull time when that principal pulls. The exclusion carries no owner or
// creation time, so createSettled settles an ambiguous outcome by the attempts alone:
// ExclusionAlreadyExists is success only after an earlier attempt of this call may have acted;
// on the first attempt it means someone else registered the principal (ErrExclusionExists).
func (c *Client) RegisterPullTimeExclusion(ctx context.Context, principalARN string) error {
	in := &ecr.RegisterPullTimeUpdateExclusionInput{PrincipalArn: aws.String(principalARN)}
	_, err := createSettled(ctx, c, createOp[string]{
		kind: KindPullTimeExclusion, id: principalARN, sentinel: ErrExclusionExists,
		call: func(ctx context.Context) (*string, error) {
			_, err := c.api.RegisterPullTimeUpdateExclusion(ctx, in, oneAttempt)
			return &principalARN, err
		},
		exists: func(err error) bool {
			var exists *types.ExclusionAlreadyExistsException
			return errors.As(err, &exists)
		},
		find: func(ctx context.Context) (*string, error) {
			return &principalARN, c.FindPullTimeExclusionByPrincipal(ctx, principalARN)
		},
	})
	return err
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
