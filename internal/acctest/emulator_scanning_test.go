package acctest_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// The SDK omits a false scanOnPush; ECR reads the omission as false. The emulator must too, or
// scan_on_push = false would never converge.
func TestAccEmulator_scanOnPushFalse(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	client := acctest.SDK(t)
	repo := acctest.RandomName("emu")
	if _, err := client.CreateRepository(ctx, &ecr.CreateRepositoryInput{
		RepositoryName: aws.String(repo), ImageScanningConfiguration: &types.ImageScanningConfiguration{ScanOnPush: true},
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = client.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{RepositoryName: aws.String(repo), Force: true})
	})
	if _, err := client.PutImageScanningConfiguration(ctx, &ecr.PutImageScanningConfigurationInput{
		RepositoryName: aws.String(repo), ImageScanningConfiguration: &types.ImageScanningConfiguration{ScanOnPush: false},
	}); err != nil {
		t.Fatal(err)
	}
	out, err := client.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: []string{repo}})
	if err != nil {
		t.Fatal(err)
	}
	if got := out.Repositories[0].ImageScanningConfiguration; got == nil || got.ScanOnPush {
		t.Fatalf("scanOnPush after turning it off: %+v, want false", got)
	}
}
