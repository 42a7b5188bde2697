package ecrapi

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// Image is what DescribeImages says about one image. It carries no manifest: reading a manifest
// is a BatchGetImage, which ECR records as a pull.
type Image struct {
	RegistryID        string
	Repository        string
	Digest            string
	Tags              []string
	PushedAt          time.Time
	SizeBytes         int64
	ManifestMediaType string
	ArtifactMediaType string
	SubjectDigest     string    // set on referrers (signatures, SBOMs, attestations)
	LastPulledAt      time.Time // zero when ECR recorded no pull
	Status            string    // ACTIVE, ARCHIVED or ACTIVATING; ACTIVE when ECR leaves it out
	LastArchivedAt    time.Time
	LastActivatedAt   time.Time
}

// Image statuses (types.ImageStatus).
const (
	ImageStatusActive     = string(types.ImageStatusActive)
	ImageStatusArchived   = string(types.ImageStatusArchived)
	ImageStatusActivating = string(types.ImageStatusActivating)
)

// Tag statuses of DescribeImages' filter, as the API spells them.
const (
	TagStatusAny      = string(types.TagStatusAny)
	TagStatusTagged   = string(types.TagStatusTagged)
	TagStatusUntagged = string(types.TagStatusUntagged)
)

func imageFrom(d types.ImageDetail) Image {
	img := Image{
		RegistryID:        aws.ToString(d.RegistryId),
		Repository:        aws.ToString(d.RepositoryName),
		Digest:            aws.ToString(d.ImageDigest),
		Tags:              d.ImageTags,
		PushedAt:          aws.ToTime(d.ImagePushedAt),
		SizeBytes:         aws.ToInt64(d.ImageSizeInBytes),
		ManifestMediaType: aws.ToString(d.ImageManifestMediaType),
		ArtifactMediaType: aws.ToString(d.ArtifactMediaType),
		SubjectDigest:     aws.ToString(d.SubjectManifestDigest),
		LastPulledAt:      aws.ToTime(d.LastRecordedPullTime),
		Status:            string(d.ImageStatus),
		LastArchivedAt:    aws.ToTime(d.LastArchivedAt),
		LastActivatedAt:   aws.ToTime(d.LastActivatedAt),
	}
	if img.Status == "" {
		img.Status = ImageStatusActive
	}
	return img
}

// ImageID names an image by tag or by digest (one of the two).
type ImageID struct {
	Tag    string
	Digest string
}

func (id ImageID) String() string {
	if id.Tag != "" {
		return id.Tag
	}
	return id.Digest
}

func (id ImageID) api() types.ImageIdentifier {
	var out types.ImageIdentifier
	if id.Tag != "" {
		out.ImageTag = aws.String(id.Tag)
	}
	if id.Digest != "" {
		out.ImageDigest = aws.String(id.Digest)
	}
	return out
}

// FindImage looks one image up by tag or digest with a single DescribeImages call, whatever the
// size of the repository. A missing image or repository is a *NotFoundError (KindImage or
// KindRepository).
func (c *Client) FindImage(ctx context.Context, repository string, id ImageID) (*Image, error) {
	out, err := c.api.DescribeImages(ctx, &ecr.DescribeImagesInput{
		RepositoryName: aws.String(repository),
		RegistryId:     c.registry(),
		ImageIds:       []types.ImageIdentifier{id.api()},
	})
	var noImage *types.ImageNotFoundException
	switch {
	case errors.As(err, &noImage):
		return nil, &NotFoundError{Kind: KindImage, ID: repository + ":" + id.String(), Err: err}
	case err != nil:
		return nil, repositoryNotFound(err, repository)
	case len(out.ImageDetails) == 0:
		return nil, &NotFoundError{Kind: KindImage, ID: repository + ":" + id.String()}
	}
	img := imageFrom(out.ImageDetails[0])
	return &img, nil
}

// ScanSummary is the outcome of the basic or enhanced scan of one digest.
type ScanSummary struct {
	Status string           // COMPLETE, IN_PROGRESS, FAILED, ... or NOT_FOUND when never scanned
	Counts map[string]int32 // by severity: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNDEFINED
}

