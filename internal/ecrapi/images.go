package ecrapi

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
)

// DescribeImagesPageSize is DescribeImages' largest page: it keeps a full listing at
// ⌈N/1000⌉ calls.
const DescribeImagesPageSize = 1000

// DescribeAllImages lists every image of the repository, archived ones included.
func DescribeAllImages(ctx context.Context, client *ecr.Client, registryID, repository string) ([]types.ImageDetail, error) {
	return DescribeImagesWithStatus(ctx, client, registryID, repository, types.TagStatusAny)
}

// DescribeImagesWithStatus lists the repository's images with the given tag status, archived
// ones included, at the largest page size.
func DescribeImagesWithStatus(ctx context.Context, client *ecr.Client, registryID, repository string, tagStatus types.TagStatus) ([]types.ImageDetail, error) {
	in := &ecr.DescribeImagesInput{
		RepositoryName: aws.String(repository),
		MaxResults:     aws.Int32(DescribeImagesPageSize),
		Filter:         &types.DescribeImagesFilter{TagStatus: tagStatus, ImageStatus: types.ImageStatusFilterAny},
	}
	if registryID != "" {
		in.RegistryId = aws.String(registryID)
	}
	var out []types.ImageDetail
	p := ecr.NewDescribeImagesPaginator(client, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			if IsRepositoryNotFound(err) {
				return nil, &NotFoundError{Kind: "repository", ID: repository, Err: err}
			}
			return nil, err
		}
		out = append(out, page.ImageDetails...)
	}
	return out, nil
}

// BatchGetImageMaxIDs is BatchGetImage's limit on image IDs per call.
const BatchGetImageMaxIDs = 100

// GetManifests returns the manifest bytes and media type of each digest, in calls of up to 100
// digests, accepting every manifest kind so that indexes come back as indexes.
func GetManifests(ctx context.Context, client *ecr.Client, registryID, repository string, digests []string) (map[string]types.Image, error) {
	out := make(map[string]types.Image, len(digests))
	for start := 0; start < len(digests); start += BatchGetImageMaxIDs {
		end := min(start+BatchGetImageMaxIDs, len(digests))
		ids := make([]types.ImageIdentifier, 0, end-start)
		for _, d := range digests[start:end] {
			ids = append(ids, types.ImageIdentifier{ImageDigest: aws.String(d)})
		}
		in := &ecr.BatchGetImageInput{
			RepositoryName:     aws.String(repository),
			ImageIds:           ids,
			AcceptedMediaTypes: imageref.AcceptedManifestMediaTypes,
		}
		if registryID != "" {
			in.RegistryId = aws.String(registryID)
		}
		res, err := client.BatchGetImage(ctx, in)
		if err != nil {
			return nil, err
		}
		for _, img := range res.Images {
			if img.ImageId != nil {
				out[aws.ToString(img.ImageId.ImageDigest)] = img
			}
		}
	}
	return out, nil
}

// IndexChildren reads the given indexes (one BatchGetImage per 100) and maps each digest they
// reference, platform manifests and attestations alike, to the indexes that reference it.
func IndexChildren(ctx context.Context, client *ecr.Client, registryID, repository string, indexes []string) (map[string][]string, error) {
	children := map[string][]string{}
	if len(indexes) == 0 {
		return children, nil
	}
	manifests, err := GetManifests(ctx, client, registryID, repository, indexes)
	if err != nil {
		return nil, fmt.Errorf("reading image indexes: %w", err)
	}
	for _, indexDigest := range indexes {
		m, ok := manifests[indexDigest]
		if !ok {
			continue
		}
		idx, err := imageref.ParseIndex([]byte(aws.ToString(m.ImageManifest)))
		if err != nil {
			return nil, fmt.Errorf("image %s: %w", indexDigest, err)
		}
		for _, child := range imageref.ChildDigests(idx) {
			children[child.String()] = append(children[child.String()], indexDigest)
		}
	}
	return children, nil
}
