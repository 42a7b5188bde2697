package acctest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/opencontainers/go-digest"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

// Layer uploads follow the API reference: a blob completes under its sha256, a second upload of
// it is LayerAlreadyExistsException (which seed treats as done), a wrong digest is
// InvalidLayerException, a part that does not continue the upload is InvalidLayerPartException,
// an unknown upload is UploadNotFoundException.
func TestAccEmulator_layerUploads(t *testing.T) {
	acctest.SetupBeforeTest(t)
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	ctx := context.Background()
	client := acctest.SDK(t)
	repo := acctest.RandomName("emu")
	acctest.CreateRepository(t, repo, types.ImageTagMutabilityMutable)
	blob := []byte("a tiny layer for " + repo)

	if err := seed.UploadBlob(ctx, client, repo, blob); err != nil {
		t.Fatalf("uploading a blob: %v", err)
	}
	if err := seed.UploadBlob(ctx, client, repo, blob); err != nil {
		t.Fatalf("uploading it again (LayerAlreadyExists is done): %v", err)
	}
	up, err := client.InitiateLayerUpload(ctx, &ecr.InitiateLayerUploadInput{RepositoryName: aws.String(repo)})
	if err != nil {
		t.Fatal(err)
	}
	var badPart *types.InvalidLayerPartException
	if _, err := client.UploadLayerPart(ctx, &ecr.UploadLayerPartInput{RepositoryName: aws.String(repo), UploadId: up.UploadId,
		LayerPartBlob: []byte("x"), PartFirstByte: aws.Int64(5), PartLastByte: aws.Int64(5)}); !errors.As(err, &badPart) {
		t.Fatalf("a part that does not start at 0: %v, want InvalidLayerPartException", err)
	}
	if _, err := client.UploadLayerPart(ctx, &ecr.UploadLayerPartInput{RepositoryName: aws.String(repo), UploadId: up.UploadId,
		LayerPartBlob: []byte("other"), PartFirstByte: aws.Int64(0), PartLastByte: aws.Int64(4)}); err != nil {
		t.Fatal(err)
	}
	var invalid *types.InvalidLayerException
	if _, err := client.CompleteLayerUpload(ctx, &ecr.CompleteLayerUploadInput{RepositoryName: aws.String(repo), UploadId: up.UploadId,
		LayerDigests: []string{digest.FromString("not these bytes").String()}}); !errors.As(err, &invalid) {
		t.Fatalf("completing under another digest: %v, want InvalidLayerException", err)
	}
	var notFound *types.UploadNotFoundException
	if _, err := client.CompleteLayerUpload(ctx, &ecr.CompleteLayerUploadInput{RepositoryName: aws.String(repo), UploadId: aws.String("00000000-0000-0000-0000-000000000000"),
		LayerDigests: []string{digest.FromBytes(blob).String()}}); !errors.As(err, &notFound) {
		t.Fatalf("an unknown upload: %v, want UploadNotFoundException", err)
	}
}
