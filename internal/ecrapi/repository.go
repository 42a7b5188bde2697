package ecrapi

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// FindRepositoryByName returns the repository, or a *NotFoundError. registryID may be empty for
// the caller's own registry.
func FindRepositoryByName(ctx context.Context, client *ecr.Client, registryID, name string) (*types.Repository, error) {
	in := &ecr.DescribeRepositoriesInput{RepositoryNames: []string{name}}
	if registryID != "" {
		in.RegistryId = aws.String(registryID)
	}
	out, err := client.DescribeRepositories(ctx, in)
	var nf *types.RepositoryNotFoundException
	if errors.As(err, &nf) {
		return nil, &NotFoundError{Kind: "repository", ID: name, Err: err}
	}
	if err != nil {
		return nil, err
	}
	if len(out.Repositories) == 0 {
		return nil, &NotFoundError{Kind: "repository", ID: name}
	}
	return &out.Repositories[0], nil
}

// FindRepositoryTags returns the repository's resource tags as a map.
func FindRepositoryTags(ctx context.Context, client *ecr.Client, arn string) (map[string]string, error) {
	out, err := client.ListTagsForResource(ctx, &ecr.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
	if err != nil {
		return nil, err
	}
	tags := make(map[string]string, len(out.Tags))
	for _, t := range out.Tags {
		tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return tags, nil
}

// CountImages counts every image in the repository, paging at the largest page size. It is used
// only on the error path of a refused delete, to tell the user how many images stand in the way.
func CountImages(ctx context.Context, client *ecr.Client, name string) (int, error) {
	n := 0
	p := ecr.NewListImagesPaginator(client, &ecr.ListImagesInput{RepositoryName: aws.String(name), MaxResults: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return 0, err
		}
		n += len(page.ImageIds)
	}
	return n, nil
}

// ExclusionFilters converts the API's filters to their wildcard strings.
func ExclusionFilters(in []types.ImageTagMutabilityExclusionFilter) []string {
	if len(in) == 0 {
		return nil
	}
	out := make([]string, 0, len(in))
	for _, f := range in {
		out = append(out, aws.ToString(f.Filter))
	}
	return out
}

// WildcardFilters converts wildcard strings to the API's filters (nil for none, as the plain
// modes require).
func WildcardFilters(filters []string) []types.ImageTagMutabilityExclusionFilter {
	if len(filters) == 0 {
		return nil
	}
	out := make([]types.ImageTagMutabilityExclusionFilter, 0, len(filters))
	for _, f := range filters {
		out = append(out, types.ImageTagMutabilityExclusionFilter{
			FilterType: types.ImageTagMutabilityExclusionFilterTypeWildcard,
			Filter:     aws.String(f),
		})
	}
	return out
}

// PutTagMutability sets the mode and its filters in one call.
func PutTagMutability(ctx context.Context, client *ecr.Client, registryID, name, mode string, filters []string) error {
	in := &ecr.PutImageTagMutabilityInput{
		RepositoryName:                     aws.String(name),
		ImageTagMutability:                 types.ImageTagMutability(mode),
		ImageTagMutabilityExclusionFilters: WildcardFilters(filters),
	}
	if registryID != "" {
		in.RegistryId = aws.String(registryID)
	}
	_, err := client.PutImageTagMutability(ctx, in)
	return err
}

// DescribeRepositoriesPageSize is DescribeRepositories' largest page.
const DescribeRepositoriesPageSize = 1000

// ListRepositories lists every repository of the registry at the largest page size.
func ListRepositories(ctx context.Context, client *ecr.Client) ([]types.Repository, error) {
	var out []types.Repository
	p := ecr.NewDescribeRepositoriesPaginator(client, &ecr.DescribeRepositoriesInput{MaxResults: aws.Int32(DescribeRepositoriesPageSize)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Repositories...)
	}
	return out, nil
}
