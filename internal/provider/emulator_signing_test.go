package provider_test

// A test of the emulator itself, against the SDK: managed signing as scripts/moto_ecrgov.py
// models it (DESIGN.md, The emulator). The signing configuration is registry-wide, so this test
// runs with the provider's other serial tests and puts back what it found.

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

const (
	emulatorProfile = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/ecrgov_test"
	unknownDigest   = "sha256:0000000000000000000000000000000000000000000000000000000000000000"
)

func isCode(err error, code string) bool {
	var api interface{ ErrorCode() string }
	return errors.As(err, &api) && api.ErrorCode() == code
}

// Put/Get/DeleteSigningConfiguration with SigningConfigurationNotFoundException, the rule and
// filter limits, and DescribeImageSigningStatus: IN_PROGRESS and then COMPLETE for an image pushed
// after a rule that covers its repository took effect, FAILED when the profile asks for it,
// nothing for one pushed before or in a repository no rule covers.
func TestAccEmulator_signing(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	client := acctest.SDK(t)
	if before, err := client.GetSigningConfiguration(ctx, &ecr.GetSigningConfigurationInput{}); err == nil {
		t.Cleanup(func() {
			_, _ = client.PutSigningConfiguration(ctx, &ecr.PutSigningConfigurationInput{SigningConfiguration: before.SigningConfiguration})
		})
	} else if !isCode(err, "SigningConfigurationNotFoundException") {
		t.Fatal(err)
	} else {
		t.Cleanup(func() { _, _ = client.DeleteSigningConfiguration(ctx, &ecr.DeleteSigningConfigurationInput{}) })
	}
	_, _ = client.DeleteSigningConfiguration(ctx, &ecr.DeleteSigningConfigurationInput{})
	if _, err := client.GetSigningConfiguration(ctx, &ecr.GetSigningConfigurationInput{}); !isCode(err, "SigningConfigurationNotFoundException") {
		t.Fatalf("no configuration: %v, want SigningConfigurationNotFoundException", err)
	}

	base := acctest.RandomName("emu")
	signed, unsigned := base+"/signed", base+"-other/app"
	acctest.CreateRepository(t, signed, types.ImageTagMutabilityMutable)
	acctest.CreateRepository(t, unsigned, types.ImageTagMutabilityMutable)
	early := acctest.SeedImage(t, signed, "early")

	rule := types.SigningRule{
		SigningProfileArn: aws.String(emulatorProfile),
		RepositoryFilters: []types.SigningRepositoryFilter{{Filter: aws.String(base + "/*"), FilterType: types.SigningRepositoryFilterTypeWildcardMatch}},
	}
	if _, err := client.PutSigningConfiguration(ctx, &ecr.PutSigningConfigurationInput{
		SigningConfiguration: &types.SigningConfiguration{Rules: []types.SigningRule{rule}},
	}); err != nil {
		t.Fatal(err)
	}
	got, err := client.GetSigningConfiguration(ctx, &ecr.GetSigningConfigurationInput{})
	if err != nil || len(got.SigningConfiguration.Rules) != 1 || aws.ToString(got.SigningConfiguration.Rules[0].SigningProfileArn) != emulatorProfile {
		t.Fatalf("GetSigningConfiguration = %+v, %v", got, err)
	}
	bad := types.SigningRule{SigningProfileArn: aws.String("arn:aws:iam::123456789012:role/not-a-profile")}
	if _, err := client.PutSigningConfiguration(ctx, &ecr.PutSigningConfigurationInput{
		SigningConfiguration: &types.SigningConfiguration{Rules: []types.SigningRule{bad}},
	}); !isCode(err, "InvalidParameterException") {
		t.Fatalf("a rule without a signer profile: %v, want InvalidParameterException", err)
	}
	eleven := make([]types.SigningRule, 11)
	for i := range eleven {
		eleven[i] = rule
	}
	if _, err := client.PutSigningConfiguration(ctx, &ecr.PutSigningConfigurationInput{
		SigningConfiguration: &types.SigningConfiguration{Rules: eleven},
	}); !isCode(err, "InvalidParameterException") {
		t.Fatalf("11 rules: %v, want InvalidParameterException", err)
	}

	late := acctest.SeedImage(t, signed, "late")
	other := acctest.SeedImage(t, unsigned, "v1")
	status := func(repo, digest string) []types.ImageSigningStatus {
		t.Helper()
		out, err := client.DescribeImageSigningStatus(ctx, &ecr.DescribeImageSigningStatusInput{
			RepositoryName: aws.String(repo), ImageId: &types.ImageIdentifier{ImageDigest: aws.String(digest)},
		})
		if err != nil {
			t.Fatal(err)
		}
		return out.SigningStatuses
	}
	// Signing is asynchronous: IN_PROGRESS right after the push, COMPLETE a moment later
	// (ECRGOV_EMULATOR_SIGNING_SECONDS, 1 s by default).
	if s := status(signed, late.Digest); len(s) != 1 || s[0].Status != types.SigningStatusInProgress || aws.ToString(s[0].SigningProfileArn) != emulatorProfile {
		t.Fatalf("an image just pushed after the rule: %+v, want IN_PROGRESS", s)
	}
	deadline := time.Now().Add(10 * time.Second)
	for s := status(signed, late.Digest); len(s) != 1 || s[0].Status != types.SigningStatusComplete; s = status(signed, late.Digest) {
		if time.Now().After(deadline) {
			t.Fatalf("an image pushed after the rule: %+v, want COMPLETE within 10 s", s)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if s := status(signed, early.Digest); len(s) != 0 {
		t.Fatalf("an image pushed before the rule: %+v, want no status", s)
	}
	if s := status(unsigned, other.Digest); len(s) != 0 {
		t.Fatalf("a repository no rule covers: %+v, want no status", s)
	}
	if _, err := client.DescribeImageSigningStatus(ctx, &ecr.DescribeImageSigningStatusInput{
		RepositoryName: aws.String(signed), ImageId: &types.ImageIdentifier{ImageDigest: aws.String(unknownDigest)},
	}); !isCode(err, "ImageNotFoundException") {
		t.Fatalf("an unknown image: %v, want ImageNotFoundException", err)
	}

	// A profile named ecrgov_fail* asks the emulator for a FAILED signing, with a failure code
	// and reason as ImageSigningStatus carries them.
	failing := types.SigningRule{SigningProfileArn: aws.String("arn:aws:signer:us-east-1:123456789012:/signing-profiles/ecrgov_fail_test")}
	if _, err := client.PutSigningConfiguration(ctx, &ecr.PutSigningConfigurationInput{
		SigningConfiguration: &types.SigningConfiguration{Rules: []types.SigningRule{failing}},
	}); err != nil {
		t.Fatal(err)
	}
	doomed := acctest.SeedImage(t, unsigned, "doomed")
	deadline = time.Now().Add(10 * time.Second)
	for s := status(unsigned, doomed.Digest); len(s) != 1 || s[0].Status != types.SigningStatusFailed; s = status(unsigned, doomed.Digest) {
		if time.Now().After(deadline) {
			t.Fatalf("an image signed by a failing profile: %+v, want FAILED within 10 s", s)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if s := status(unsigned, doomed.Digest); aws.ToString(s[0].FailureCode) == "" || aws.ToString(s[0].FailureReason) == "" {
		t.Fatalf("FAILED without a code and reason: %+v", s)
	}
}
