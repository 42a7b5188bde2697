package ecrapi

import (
	"context"
	"fmt"
	"maps"
	"sort"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/wildcard"
)

// imageConfigMediaTypes are the artifactMediaType ECR reports for runnable images; anything else
// (a signature, an SBOM, an attestation) is an artifact.
var imageConfigMediaTypes = map[string]bool{
	"application/vnd.oci.image.config.v1+json":       true,
	"application/vnd.docker.container.image.v1+json": true,
}

// IsReferrer reports whether an image is an artifact that describes another image (a
// signature, SBOM or attestation) rather than something to run.
func (img Image) IsReferrer() bool {
	if img.SubjectDigest != "" {
		return true
	}
	mt := img.ArtifactMediaType
	return mt != "" && !imageConfigMediaTypes[mt]
}

// FindMostRecentImage returns the most recently pushed runnable image, optionally only among
// images with a tag matching tagPattern (ECR wildcard syntax). It pages DescribeImages at 1,000
// per call and skips referrers and images that an index in the listing references, so for a
// multi-arch image it returns the index. BatchGetImage is called only when an index pushed at
// or after a candidate could reference it.
func (c *Client) FindMostRecentImage(ctx context.Context, repository, tagPattern string) (*Image, error) {
	status := TagStatusAny
	if tagPattern != "" {
		status = TagStatusTagged
	}
	details, err := c.DescribeImages(ctx, repository, status)
	if err != nil {
		return nil, err
	}
	var candidates []int
	var indexes []int
	for i, d := range details {
		if imageref.IsIndexMediaType(d.ManifestMediaType) {
			indexes = append(indexes, i)
		}
		if d.IsReferrer() || (tagPattern != "" && !wildcard.MatchAny(tagPattern, d.Tags)) {
			continue
		}
		candidates = append(candidates, i)
	}
	newestFirst := func(list []int) {
		sort.SliceStable(list, func(a, b int) bool {
			x, y := details[list[a]], details[list[b]]
			if !x.PushedAt.Equal(y.PushedAt) {
				return x.PushedAt.After(y.PushedAt)
			}
			return x.Digest < y.Digest
		})
	}
	newestFirst(candidates)
	newestFirst(indexes)

	children := map[string][]string{}
	fetched := 0 // indexes[:fetched] have been read
	for _, candidate := range candidates {
		d := details[candidate]
		if imageref.IsIndexMediaType(d.ManifestMediaType) {
			return &details[candidate], nil
		}
		// Platform manifests are pushed before their index: only an index pushed at or after
		// this image can reference it.
		end := fetched
		for end < len(indexes) && !details[indexes[end]].PushedAt.Before(d.PushedAt) {
			end++
		}
		if end > fetched {
			digests := make([]string, 0, end-fetched)
			for _, i := range indexes[fetched:end] {
				digests = append(digests, details[i].Digest)
			}
			more, err := c.IndexChildren(ctx, repository, digests)
			if err != nil {
				return nil, err
			}
			maps.Copy(children, more)
			fetched = end
		}
		if len(children[d.Digest]) == 0 {
			return &details[candidate], nil
		}
	}
	what := "no runnable image"
	if tagPattern != "" {
		what = fmt.Sprintf("no image with a tag matching %q", tagPattern)
	}
	return nil, &NotFoundError{Kind: KindImage, ID: repository + " (" + what + ")"}
}
