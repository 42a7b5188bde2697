package ecrapi

import (
	"context"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// Repository is what the boundary says about a repository, with ECR's defaults applied here
// once: a repository without an encryption configuration is AES256.
type Repository struct {
	Name             string
	ARN              string
	RegistryID       string
	URI              string
	TagMutability    string
	ExclusionFilters []string // nil when there are none
	ScanOnPush       bool
	EncryptionType   string
	KMSKey           string // "" unless KMS or KMS_DSSE
	CreatedAt        time.Time
}

// EncryptionTypes are ECR's encryption types; AES256 is the default.
var EncryptionTypes = func() []string {
	var out []string
	for _, v := range types.EncryptionTypeAes256.Values() {
		out = append(out, string(v))
	}
	return out
}()

// DefaultEncryptionType is what ECR uses when a repository is created without one.
const DefaultEncryptionType = string(types.EncryptionTypeAes256)

// UsesKMS reports whether an encryption type takes a KMS key.
func UsesKMS(encryptionType string) bool {
	return encryptionType == string(types.EncryptionTypeKms) || encryptionType == string(types.EncryptionTypeKmsDsse)
}

func repositoryFrom(r types.Repository) Repository {
	out := Repository{
		Name:             aws.ToString(r.RepositoryName),
		ARN:              aws.ToString(r.RepositoryArn),
		RegistryID:       aws.ToString(r.RegistryId),
		URI:              aws.ToString(r.RepositoryUri),
		TagMutability:    string(r.ImageTagMutability),
		ExclusionFilters: exclusionFilters(r.ImageTagMutabilityExclusionFilters),
		EncryptionType:   DefaultEncryptionType,
		CreatedAt:        aws.ToTime(r.CreatedAt),
	}
	if r.ImageScanningConfiguration != nil {
		out.ScanOnPush = r.ImageScanningConfiguration.ScanOnPush
	}
	if enc := r.EncryptionConfiguration; enc != nil && enc.EncryptionType != "" {
		out.EncryptionType = string(enc.EncryptionType)
		out.KMSKey = aws.ToString(enc.KmsKey)
	}
	return out
}

// FindRepositoryByName returns the repository, or a *NotFoundError.
func (c *Client) FindRepositoryByName(ctx context.Context, name string) (*Repository, error) {
	out, err := c.api.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: []string{name}, RegistryId: c.registry()})
	if err != nil {
		return nil, repositoryNotFound(err, name)
	}
	if len(out.Repositories) == 0 {
		return nil, &NotFoundError{Kind: KindRepository, ID: name}
	}
	r := repositoryFrom(out.Repositories[0])
	return &r, nil
}

// FindNewRepositoryByName is FindRepositoryByName for a repository this run has just created:
// not found is looked at again a few times (findNew) before it is believed.
func (c *Client) FindNewRepositoryByName(ctx context.Context, name string) (*Repository, error) {
	return findNew(ctx, c, func(ctx context.Context) (*Repository, error) { return c.FindRepositoryByName(ctx, name) })
}

