package ecrapi

import (
	"context"
	"fmt"
	"maps"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

// imageConfigMediaTypes are the artifactMediaType ECR reports for runnable images; anything else
// (a signature, an SBOM, an attestation) is an artifact.
var imageConfigMediaTypes = map[string]bool{
	"application/vnd.oci.image.config.v1+json":       true,
	"application/vnd.docker.container.image.v1+json": true,
}

// IsReferrer reports whether an image is an artifact that describes another image (a
// signature, SBOM or attestation) rather than something to run.
func IsReferrer(d types.ImageDetail) bool {
	if aws.ToString(d.SubjectManifestDigest) != "" {
		return true
	}
	mt := aws.ToString(d.ArtifactMediaType)
	return mt != "" && !imageConfigMediaTypes[mt]
}

// FindMostRecentImage returns the most recently pushed runnable image, optionally only among
// images with a tag matching tagPattern (ECR wildcard syntax). It pages DescribeImages at 1,000
// per call and skips referrers and images that an index in the listing references, so for a
// multi-arch image it returns the index. BatchGetImage is called only when an index pushed at
// or after a candidate could reference it.
func FindMostRecentImage(ctx context.Context, client *ecr.Client, registryID, repository, tagPattern string) (*types.ImageDetail, error) {
	status := types.TagStatusAny
	if tagPattern != "" {
		status = types.TagStatusTagged
	}
	details, err := DescribeImagesWithStatus(ctx, client, registryID, repository, status)
	if err != nil {
		return nil, err
	}
	var candidates []int
	var indexes []int
	for i, d := range details {
		if imageref.IsIndexMediaType(aws.ToString(d.ImageManifestMediaType)) {
			indexes = append(indexes, i)
		}
		if IsReferrer(d) || (tagPattern != "" && !lifecycle.AnyTagMatches(d.ImageTags, tagPattern)) {
			continue
		}
		candidates = append(candidates, i)
	}
	newestFirst := func(list []int) {
		sort.SliceStable(list, func(a, b int) bool {
			x, y := details[list[a]], details[list[b]]
			if tx, ty := aws.ToTime(x.ImagePushedAt), aws.ToTime(y.ImagePushedAt); !tx.Equal(ty) {
				return tx.After(ty)
			}
			return aws.ToString(x.ImageDigest) < aws.ToString(y.ImageDigest)
		})
	}
	newestFirst(candidates)
	newestFirst(indexes)

	children := map[string][]string{}
	fetched := 0 // indexes[:fetched] have been read
	for _, c := range candidates {
		d := details[c]
		if imageref.IsIndexMediaType(aws.ToString(d.ImageManifestMediaType)) {
			return &details[c], nil
		}
		// Platform manifests are pushed before their index: only an index pushed at or after
		// this image can reference it.
		end := fetched
		for end < len(indexes) && !aws.ToTime(details[indexes[end]].ImagePushedAt).Before(aws.ToTime(d.ImagePushedAt)) {
			end++
		}
		if end > fetched {
			digests := make([]string, 0, end-fetched)
			for _, i := range indexes[fetched:end] {
				digests = append(digests, aws.ToString(details[i].ImageDigest))
			}
			more, err := IndexChildren(ctx, client, registryID, repository, digests)
			if err != nil {
				return nil, err
			}
			maps.Copy(children, more)
			fetched = end
		}
		if len(children[aws.ToString(d.ImageDigest)]) == 0 {
			return &details[c], nil
		}
	}
	what := "no runnable image"
	if tagPattern != "" {
		what = fmt.Sprintf("no image with a tag matching %q", tagPattern)
	}
	return nil, &NotFoundError{Kind: "image", ID: repository + " (" + what + ")"}
}
