package acctest_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// The emulator's restore-time control: a repository tagged with a long restore keeps a restored
// image ACTIVATING however long the machine takes; setting it to 0 finishes the restore under
// way at the next status check.
func TestAccEmulator_restoreSecondsControl(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	ctx := context.Background()
	client := acctest.SDK(t)
	repo := acctest.RandomName("emu")
	acctest.CreateRepository(t, repo, types.ImageTagMutabilityMutable)
	img := acctest.SeedImage(t, repo, "v1")
	id := types.ImageIdentifier{ImageDigest: aws.String(img.Digest)}
	for _, class := range []types.TargetStorageClass{types.TargetStorageClassArchive, types.TargetStorageClassStandard} {
		if _, err := client.UpdateImageStorageClass(ctx, &ecr.UpdateImageStorageClassInput{RepositoryName: aws.String(repo), ImageId: &id, TargetStorageClass: class}); err != nil {
			t.Fatal(err)
		}
		if class == types.TargetStorageClassArchive {
			acctest.SetEmulatorRestoreSeconds(t, repo, 3600)
		}
	}
	status := func() types.ImageStatus {
		t.Helper()
		out, err := client.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String(repo), ImageIds: []types.ImageIdentifier{id}})
		if err != nil || len(out.ImageDetails) != 1 {
			t.Fatalf("describing: %v", err)
		}
		return out.ImageDetails[0].ImageStatus
	}
	// Past the default 2 s restore: the tag holds it.
	time.Sleep(2500 * time.Millisecond)
	if s := status(); s != types.ImageStatusActivating {
		t.Fatalf("with a one-hour restore, the image is %q after 2.5 s, want ACTIVATING", s)
	}
	acctest.SetEmulatorRestoreSeconds(t, repo, 0)
	if s := status(); s != types.ImageStatusActive {
		t.Fatalf("with the restore time set to 0, the image is %q, want ACTIVE", s)
	}
}
