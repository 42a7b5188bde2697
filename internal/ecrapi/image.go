package ecrapi

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// FindImage looks one image up by tag or digest with a single DescribeImages call, whatever the
// size of the repository. A missing image or repository is a *NotFoundError (Kind "image" or
// "repository").
func FindImage(ctx context.Context, client *ecr.Client, registryID, repository string, id types.ImageIdentifier) (*types.ImageDetail, error) {
	in := &ecr.DescribeImagesInput{RepositoryName: aws.String(repository), ImageIds: []types.ImageIdentifier{id}}
	if registryID != "" {
		in.RegistryId = aws.String(registryID)
	}
	label := aws.ToString(id.ImageTag)
	if label == "" {
		label = aws.ToString(id.ImageDigest)
	}
	out, err := client.DescribeImages(ctx, in)
	var noImage *types.ImageNotFoundException
	switch {
	case errors.As(err, &noImage):
		return nil, &NotFoundError{Kind: "image", ID: repository + ":" + label, Err: err}
	case IsRepositoryNotFound(err):
		return nil, &NotFoundError{Kind: "repository", ID: repository, Err: err}
	case err != nil:
		return nil, err
	case len(out.ImageDetails) == 0:
		return nil, &NotFoundError{Kind: "image", ID: repository + ":" + label}
	}
	return &out.ImageDetails[0], nil
}

// ScanSummary is the outcome of the basic or enhanced scan of one digest.
type ScanSummary struct {
	Status string           // COMPLETE, IN_PROGRESS, FAILED, ... or NOT_FOUND when never scanned
	Counts map[string]int32 // by severity: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNDEFINED
}

// FindScanSummary reads the scan findings of a digest (findings are tied to the digest, not to
// a tag).
func FindScanSummary(ctx context.Context, client *ecr.Client, registryID, repository, digest string) (ScanSummary, error) {
	in := &ecr.DescribeImageScanFindingsInput{
		RepositoryName: aws.String(repository),
		ImageId:        &types.ImageIdentifier{ImageDigest: aws.String(digest)},
		MaxResults:     aws.Int32(1), // the counts are in every page; the findings themselves are not needed
	}
	if registryID != "" {
		in.RegistryId = aws.String(registryID)
	}
	out, err := client.DescribeImageScanFindings(ctx, in)
	var noScan *types.ScanNotFoundException
	if errors.As(err, &noScan) {
		return ScanSummary{Status: "NOT_FOUND", Counts: map[string]int32{}}, nil
	}
	if err != nil {
		return ScanSummary{}, err
	}
	s := ScanSummary{Counts: map[string]int32{}}
	if out.ImageScanStatus != nil {
		s.Status = string(out.ImageScanStatus.Status)
	}
	if out.ImageScanFindings != nil {
		for sev, n := range out.ImageScanFindings.FindingSeverityCounts {
			s.Counts[sev] = n
		}
	}
	return s, nil
}
