package ecrapi

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// Referrer is an artifact that refers to an image (its OCI subject): an SBOM, a signature, a
// provenance attestation.
type Referrer struct {
	Digest       string
	ArtifactType string
	MediaType    string
	Size         int64
	Annotations  map[string]string
	Status       string // ACTIVE, ARCHIVED or ACTIVATING
}

// ReferrersPageSize is ListImageReferrers' largest page.
const ReferrersPageSize = 50

// MaxArtifactTypes is the most artifact types ListImageReferrers filters by (the service model's
// ArtifactTypeList, "Maximum number of 5 items").
const MaxArtifactTypes = 5

// ImageReferrers lists the referrers of an image, of any status, optionally only those of the
// given artifact types, 50 a page. It reads no manifest, so no pull is recorded. With more types
// than ECR filters by, it lists every referrer and filters them here: one listing, not one per
// group of five that would have to be merged.
func (c *Client) ImageReferrers(
	ctx context.Context, repository, digest string, artifactTypes []string) ([]Referrer, error,
) {
	serverTypes := artifactTypes
	if len(artifactTypes) > MaxArtifactTypes {
		serverTypes = nil
	}
	refs, err := c.listReferrers(ctx, repository, digest, serverTypes)
	if err != nil || serverTypes != nil || len(artifactTypes) == 0 {
		return refs, err
	}
	wanted := refs[:0]
	for _, r := range refs {
		if slices.Contains(artifactTypes, r.ArtifactType) {
			wanted = append(wanted, r)
		}
	}
	return wanted, nil
}

func (c *Client) listReferrers(
	ctx context.Context, repository, digest string, artifactTypes []string) ([]Referrer, error,
) {
	in := &ecr.ListImageReferrersInput{
		RepositoryName: aws.String(repository), RegistryId: c.registry(),
		SubjectId:  &types.SubjectIdentifier{ImageDigest: aws.String(digest)},
		Filter:     &types.ListImageReferrersFilter{ArtifactStatus: types.ArtifactStatusFilterAny, ArtifactTypes: artifactTypes},
		MaxResults: aws.Int32(ReferrersPageSize),
	}
	var out []Referrer
	for {
		page, err := c.api.ListImageReferrers(ctx, in)
		if err != nil {
			return nil, imageNotFound(err, repository, digest)
		}
		for _, r := range page.Referrers {
			status := string(r.ArtifactStatus)
			if status == "" {
				status = ImageStatusActive
			}
			out = append(out, Referrer{
				Digest: aws.ToString(r.Digest), ArtifactType: aws.ToString(r.ArtifactType), MediaType: aws.ToString(r.MediaType),
				Size: aws.ToInt64(r.Size), Annotations: r.Annotations, Status: status,
			})
		}
		if aws.ToString(page.NextToken) == "" {
			return out, nil
		}
		in.NextToken = page.NextToken
	}
}

// Storage classes an image can be moved to (types.TargetStorageClass).
const (
	StorageClassStandard = string(types.TargetStorageClassStandard)
	StorageClassArchive  = string(types.TargetStorageClassArchive)
)

// UpdateImageStorageClass moves an image to the STANDARD or ARCHIVE storage class and returns
// its status after the call (a restore answers ACTIVATING). It is idempotent.
func (c *Client) UpdateImageStorageClass(ctx context.Context, repository, digest, target string) (string, error) {
	out, err := c.api.UpdateImageStorageClass(ctx, &ecr.UpdateImageStorageClassInput{
		RepositoryName: aws.String(repository), RegistryId: c.registry(),
		ImageId: &types.ImageIdentifier{ImageDigest: aws.String(digest)}, TargetStorageClass: types.TargetStorageClass(target),
	})
	if err != nil {
		return "", imageNotFound(err, repository, digest)
	}
	return string(out.ImageStatus), nil
}
