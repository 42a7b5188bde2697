package acctest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// The acceptance suite runs against the local emulator (the default, and CI) or, for a
// maintainer before a release, against real ECR: ECRGOV_ACC_TARGET=aws with AWS_REGION and
// ECRGOV_ACC_AWS_ACCOUNT set (`make testacc-aws`). In aws mode the provider and the harness use
// the standard credential chain with no endpoint, and the tests that need the emulator skip.
const (
	TargetEmulator = "emulator"
	TargetAWS      = "aws"
)

// Target is the suite's target: TargetAWS when ECRGOV_ACC_TARGET=aws, else TargetEmulator.
func Target() string {
	if os.Getenv("ECRGOV_ACC_TARGET") == TargetAWS {
		return TargetAWS
	}
	return TargetEmulator
}

// OnAWS reports whether the suite runs against real ECR.
func OnAWS() bool { return Target() == TargetAWS }

// AWSAccountEnv names the account the real-ECR suite may run in.
const AWSAccountEnv = "ECRGOV_ACC_AWS_ACCOUNT"

// AccountID is the registry the tests expect: the emulator's, or ECRGOV_ACC_AWS_ACCOUNT.
func AccountID() string {
	if OnAWS() {
		return os.Getenv(AWSAccountEnv)
	}
	return EmulatorAccountID
}

// TestRegion is the region the tests configure: AWS_REGION on real ECR, else Region.
func TestRegion() string {
	if OnAWS() {
		return os.Getenv("AWS_REGION")
	}
	return Region
}

// RequiresEmulator skips the test on real ECR, and only there, saying why: fault injection,
// lost responses and fakes exist only in front of the emulator.
func RequiresEmulator(t *testing.T, reason string) {
	t.Helper()
	if OnAWS() {
		t.Skipf("needs the emulator: %s", reason)
	}
}

// AllowRegistryChangesEnv opts the real-ECR suite into the tests that change a registry-wide
// setting (signing, scanning, account settings). Set it only for a dedicated test account.
const AllowRegistryChangesEnv = "ECRGOV_ACC_ALLOW_REGISTRY_CHANGES"

// ChangesRegistry skips the test on real ECR unless ECRGOV_ACC_ALLOW_REGISTRY_CHANGES=1, saying
// why: it changes what, a setting of the whole registry, which the test puts back but which
// governs every repository of the account while it runs.
func ChangesRegistry(t *testing.T, what string) {
	t.Helper()
	if OnAWS() && os.Getenv(AllowRegistryChangesEnv) != "1" {
		t.Skipf("changes %s, which governs the whole registry; set %s=1 to run it in a dedicated test account", what, AllowRegistryChangesEnv)
	}
}

// ErrAWSTargetIncomplete is returned when aws mode lacks its region or account.
var ErrAWSTargetIncomplete = fmt.Errorf("ECRGOV_ACC_TARGET=aws needs AWS_REGION and %s", AWSAccountEnv)

// CheckAWSAccount refuses to go on unless the credentials resolve to ECRGOV_ACC_AWS_ACCOUNT: one
// STS GetCallerIdentity, through the provider's own account check. The STS endpoint is the
// standard chain's (AWS_ENDPOINT_URL_STS included, which is how the emulator tests it).
func CheckAWSAccount(ctx context.Context) error {
	region, account := os.Getenv("AWS_REGION"), os.Getenv(AWSAccountEnv)
	if region == "" || account == "" {
		return ErrAWSTargetIncomplete
	}
	if err := ecrapi.CheckAccountID(account); err != nil {
		return fmt.Errorf("%s: %w", AWSAccountEnv, err)
	}
	_, err := ecrapi.New(ctx, ecrapi.Config{Region: region, AllowedAccountIDs: []string{account}})
	return err
}

var (
	awsOnce sync.Once
	awsErr  error
)

// preCheckAWS runs the account guard once per test binary.
func preCheckAWS(t *testing.T) {
	t.Helper()
	awsOnce.Do(func() { awsErr = CheckAWSAccount(context.Background()) })
	if awsErr != nil {
		t.Fatalf("refusing to run against real ECR: %v", awsErr)
	}
}

// UnderOpenTofu reports whether the suite drives OpenTofu (scripts/testacc-opentofu.sh) rather
// than Terraform: the binary is named tofu, or providers resolve from OpenTofu's registry.
func UnderOpenTofu() bool {
	return strings.HasPrefix(filepath.Base(os.Getenv("TF_ACC_TERRAFORM_PATH")), "tofu") ||
		os.Getenv("TF_ACC_PROVIDER_HOST") == "registry.opentofu.org"
}

// RestoreTimeout is how long a test lets a restore of an archived image (UpdateImageStorageClass
// to STANDARD, ACTIVATING then ACTIVE) take: ECR documents that a restore completes "within 20
// minutes", so on real ECR it is 25 minutes; the emulator restores in seconds
// (EmulatorRestoreSecondsTag), so there it stays 1 minute and a hang still fails fast. Use it
// within `make testacc-aws`, whose `go test -timeout` (60m) leaves room for it.
func RestoreTimeout() string {
	if OnAWS() {
		return "25m"
	}
	return "1m"
}
