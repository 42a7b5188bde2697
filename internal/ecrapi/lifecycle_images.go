package ecrapi

import (
	"context"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

// LifecycleListing is what the lifecycle simulator knows of a repository's images.
type LifecycleListing struct {
	Images []lifecycle.Image
	// Indexes counts the image indexes and manifest lists in the repository.
	Indexes int
	// IndexesRead says whether their manifests were read, so that each image's ReferencedBy is
	// exact. When they were not, an image that an index references looks unreferenced.
	IndexesRead bool
}

// LifecycleImages reads what the lifecycle simulator needs about every image of a repository:
// one DescribeImages call per 1,000 images. With readIndexes, also one BatchGetImage call per 100
// indexes, to learn which images an index keeps alive; ECR records each as a pull of the index,
// which keeps it alive under sinceImagePulled rules, so only a configuration that asks reads them.
func (c *Client) LifecycleImages(ctx context.Context, repository string, readIndexes bool) (LifecycleListing, error) {
	listed, err := c.DescribeImages(ctx, repository, TagStatusAny)
	if err != nil {
		return LifecycleListing{}, err
	}
	out := LifecycleListing{Images: make([]lifecycle.Image, len(listed))}
	var indexes []string
	for i, img := range listed {
		out.Images[i] = img.Lifecycle()
		if imageref.IsIndexMediaType(img.ManifestMediaType) {
			indexes = append(indexes, img.Digest)
		}
	}
	out.Indexes = len(indexes)
	if !readIndexes || len(indexes) == 0 {
		return out, nil
	}
	children, err := c.IndexChildren(ctx, repository, indexes)
	if err != nil {
		return LifecycleListing{}, err
	}
	for i := range out.Images {
		out.Images[i].ReferencedBy = children[out.Images[i].Digest]
	}
	out.IndexesRead = true
	return out, nil
}

// MaybeIndexChildren counts the images among digests that an unread index could reference: an
// index's platform manifests are pushed untagged, so untagged images that are not indexes
// themselves. It is 0 when the indexes were read or there are none.
func (l LifecycleListing) MaybeIndexChildren(digests map[string]bool) int {
	if l.IndexesRead || l.Indexes == 0 {
		return 0
	}
	n := 0
	for _, img := range l.Images {
		if digests[img.Digest] && len(img.Tags) == 0 && img.SubjectDigest == "" {
			n++
		}
	}
	return n
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
