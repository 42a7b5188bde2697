package ecrapi

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

// ImageReplicationStatus is one destination's replication of an image (DescribeImageReplicationStatus).
type ImageReplicationStatus struct {
	Region      string
	RegistryID  string
	Status      string // IN_PROGRESS, COMPLETE or FAILED
	FailureCode string
}

// ImageReplicationStatuses returns the replication status of the image with digest in each
// destination; none when no rule replicates it. A missing repository or image is a *NotFoundError.
func (c *Client) ImageReplicationStatuses(
	ctx context.Context, repository, digest string) ([]ImageReplicationStatus, error,
) {
	out, err := c.api.DescribeImageReplicationStatus(ctx, &ecr.DescribeImageReplicationStatusInput{
		RepositoryName: aws.String(repository), RegistryId: c.registry(),
		ImageId: &types.ImageIdentifier{ImageDigest: aws.String(digest)},
	})
	if err != nil {
		return nil, imageNotFound(err, repository, digest)
	}
	var statuses []ImageReplicationStatus
	for _, s := range out.ReplicationStatuses {
		statuses = append(statuses, ImageReplicationStatus{Region: aws.ToString(s.Region), RegistryID: aws.ToString(s.RegistryId),
			Status: string(s.Status), FailureCode: aws.ToString(s.FailureCode)})
	}
	return statuses, nil
}

// Backfill is one replication backfill (StartReplicationBackfill, ListReplicationBackfills,
// DescribeReplicationBackfillResults). Progress is nil while it is PREPARING.
type Backfill struct {
	ID          string
	Destination replication.Destination
	Status      string // PREPARING, IN_PROGRESS, COMPLETE, FAILED, STOPPING, STOPPED
	FailureCode string
	StartedAt   time.Time
	EndedAt     *time.Time
	Progress    *BackfillProgress
}

// BackfillProgress counts replications: "Each image and tag combination is counted as a single
// replication" (ReplicationBackfillProgress).
type BackfillProgress struct {
	Total, Completed, Failed int
	FailureCodes             []string
}

// BackfillResult is one image's outcome, available once the backfill has ended.
type BackfillResult struct {
	Repository  string
	Digest      string
	Tag         string
	Status      string // COMPLETE or FAILED
	FailureCode string
}

// Terminal reports whether a backfill status is final.
func (b Backfill) Terminal() bool {
	switch types.ReplicationBackfillStatus(b.Status) {
	case types.ReplicationBackfillStatusComplete, types.ReplicationBackfillStatusFailed, types.ReplicationBackfillStatusStopped:
		return true
	}
	return false
}

// StartReplicationBackfill starts copying the images that existed before the registry's rules for
// destination did. The API takes the destination only: which repositories are copied is what the
// configuration's rules for that destination say.
func (c *Client) StartReplicationBackfill(ctx context.Context, d replication.Destination) (*Backfill, error) {
	out, err := c.api.StartReplicationBackfill(ctx, &ecr.StartReplicationBackfillInput{
		RegistryId:  c.registry(),
		Destination: &types.ReplicationDestination{Region: aws.String(d.Region), RegistryId: aws.String(d.RegistryID)},
	})
	if err != nil {
		return nil, err
	}
	return &Backfill{ID: aws.ToString(out.ReplicationBackfillId), Destination: destinationFromAPI(out.Destination),
		Status: string(out.Status), StartedAt: aws.ToTime(out.StartedAt)}, nil
}

// ListReplicationBackfills returns every backfill of the registry, following nextToken.
func (c *Client) ListReplicationBackfills(ctx context.Context) ([]Backfill, error) {
	var all []Backfill
	in := &ecr.ListReplicationBackfillsInput{RegistryId: c.registry(), MaxResults: aws.Int32(50)}
	for {
		out, err := c.api.ListReplicationBackfills(ctx, in)
		if err != nil {
			return nil, err
		}
		for _, b := range out.Backfills {
			all = append(all, Backfill{ID: aws.ToString(b.ReplicationBackfillId), Destination: destinationFromAPI(b.Destination),
				Status: string(b.Status), FailureCode: aws.ToString(b.FailureCode), StartedAt: aws.ToTime(b.StartedAt),
				EndedAt: b.EndedAt, Progress: progressFromAPI(b.Progress)})
		}
		if aws.ToString(out.NextToken) == "" {
			return all, nil
		}
		in.NextToken = out.NextToken
	}
}

// DescribeReplicationBackfill returns one backfill and, once it has ended, its per-image results
// (all pages).
func (c *Client) DescribeReplicationBackfill(ctx context.Context, id string) (*Backfill, []BackfillResult, error) {
	in := &ecr.DescribeReplicationBackfillResultsInput{RegistryId: c.registry(), ReplicationBackfillId: aws.String(id)}
	var b *Backfill
	var results []BackfillResult
	for {
		out, err := c.api.DescribeReplicationBackfillResults(ctx, in)
		if err != nil {
			return nil, nil, err
		}
		if b == nil {
			b = &Backfill{ID: aws.ToString(out.ReplicationBackfillId), Destination: destinationFromAPI(out.Destination),
				Status: string(out.Status), FailureCode: aws.ToString(out.FailureCode), StartedAt: aws.ToTime(out.StartedAt),
				EndedAt: out.EndedAt, Progress: progressFromAPI(out.Progress)}
		}
		for _, r := range out.Results {
			res := BackfillResult{Repository: aws.ToString(r.RepositoryName), Status: string(r.Status), FailureCode: aws.ToString(r.FailureCode)}
			if r.ImageId != nil {
				res.Digest, res.Tag = aws.ToString(r.ImageId.ImageDigest), aws.ToString(r.ImageId.ImageTag)
			}
			results = append(results, res)
		}
		if aws.ToString(out.NextToken) == "" {
			return b, results, nil
		}
		in.NextToken = out.NextToken
	}
}

func destinationFromAPI(d *types.ReplicationDestination) replication.Destination {
	if d == nil {
		return replication.Destination{}
	}
	return replication.Destination{Region: aws.ToString(d.Region), RegistryID: aws.ToString(d.RegistryId)}
}

func progressFromAPI(p *types.ReplicationBackfillProgress) *BackfillProgress {
	if p == nil {
		return nil
	}
	return &BackfillProgress{Total: int(aws.ToInt32(p.TotalReplicationCount)), Completed: int(aws.ToInt32(p.CompletedReplicationCount)),
		Failed: int(aws.ToInt32(p.FailedReplicationCount)), FailureCodes: p.FailureCodes}
}
