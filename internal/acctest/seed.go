package acctest

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	v1 "github.com/opencontainers/image-spec/specs-go/v1"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

// Manifest is a manifest's exact bytes with its media type and digest.
type Manifest = seed.Manifest

// MultiArchImage is what SeedMultiArchIndex pushed.
type MultiArchImage = seed.MultiArch

// ImageManifest builds a unique single-platform OCI image manifest.
func ImageManifest(_ *testing.T, platform *v1.Platform) Manifest { return seed.ImageManifest(platform) }

// PutManifest pushes m under tag ("" for untagged) and returns the API error.
func PutManifest(ctx context.Context, client *ecr.Client, repository, tag string, m Manifest) error {
	return seed.Put(ctx, client, repository, tag, m)
}

// SeedImage pushes a new single-platform image under tag ("" for untagged) and returns it.
func SeedImage(t *testing.T, repository, tag string) Manifest {
	t.Helper()
	m := seed.ImageManifest(nil)
	if err := seed.Put(context.Background(), SDK(t), repository, tag, m); err != nil {
		t.Fatalf("seeding image %s:%s: %v", repository, tag, err)
	}
	return m
}

// SeedMultiArchIndex pushes linux/amd64 and linux/arm64/v8 manifests, a buildx attestation
// manifest, and an OCI index over them under tag.
func SeedMultiArchIndex(t *testing.T, repository, tag string) MultiArchImage {
	return seedMultiArch(t, repository, tag, imageref.MediaTypeOCIIndex)
}

// SeedManifestList is SeedMultiArchIndex with a Docker manifest list.
func SeedManifestList(t *testing.T, repository, tag string) MultiArchImage {
	return seedMultiArch(t, repository, tag, imageref.MediaTypeDockerManifestList)
}

func seedMultiArch(t *testing.T, repository, tag, mediaType string) MultiArchImage {
	t.Helper()
	img := seed.NewMultiArch(mediaType)
	if err := seed.PutMultiArch(context.Background(), SDK(t), repository, tag, img); err != nil {
		t.Fatalf("seeding multi-arch image %s:%s: %v", repository, tag, err)
	}
	return img
}

// CreateRepository makes a repository directly through the API, as another tool would, and
// deletes it (with its images) when the test ends.
func CreateRepository(t *testing.T, name string, mutability ecrtypes.ImageTagMutability, filters ...string) {
	t.Helper()
	client := SDK(t)
	in := &ecr.CreateRepositoryInput{RepositoryName: aws.String(name), ImageTagMutability: mutability}
	for _, f := range filters {
		in.ImageTagMutabilityExclusionFilters = append(in.ImageTagMutabilityExclusionFilters,
			ecrtypes.ImageTagMutabilityExclusionFilter{FilterType: ecrtypes.ImageTagMutabilityExclusionFilterTypeWildcard, Filter: aws.String(f)})
	}
	// Test names are random, so RepositoryAlreadyExists means an earlier attempt of this call
	// succeeded and its answer was lost (the emulator drops connections under load).
	var exists *ecrtypes.RepositoryAlreadyExistsException
	if _, err := client.CreateRepository(context.Background(), in); err != nil && !errors.As(err, &exists) {
		t.Fatalf("creating repository %s: %v", name, err)
	}
	t.Cleanup(func() {
		_, _ = client.DeleteRepository(context.Background(), &ecr.DeleteRepositoryInput{RepositoryName: aws.String(name), Force: true})
	})
}

// EmulatorRestoreSecondsTag is the repository tag that tells the emulator how long a restore
// from archive takes in that repository (scripts/moto_ecrgov.py). It is a control of the
// emulator's, not ECR behaviour: ECR documents only "within 20 minutes".
const EmulatorRestoreSecondsTag = "ecrgov-emulator:restore-seconds"

// SetEmulatorRestoreSeconds sets how long restores take in repository, including one under way.
func SetEmulatorRestoreSeconds(t *testing.T, repository string, seconds int) {
	t.Helper()
	RequiresEmulator(t, "restore timing is an emulator control")
	client := SDK(t)
	out, err := client.DescribeRepositories(context.Background(), &ecr.DescribeRepositoriesInput{RepositoryNames: []string{repository}})
	if err != nil || len(out.Repositories) != 1 {
		t.Fatalf("describing %s to set its restore time: %v", repository, err)
	}
	_, err = client.TagResource(context.Background(), &ecr.TagResourceInput{
		ResourceArn: out.Repositories[0].RepositoryArn,
		Tags:        []ecrtypes.Tag{{Key: aws.String(EmulatorRestoreSecondsTag), Value: aws.String(strconv.Itoa(seconds))}},
	})
	if err != nil {
		t.Fatalf("setting the restore time of %s: %v", repository, err)
	}
}
