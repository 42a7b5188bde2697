package ecrapi

import (
	"context"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

// LifecycleImages reads what the lifecycle simulator needs about every image of a repository:
// one DescribeImages call per 1,000 images, plus one BatchGetImage call per 100 indexes to learn
// which images an index keeps alive.
func (c *Client) LifecycleImages(ctx context.Context, repository string) ([]lifecycle.Image, error) {
	listed, err := c.DescribeImages(ctx, repository, TagStatusAny)
	if err != nil {
		return nil, err
	}
	images := make([]lifecycle.Image, len(listed))
	var indexes []string
	for i, img := range listed {
		images[i] = img.Lifecycle()
		if imageref.IsIndexMediaType(img.ManifestMediaType) {
			indexes = append(indexes, img.Digest)
		}
	}
	children, err := c.IndexChildren(ctx, repository, indexes)
	if err != nil {
		return nil, err
	}
	for i := range images {
		images[i].ReferencedBy = children[images[i].Digest]
	}
	return images, nil
}

// Lifecycle converts the image to what the lifecycle simulator reads.
func (img Image) Lifecycle() lifecycle.Image {
	out := lifecycle.Image{
		Digest:          img.Digest,
		Tags:            img.Tags,
		PushedAt:        img.PushedAt,
		LastPulledAt:    img.LastPulledAt,
		SubjectDigest:   img.SubjectDigest,
		LastArchivedAt:  img.LastArchivedAt,
		LastActivatedAt: img.LastActivatedAt,
	}
	// ARCHIVED images, and ACTIVATING ones (being restored, not yet pullable), are in the
	// archive storage class.
	if img.Status == ImageStatusArchived || img.Status == ImageStatusActivating {
		out.StorageClass = lifecycle.StorageClassArchive
	}
	return out
}
