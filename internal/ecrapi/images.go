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

// DescribeImages lists the repository's images with the given tag status (TagStatusAny,
// TagStatusTagged or TagStatusUntagged), archived ones included, at the largest page size.
func (c *Client) DescribeImages(ctx context.Context, repository, tagStatus string) ([]Image, error) {
	p := ecr.NewDescribeImagesPaginator(c.api, &ecr.DescribeImagesInput{
		RepositoryName: aws.String(repository),
		RegistryId:     c.registry(),
		MaxResults:     aws.Int32(DescribeImagesPageSize),
		Filter:         &types.DescribeImagesFilter{TagStatus: types.TagStatus(tagStatus), ImageStatus: types.ImageStatusFilterAny},
	})
	var out []Image
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, repositoryNotFound(err, repository)
		}
		for _, d := range page.ImageDetails {
			out = append(out, imageFrom(d))
		}
	}
	return out, nil
}

// Manifest is one image's manifest exactly as pushed.
type Manifest struct {
	RegistryID string
	Digest     string
	MediaType  string
	Body       []byte
}

// BatchGetImageMaxIDs is BatchGetImage's limit on image IDs per call.
const BatchGetImageMaxIDs = 100

// GetManifests returns the manifest of each digest, in calls of up to 100 digests, accepting
// every manifest kind so that indexes come back as indexes. ECR records every call as a pull
// of the images it returns; callers read manifests only when the configuration asks for them.
func (c *Client) GetManifests(ctx context.Context, repository string, digests []string) (map[string]Manifest, error) {
	out := make(map[string]Manifest, len(digests))
	for start := 0; start < len(digests); start += BatchGetImageMaxIDs {
		end := min(start+BatchGetImageMaxIDs, len(digests))
		ids := make([]types.ImageIdentifier, 0, end-start)
		for _, d := range digests[start:end] {
			ids = append(ids, types.ImageIdentifier{ImageDigest: aws.String(d)})
		}
		res, err := c.api.BatchGetImage(ctx, &ecr.BatchGetImageInput{
			RepositoryName:     aws.String(repository),
			RegistryId:         c.registry(),
			ImageIds:           ids,
			AcceptedMediaTypes: imageref.AcceptedManifestMediaTypes,
		})
		if err != nil {
			return nil, repositoryNotFound(err, repository)
		}
		for _, img := range res.Images {
			if img.ImageId == nil || aws.ToString(img.ImageManifest) == "" {
				continue
			}
			digest := aws.ToString(img.ImageId.ImageDigest)
			out[digest] = Manifest{
				RegistryID: aws.ToString(img.RegistryId),
				Digest:     digest,
				MediaType:  aws.ToString(img.ImageManifestMediaType),
				Body:       []byte(aws.ToString(img.ImageManifest)),
			}
		}
	}
	return out, nil
}

// FindManifest returns the exact manifest of a digest, as pushed.
func (c *Client) FindManifest(ctx context.Context, repository, digest string) (*Manifest, error) {
	manifests, err := c.GetManifests(ctx, repository, []string{digest})
	if err != nil {
		return nil, err
	}
	m, ok := manifests[digest]
	if !ok {
		return nil, &NotFoundError{Kind: KindImage, ID: repository + "@" + digest}
	}
	return &m, nil
}

// IndexChildren reads the given indexes (one BatchGetImage per 100) and maps each digest they
// reference, platform manifests and attestations alike, to the indexes that reference it.
func (c *Client) IndexChildren(ctx context.Context, repository string, indexes []string) (map[string][]string, error) {
	children := map[string][]string{}
	if len(indexes) == 0 {
		return children, nil
	}
	manifests, err := c.GetManifests(ctx, repository, indexes)
	if err != nil {
		return nil, fmt.Errorf("reading image indexes: %w", err)
	}
	for _, indexDigest := range indexes {
		m, ok := manifests[indexDigest]
		if !ok {
			continue
		}
		idx, err := imageref.ParseIndex(m.Body)
		if err != nil {
			return nil, fmt.Errorf("image %s: %w", indexDigest, err)
		}
		for _, child := range imageref.ChildDigests(idx) {
			children[child.String()] = append(children[child.String()], indexDigest)
		}
	}
	return children, nil
}
