package acctest_test

// Tests of the emulator itself, against the SDK: each behaviour scripts/moto-patches.py adds
// for pull times is checked here as ECR documents it (DESIGN.md, The emulator).

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
)

func lastPull(t *testing.T, client *ecr.Client, repo, digest string) time.Time {
	t.Helper()
	out, err := client.DescribeImages(context.Background(), &ecr.DescribeImagesInput{
		RepositoryName: aws.String(repo), ImageIds: []types.ImageIdentifier{{ImageDigest: aws.String(digest)}},
	})
	if err != nil || len(out.ImageDetails) != 1 {
		t.Fatalf("describing %s@%s: %v", repo, digest, err)
	}
	return aws.ToTime(out.ImageDetails[0].LastRecordedPullTime)
}

func pull(t *testing.T, client *ecr.Client, repo, digest string) {
	t.Helper()
	out, err := client.BatchGetImage(context.Background(), &ecr.BatchGetImageInput{
		RepositoryName: aws.String(repo), ImageIds: []types.ImageIdentifier{{ImageDigest: aws.String(digest)}},
		AcceptedMediaTypes: imageref.AcceptedManifestMediaTypes,
	})
	if err != nil || len(out.Images) != 1 {
		t.Fatalf("pulling %s@%s: %v", repo, digest, err)
	}
}

// "Amazon ECR updates the LastRecordedPullTime timestamp on every pull": a BatchGetImage that
// returns the manifest records one; DescribeImages does not.
func TestAccEmulator_batchGetImageRecordsAPull(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	repo := acctest.RandomName("emu")
	acctest.CreateRepository(t, repo, types.ImageTagMutabilityMutable)
	img := acctest.SeedImage(t, repo, "v1")
	client := acctest.SDK(t)
	if got := lastPull(t, client, repo, img.Digest); !got.IsZero() {
		t.Fatalf("a new image has a pull time: %s", got)
	}
	before := time.Now().Add(-time.Second)
	pull(t, client, repo, img.Digest)
	got := lastPull(t, client, repo, img.Digest)
	if got.Before(before) {
		t.Fatalf("lastRecordedPullTime = %s after a BatchGetImage, want about now", got)
	}
	if again := lastPull(t, client, repo, img.Digest); !again.Equal(got) {
		t.Fatalf("DescribeImages moved the pull time from %s to %s", got, again)
	}
}

// Register, list and deregister follow the API reference, errors included, and an excluded
// caller's pulls are not recorded. Not parallel: exclusions are registry-wide.
func TestAccEmulator_pullTimeUpdateExclusions(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	client := acctest.SDK(t)
	// The emulator's static test credentials resolve to this IAM user (moto's STS default,
	// arn:aws:sts::123456789012:user/moto, read as the IAM user it names).
	caller := "arn:aws:iam::123456789012:user/moto"
	t.Cleanup(func() {
		_, _ = client.DeregisterPullTimeUpdateExclusion(ctx, &ecr.DeregisterPullTimeUpdateExclusionInput{PrincipalArn: aws.String(caller)})
	})

	if _, err := client.RegisterPullTimeUpdateExclusion(ctx, &ecr.RegisterPullTimeUpdateExclusionInput{PrincipalArn: aws.String("not-an-arn")}); !isCode(err, "InvalidParameterException") {
		t.Fatalf("registering a non-ARN: %v, want InvalidParameterException", err)
	}
	out, err := client.RegisterPullTimeUpdateExclusion(ctx, &ecr.RegisterPullTimeUpdateExclusionInput{PrincipalArn: aws.String(caller)})
	if err != nil || aws.ToString(out.PrincipalArn) != caller || out.CreatedAt == nil {
		t.Fatalf("register: %+v, %v", out, err)
	}
	var exists *types.ExclusionAlreadyExistsException
	if _, err := client.RegisterPullTimeUpdateExclusion(ctx, &ecr.RegisterPullTimeUpdateExclusionInput{PrincipalArn: aws.String(caller)}); !errors.As(err, &exists) {
		t.Fatalf("registering twice: %v, want ExclusionAlreadyExistsException", err)
	}
	list, err := client.ListPullTimeUpdateExclusions(ctx, &ecr.ListPullTimeUpdateExclusionsInput{})
	if err != nil || !contains(list.PullTimeUpdateExclusions, caller) {
		t.Fatalf("list: %+v, %v", list, err)
	}

	repo := acctest.RandomName("emu")
	acctest.CreateRepository(t, repo, types.ImageTagMutabilityMutable)
	img := acctest.SeedImage(t, repo, "v1")
	pull(t, client, repo, img.Digest)
	if got := lastPull(t, client, repo, img.Digest); !got.IsZero() {
		t.Fatalf("an excluded caller's pull was recorded at %s", got)
	}

	if _, err := client.DeregisterPullTimeUpdateExclusion(ctx, &ecr.DeregisterPullTimeUpdateExclusionInput{PrincipalArn: aws.String(caller)}); err != nil {
		t.Fatal(err)
	}
	var missing *types.ExclusionNotFoundException
	if _, err := client.DeregisterPullTimeUpdateExclusion(ctx, &ecr.DeregisterPullTimeUpdateExclusionInput{PrincipalArn: aws.String(caller)}); !errors.As(err, &missing) {
		t.Fatalf("deregistering twice: %v, want ExclusionNotFoundException", err)
	}
	pull(t, client, repo, img.Digest)
	if got := lastPull(t, client, repo, img.Digest); got.IsZero() {
		t.Fatal("after deregistering, a pull was not recorded")
	}
}

func isCode(err error, code string) bool {
	var api interface{ ErrorCode() string }
	return errors.As(err, &api) && api.ErrorCode() == code
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// The coarse pull-time mode: ECR refreshes lastRecordedPullTime "at least once every 24 hours",
// so it "may not be the exact time that the image was last pulled" (ImageDetail). A repository
// tagged ecrgov-emulator:pull-time-refresh-seconds=N keeps a recorded pull time for N seconds;
// a later pull within them does not move it.
func TestAccEmulator_pullTimeRefresh(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	ctx := context.Background()
	client := acctest.SDK(t)
	repo := acctest.RandomName("emu")
	if _, err := client.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String(repo),
		Tags: []types.Tag{{Key: aws.String(PullRefreshTag), Value: aws.String("3600")}}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = client.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{RepositoryName: aws.String(repo), Force: true})
	})
	img := acctest.SeedImage(t, repo, "v1")
	pull(t, client, repo, img.Digest)
	first := lastPull(t, client, repo, img.Digest)
	if first.IsZero() {
		t.Fatal("the first pull was not recorded")
	}
	time.Sleep(50 * time.Millisecond)
	pull(t, client, repo, img.Digest)
	if again := lastPull(t, client, repo, img.Digest); !again.Equal(first) {
		t.Fatalf("a pull within the refresh period moved lastRecordedPullTime from %s to %s", first, again)
	}
}

// PullRefreshTag puts a repository in the emulator's coarse pull-time mode.
const PullRefreshTag = "ecrgov-emulator:pull-time-refresh-seconds"
