package acctest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

func setAWSTarget(t *testing.T, account string) {
	t.Setenv("ECRGOV_ACC_TARGET", TargetAWS)
	t.Setenv("AWS_REGION", "eu-west-1")
	t.Setenv(AWSAccountEnv, account)
}

// In aws mode the provider block names only the region, the harness has no endpoint, and the
// expected account is the configured one.
func TestTarget_awsMode(t *testing.T) {
	if Target() != TargetEmulator || Endpoint() == "" || !strings.Contains(ProviderConfig(), "endpoint") {
		t.Fatal("the default target is not the emulator")
	}
	setAWSTarget(t, "210987654321")
	cfg := ProviderConfig()
	if strings.Contains(cfg, "endpoint") || strings.Contains(cfg, "access_key") || !strings.Contains(cfg, `region = "eu-west-1"`) {
		t.Errorf("aws-mode provider block:\n%s", cfg)
	}
	if Endpoint() != "" || AccountID() != "210987654321" || TestRegion() != "eu-west-1" {
		t.Errorf("aws mode: endpoint %q, account %q, region %q", Endpoint(), AccountID(), TestRegion())
	}
}

// RequiresEmulator skips on real ECR, and only there, with its reason.
func TestTarget_requiresEmulatorSkipsOnlyOnAWS(t *testing.T) {
	ran := t.Run("emulator", func(t *testing.T) { RequiresEmulator(t, "fault injection") })
	if !ran {
		t.Fatal("skipped or failed on the emulator")
	}
	setAWSTarget(t, "210987654321")
	var sub *testing.T
	t.Run("aws", func(t *testing.T) {
		sub = t
		RequiresEmulator(t, "fault injection")
	})
	if !sub.Skipped() {
		t.Fatal("not skipped on real ECR")
	}
}

func TestTarget_incompleteAWSTargetIsRefused(t *testing.T) {
	setAWSTarget(t, "")
	if err := CheckAWSAccount(context.Background()); !errors.Is(err, ErrAWSTargetIncomplete) {
		t.Fatalf("err = %v, want ErrAWSTargetIncomplete", err)
	}
	setAWSTarget(t, "12345")
	if err := CheckAWSAccount(context.Background()); err == nil || !strings.Contains(err.Error(), "not an AWS account ID") {
		t.Fatalf("err = %v, want a bad account ID", err)
	}
}

// The account guard against the emulator's STS: the right account passes, another is refused
// before any test runs.
func TestAccTarget_accountGuard(t *testing.T) {
	PreCheck(t) // the emulator, before the target switches
	endpoint := Endpoint()
	t.Setenv("AWS_ENDPOINT_URL_STS", endpoint)
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	setAWSTarget(t, EmulatorAccountID)
	if err := CheckAWSAccount(context.Background()); err != nil {
		t.Fatalf("the emulator's own account was refused: %v", err)
	}
	setAWSTarget(t, "111111111111")
	var notAllowed *ecrapi.AccountNotAllowedError
	if err := CheckAWSAccount(context.Background()); !errors.As(err, &notAllowed) || notAllowed.AccountID != EmulatorAccountID {
		t.Fatalf("err = %v, want the credentials' account %s refused", err, EmulatorAccountID)
	}
}

// make testacc-aws starts with scripts/aws-account-guard: against the emulator's STS it lets the
// right account through and stops any other before a test runs.
func TestAccTarget_guardCommand(t *testing.T) {
	PreCheck(t)
	run := func(account string) (string, error) {
		cmd := exec.Command("go", "run", filepath.Join(repoRoot(), "scripts", "aws-account-guard"))
		cmd.Env = append(os.Environ(), "ECRGOV_ACC_TARGET=aws", "AWS_REGION=us-east-1", AWSAccountEnv+"="+account,
			"AWS_ENDPOINT_URL_STS="+Endpoint(), "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run(EmulatorAccountID); err != nil {
		t.Fatalf("the right account was refused: %v\n%s", err, out)
	}
	out, err := run("111111111111")
	if err == nil || !strings.Contains(out, "refusing to run") || !strings.Contains(out, EmulatorAccountID) {
		t.Fatalf("the wrong account was let through: %v\n%s", err, out)
	}
}