// FindRepositoryTags returns the repository's resource tags as a map.
func (c *Client) FindRepositoryTags(ctx context.Context, arn string) (map[string]string, error) {
	out, err := c.api.ListTagsForResource(ctx, &ecr.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
	if err != nil {
		return nil, err
	}
	tags := make(map[string]string, len(out.Tags))
	for _, t := range out.Tags {
		tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return tags, nil
}

// RepositorySpec is what CreateRepository asks for.
type RepositorySpec struct {
	Name             string
	TagMutability    string
	ExclusionFilters []string
	ScanOnPush       bool
	EncryptionType   string
	KMSKey           string // "" lets ECR choose the AWS managed key for KMS types
	Tags             map[string]string
}

// CreateRepository creates the repository with its whole configuration and tags in one call.
// An ambiguous outcome is settled, never guessed: see createSettled.
func (c *Client) CreateRepository(ctx context.Context, spec RepositorySpec) (*Repository, error) {
	in := &ecr.CreateRepositoryInput{
		RepositoryName:                     aws.String(spec.Name),
		RegistryId:                         c.registry(),
		ImageTagMutability:                 types.ImageTagMutability(spec.TagMutability),
		ImageTagMutabilityExclusionFilters: wildcardFilters(spec.ExclusionFilters),
		ImageScanningConfiguration:         &types.ImageScanningConfiguration{ScanOnPush: spec.ScanOnPush},
		EncryptionConfiguration:            &types.EncryptionConfiguration{EncryptionType: types.EncryptionType(spec.EncryptionType)},
		Tags:                               apiTags(spec.Tags),
	}
	if spec.KMSKey != "" {
		in.EncryptionConfiguration.KmsKey = aws.String(spec.KMSKey)
	}
	return createSettled(ctx, c, createOp[Repository]{
		kind: KindRepository, id: spec.Name, sentinel: ErrRepositoryExists,
		call: func(ctx context.Context) (*Repository, error) {
			out, err := c.api.CreateRepository(ctx, in, oneAttempt)
			if err != nil {
				return nil, err
			}
			r := repositoryFrom(*out.Repository)
			return &r, nil
		},
		exists: func(err error) bool {
			var exists *types.RepositoryAlreadyExistsException
			return errors.As(err, &exists)
		},
		find: func(ctx context.Context) (*Repository, error) { return c.FindRepositoryByName(ctx, spec.Name) },
		ours: func(r *Repository, started time.Time) bool {
			return createdSince(r.CreatedAt, started) && r.matches(spec)
		},
	})
}

// ErrRepositoryExists is wrapped by the *ExistsError of a create that met a repository it
// cannot show it made.
var ErrRepositoryExists = errors.New("the repository already exists")

// matches reports whether the repository has the settings spec asked for (tags are left out:
// another writer can add tags, but cannot make a repository at the same moment with the same
// mutability, filters, scanning and encryption by chance).
func (r *Repository) matches(spec RepositorySpec) bool {
	return r.TagMutability == spec.TagMutability &&
		slices.Equal(sorted(r.ExclusionFilters), sorted(spec.ExclusionFilters)) &&
		r.ScanOnPush == spec.ScanOnPush &&
		r.EncryptionType == spec.EncryptionType &&
		(spec.KMSKey == "" || r.KMSKey == spec.KMSKey)
}

func sorted(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return out
}

// ErrRepositoryNotEmpty is returned by DeleteRepository when the repository holds images and
// force is false.
var ErrRepositoryNotEmpty = errors.New("the repository holds images")

// DeleteRepository deletes the repository (with its images when force is set) and waits until
// DescribeRepositories no longer lists it, or lists a new one of that name (waitGone), so that a
// create of the same name that follows does not meet the old one. A repository that is already gone is success.
func (c *Client) DeleteRepository(ctx context.Context, name string, force bool) error {
	out, err := c.api.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{
		RepositoryName: aws.String(name), RegistryId: c.registry(), Force: force,
	})
	var notEmpty *types.RepositoryNotEmptyException
	switch {
	case err == nil:
		var deletedAt time.Time
		if out.Repository != nil {
			deletedAt = aws.ToTime(out.Repository.CreatedAt)
		}
		return c.waitGone(ctx, KindRepository, name, deletedAt, func(ctx context.Context) (time.Time, error) {
			r, err := c.FindRepositoryByName(ctx, name)
			if err != nil {
				return time.Time{}, err
			}
			return r.CreatedAt, nil
		})
	case IsNotFound(repositoryNotFound(err, name)):
		return nil
	case errors.As(err, &notEmpty):
		return errors.Join(ErrRepositoryNotEmpty, err)
	}
	return err
}

// CountImages counts every image in the repository, paging at the largest page size. It is used
// only on the error path of a refused delete, to tell the user how many images stand in the way.
func (c *Client) CountImages(ctx context.Context, name string) (int, error) {
	n := 0
	p := ecr.NewListImagesPaginator(c.api, &ecr.ListImagesInput{RepositoryName: aws.String(name), RegistryId: c.registry(), MaxResults: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return 0, repositoryNotFound(err, name)
		}
		n += len(page.ImageIds)
	}
	return n, nil
}

// PutTagMutability sets the mode and its filters in one call.
func (c *Client) PutTagMutability(ctx context.Context, name, mode string, filters []string) error {
	_, err := c.api.PutImageTagMutability(ctx, &ecr.PutImageTagMutabilityInput{
		RepositoryName:                     aws.String(name),
		RegistryId:                         c.registry(),
		ImageTagMutability:                 types.ImageTagMutability(mode),
		ImageTagMutabilityExclusionFilters: wildcardFilters(filters),
	})
	return repositoryNotFound(err, name)
}

// PutScanOnPush turns scan on push on or off.
func (c *Client) PutScanOnPush(ctx context.Context, name string, scanOnPush bool) error {
	_, err := c.api.PutImageScanningConfiguration(ctx, &ecr.PutImageScanningConfigurationInput{
		RepositoryName:             aws.String(name),
		RegistryId:                 c.registry(),
		ImageScanningConfiguration: &types.ImageScanningConfiguration{ScanOnPush: scanOnPush},
	})
	return repositoryNotFound(err, name)
}

// UpdateTags changes the resource's tags from current to desired: one UntagResource for the
// removed keys and one TagResource for the added or changed ones, each only when needed.
func (c *Client) UpdateTags(ctx context.Context, arn string, current, desired map[string]string) error {
	var removed []string
	for k := range current {
		if _, keep := desired[k]; !keep {
			removed = append(removed, k)
		}
	}
	if len(removed) > 0 {
		slices.Sort(removed)
		if _, err := c.api.UntagResource(ctx, &ecr.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: removed}); err != nil {
			return err
		}
	}
	changed := maps.Clone(desired)
	maps.DeleteFunc(changed, func(k, v string) bool { o, ok := current[k]; return ok && o == v })
	if len(changed) > 0 {
		if _, err := c.api.TagResource(ctx, &ecr.TagResourceInput{ResourceArn: aws.String(arn), Tags: apiTags(changed)}); err != nil {
			return err
		}
	}
	return nil
}

// DescribeRepositoriesPageSize is DescribeRepositories' largest page.
const DescribeRepositoriesPageSize = 1000

// ListRepositories lists every repository of the registry at the largest page size.
func (c *Client) ListRepositories(ctx context.Context) ([]Repository, error) {
	var out []Repository
	p := ecr.NewDescribeRepositoriesPaginator(c.api, &ecr.DescribeRepositoriesInput{RegistryId: c.registry(), MaxResults: aws.Int32(DescribeRepositoriesPageSize)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range page.Repositories {
			out = append(out, repositoryFrom(r))
		}
	}
	return out, nil
}

func exclusionFilters(in []types.ImageTagMutabilityExclusionFilter) []string {
	if len(in) == 0 {
		return nil
	}
	out := make([]string, 0, len(in))
	for _, f := range in {
		out = append(out, aws.ToString(f.Filter))
	}
	return out
}

// wildcardFilters converts wildcard strings to the API's filters (nil for none, as the plain
// modes require).
func wildcardFilters(filters []string) []types.ImageTagMutabilityExclusionFilter {
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

// apiTags converts a map to ECR's tag list, sorted by key so that requests are reproducible.
func apiTags(tags map[string]string) []types.Tag {
	var out []types.Tag
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}
