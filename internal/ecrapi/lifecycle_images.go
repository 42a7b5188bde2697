package ecrapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

// LifecycleImages reads what the lifecycle simulator needs about every image of a repository:
// one DescribeImages call per 1,000 images, plus one BatchGetImage call per 100 indexes to learn
// which images an index keeps alive.
func LifecycleImages(ctx context.Context, client *ecr.Client, repository string) ([]lifecycle.Image, error) {
	details, err := DescribeAllImages(ctx, client, "", repository)
	if err != nil {
		return nil, err
	}
	images := make([]lifecycle.Image, len(details))
	var indexes []string
	for i, d := range details {
		images[i] = LifecycleImage(d)
		if imageref.IsIndexMediaType(aws.ToString(d.ImageManifestMediaType)) {
			indexes = append(indexes, images[i].Digest)
		}
	}
	children, err := IndexChildren(ctx, client, "", repository, indexes)
	if err != nil {
		return nil, err
	}
	for i := range images {
		images[i].ReferencedBy = children[images[i].Digest]
	}
	return images, nil
}

// LifecycleImage converts one DescribeImages entry.
func LifecycleImage(d types.ImageDetail) lifecycle.Image {
	img := lifecycle.Image{
		Digest:        aws.ToString(d.ImageDigest),
		Tags:          d.ImageTags,
		PushedAt:      aws.ToTime(d.ImagePushedAt),
		LastPulledAt:  aws.ToTime(d.LastRecordedPullTime),
		SubjectDigest: aws.ToString(d.SubjectManifestDigest),
	}
	// ARCHIVED images, and ACTIVATING ones (being restored, not yet pullable), are in the
	// archive storage class.
	if d.ImageStatus == types.ImageStatusArchived || d.ImageStatus == types.ImageStatusActivating {
		img.StorageClass = lifecycle.StorageClassArchive
	}
	img.LastArchivedAt = aws.ToTime(d.LastArchivedAt)
	img.LastActivatedAt = aws.ToTime(d.LastActivatedAt)
	return img
}
