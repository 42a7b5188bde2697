package ecrapi

import (
	"context"
	"fmt"

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

// FindMostRecentImage returns the most recently pushed runnable tagged image, optionally only
// among images with a tag matching tagPattern (ECR wildcard syntax). It pages DescribeImages at
// 1,000 per call, with tagStatus TAGGED, and skips referrers (signatures, SBOMs, attestations)
// and, unless includeInactive, images that are not ACTIVE: an archived image cannot be pulled.
//
// It reads no manifest: ECR records a manifest read as a pull. The platform manifests of a
// multi-arch image are pushed untagged, so listing tagged images is what keeps them out, and for a
// multi-arch image the tagged index is returned. An untagged image is never the answer.
func (c *Client) FindMostRecentImage(
	ctx context.Context, repository, tagPattern string, includeInactive bool) (*Image, error,
) {
	listed, err := c.DescribeImages(ctx, repository, TagStatusTagged)
	if err != nil {
		return nil, err
	}
	if best := MostRecent(listed, tagPattern, includeInactive); best != nil {
		return best, nil
	}
	what := "no tagged runnable image"
	if tagPattern != "" {
		what = fmt.Sprintf("no image with a tag matching %q", tagPattern)
	}
	if !includeInactive {
		what += " that is ACTIVE"
	}
	return nil, &NotFoundError{Kind: KindImage, ID: repository + " (" + what + ")"}
}

// MostRecent is FindMostRecentImage's choice among listed images: the newest push, ties broken
// by digest; nil when none qualifies.
func MostRecent(listed []Image, tagPattern string, includeInactive bool) *Image {
	var best *Image
	for i := range listed {
		img := &listed[i]
		if img.IsReferrer() || (tagPattern != "" && !wildcard.MatchAny(tagPattern, img.Tags)) {
			continue
		}
		if !includeInactive && img.Status != ImageStatusActive {
			continue
		}
		if best == nil || img.PushedAt.After(best.PushedAt) || (img.PushedAt.Equal(best.PushedAt) && img.Digest < best.Digest) {
			best = img
		}
	}
	return best
}
