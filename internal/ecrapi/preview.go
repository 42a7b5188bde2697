package ecrapi

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// PreviewPollInterval is the first wait between GetLifecyclePolicyPreview polls; it grows to
// PreviewMaxPollInterval. The service preview takes minutes. Tests shorten both.
var (
	PreviewPollInterval    = 2 * time.Second
	PreviewMaxPollInterval = 15 * time.Second
)

// PreviewDecision is one image the service preview would act on.
type PreviewDecision struct {
	Digest       string
	Action       string // "expire" or "transition", as in the policy JSON
	RulePriority int64
}

// ErrPreviewTimeout is returned when the context ends before the preview completes.
var ErrPreviewTimeout = errors.New("the lifecycle policy preview did not complete in time")

// RunServicePreview runs ECR's own lifecycle policy preview: StartLifecyclePolicyPreview (after
// waiting out a preview already running on the repository, since ECR allows one at a time),
// then GetLifecyclePolicyPreview until it completes, bounded by ctx. policyText "" previews the
// repository's current policy.
func (c *Client) RunServicePreview(ctx context.Context, repository, policyText string) ([]PreviewDecision, error) {
	start := &ecr.StartLifecyclePolicyPreviewInput{RepositoryName: aws.String(repository), RegistryId: c.registry()}
	if policyText != "" {
		start.LifecyclePolicyText = aws.String(policyText)
	}
	for {
		_, err := c.api.StartLifecyclePolicyPreview(ctx, start)
		var inProgress *types.LifecyclePolicyPreviewInProgressException
		if errors.As(err, &inProgress) {
			// Someone else's preview: wait for it to end, then start ours.
			if _, werr := c.waitForPreview(ctx, repository); werr != nil && !isPreviewEnded(werr) {
				return nil, werr
			}
			continue
		}
		if err != nil {
			return nil, wrapTimeout(ctx, repositoryNotFound(err, repository))
		}
		break
	}
	status, err := c.waitForPreview(ctx, repository)
	if err != nil {
		return nil, err
	}
	if status != types.LifecyclePolicyPreviewStatusComplete {
		return nil, fmt.Errorf("the lifecycle policy preview ended with status %s", status)
	}
	var out []PreviewDecision
	p := ecr.NewGetLifecyclePolicyPreviewPaginator(c.api, &ecr.GetLifecyclePolicyPreviewInput{
		RepositoryName: aws.String(repository), RegistryId: c.registry(), MaxResults: aws.Int32(100),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, wrapTimeout(ctx, err)
		}
		for _, r := range page.PreviewResults {
			d := PreviewDecision{Digest: aws.ToString(r.ImageDigest), RulePriority: int64(aws.ToInt32(r.AppliedRulePriority))}
			if r.Action != nil {
				d.Action = strings.ToLower(string(r.Action.Type))
			}
			out = append(out, d)
		}
	}
	return out, nil
}

type previewEnded struct {
	status types.LifecyclePolicyPreviewStatus
}

func (e previewEnded) Error() string {
	return "the lifecycle policy preview ended with status " + string(e.status)
}

func isPreviewEnded(err error) bool {
	var e previewEnded
	return errors.As(err, &e)
}

// waitForPreview polls until the repository's preview is no longer IN_PROGRESS and returns its
// status. FAILED and EXPIRED are errors.
func (c *Client) waitForPreview(ctx context.Context, repository string) (types.LifecyclePolicyPreviewStatus, error) {
	wait := PreviewPollInterval
	for {
		out, err := c.api.GetLifecyclePolicyPreview(ctx, &ecr.GetLifecyclePolicyPreviewInput{
			RepositoryName: aws.String(repository), RegistryId: c.registry(), MaxResults: aws.Int32(1),
		})
		var none *types.LifecyclePolicyPreviewNotFoundException
		if errors.As(err, &none) {
			return "", previewEnded{status: "NOT_FOUND"}
		}
		if err != nil {
			return "", wrapTimeout(ctx, err)
		}
		switch out.Status {
		case types.LifecyclePolicyPreviewStatusComplete:
			return out.Status, nil
		case types.LifecyclePolicyPreviewStatusFailed, types.LifecyclePolicyPreviewStatusExpired:
			return out.Status, previewEnded{status: out.Status}
		}
		select {
		case <-ctx.Done():
			return "", wrapTimeout(ctx, ctx.Err())
		case <-time.After(wait):
		}
		wait = min(wait*3/2, PreviewMaxPollInterval)
	}
}

func wrapTimeout(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%w: %v", ErrPreviewTimeout, err)
	}
	return err
}