// FindScanSummary reads the scan findings of a digest (findings are tied to the digest, not to
// a tag).
func (c *Client) FindScanSummary(ctx context.Context, repository, digest string) (ScanSummary, error) {
	out, err := c.api.DescribeImageScanFindings(ctx, &ecr.DescribeImageScanFindingsInput{
		RepositoryName: aws.String(repository),
		RegistryId:     c.registry(),
		ImageId:        &types.ImageIdentifier{ImageDigest: aws.String(digest)},
		MaxResults:     aws.Int32(1), // the counts are in every page; the findings themselves are not needed
	})
	var noScan *types.ScanNotFoundException
	if errors.As(err, &noScan) {
		return ScanSummary{Status: "NOT_FOUND", Counts: map[string]int32{}}, nil
	}
	if err != nil {
		return ScanSummary{}, repositoryNotFound(err, repository)
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

// StartImageScan starts a basic scan of an image ("A basic image scan can only be started once
// per 24 hours on an individual image"). An archived image cannot be scanned
// (ImageArchivedException); a missing one is a *NotFoundError.
func (c *Client) StartImageScan(ctx context.Context, repository, digest string) (string, error) {
	out, err := c.api.StartImageScan(ctx, &ecr.StartImageScanInput{
		RepositoryName: aws.String(repository), RegistryId: c.registry(), ImageId: &types.ImageIdentifier{ImageDigest: aws.String(digest)},
	})
	if err != nil {
		return "", imageNotFound(err, repository, digest)
	}
	if out.ImageScanStatus != nil {
		return string(out.ImageScanStatus.Status), nil
	}
	return "", nil
}

// scanStatusMeanings explains the ScanStatus values that end a scan without findings to read,
// in the words of the API reference's ImageScanStatus and the User Guide's scanning pages.
// IMAGE_SIZE_EXCEEDED arrived with SDK v1.69.0; an unknown value is passed on as it is.
var scanStatusMeanings = map[string]string{
	"FAILED":                   "the scan failed; start it again later",
	"UNSUPPORTED_IMAGE":        "the image's operating system or media type is not supported by the scanner",
	"SCAN_ELIGIBILITY_EXPIRED": "the image is no longer eligible for continuous scanning (its scan duration ran out)",
	"FINDINGS_UNAVAILABLE": "the findings are not available (for example the image was not pulled or scanned " +
		"recently)",
	"LIMIT_EXCEEDED":      "the scan limit for this image was reached; a basic scan runs at most once every 24 hours",
	"IMAGE_ARCHIVED":      "the image is archived; restore it before scanning",
	"IMAGE_SIZE_EXCEEDED": "the image is larger than the scanner accepts",
}

// ExplainScanStatus turns a terminal scan status into a sentence for a diagnostic.
func ExplainScanStatus(status string) string {
	if m, ok := scanStatusMeanings[status]; ok {
		return status + ": " + m
	}
	return status
}

// DescribeImagesMaxIDs is DescribeImages' limit on image IDs per call.
const DescribeImagesMaxIDs = 100

// FindImagesByDigest describes the given digests, one DescribeImages per 100, archived ones
// included. A digest ECR does not know is left out of the map. When ECR refuses a batch because
// one of its digests is missing, each digest of that batch is looked up alone.
func (c *Client) FindImagesByDigest(
	ctx context.Context, repository string, digests []string) (map[string]Image, error,
) {
	out := make(map[string]Image, len(digests))
	for start := 0; start < len(digests); start += DescribeImagesMaxIDs {
		batch := digests[start:min(start+DescribeImagesMaxIDs, len(digests))]
		ids := make([]types.ImageIdentifier, 0, len(batch))
		for _, d := range batch {
			ids = append(ids, types.ImageIdentifier{ImageDigest: aws.String(d)})
		}
		res, err := c.api.DescribeImages(ctx, &ecr.DescribeImagesInput{
			RepositoryName: aws.String(repository),
			RegistryId:     c.registry(),
			ImageIds:       ids,
		})
		var noImage *types.ImageNotFoundException
		switch {
		case errors.As(err, &noImage):
			for _, d := range batch {
				img, err := c.FindImage(ctx, repository, ImageID{Digest: d})
				if IsNotFound(err) {
					continue
				}
				if err != nil {
					return nil, err
				}
				out[d] = *img
			}
			continue
		case err != nil:
			return nil, repositoryNotFound(err, repository)
		}
		for _, d := range res.ImageDetails {
			img := imageFrom(d)
			out[img.Digest] = img
		}
	}
	return out, nil
}
