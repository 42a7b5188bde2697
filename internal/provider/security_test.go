package provider_test

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// TestAccSecurity_noSecretsInTraceLogs runs the authorization token at TF_LOG=TRACE with the
// provider's logs captured, and proves that neither the registry password, nor the token, nor
// the AWS secret key (given through the environment) appears in them.
func TestAccSecurity_noSecretsInTraceLogs(t *testing.T) {
	acctest.RequiresEmulator(t, "writes a provider block with the emulator's endpoint and static keys")
	if acctest.UnderOpenTofu() {
		// OpenTofu does not route an in-process provider's logs to TF_ACC_LOG_PATH, so there is
		// nothing to search: a pass would prove nothing. The Terraform run covers the provider.
		t.Skip("OpenTofu does not hand the provider's logs to TF_ACC_LOG_PATH; run with Terraform")
	}
	acctest.SetupBeforeTest(t)
	secretKey := "ecrgov-secret-" + strings.TrimPrefix(acctest.RandomName("k"), acctest.NamePrefix+"k-")
	logPath := filepath.Join(t.TempDir(), "terraform.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAECRGOVTEST")
	t.Setenv("AWS_SECRET_ACCESS_KEY", secretKey)
	creds, err := acctest.Client(t).GetRegistryCredentials(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: providersWithEcho(),
		Steps: []resource.TestStep{{
			// Credentials come from the environment, so the configuration (which the test
			// harness also logs) does not hold the secret.
			Config: `
provider "ecrgov" {
  region       = "` + acctest.Region + `"
  endpoint     = "` + acctest.Endpoint() + `"
  sts_endpoint = "` + acctest.Endpoint() + `"
}

ephemeral "ecrgov_authorization_token" "test" {}

provider "echo" {
  data = sha256(ephemeral.ecrgov_authorization_token.test.password)
}

resource "echo" "test" {}
`,
		}},
	})
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	logs := string(raw)
	if !strings.Contains(logs, "tf_provider_addr=registry.terraform.io/ecrgov/ecrgov") {
		t.Fatal("the provider's logs were not captured; the test would prove nothing")
	}
	for what, secret := range map[string]string{
		"registry password": creds.Password, "authorization token": creds.AuthorizationToken,
		"decoded token": base64.StdEncoding.EncodeToString([]byte(creds.UserName + ":" + creds.Password)), "AWS secret key": secretKey,
	} {
		if secret == "" || strings.Contains(logs, secret) {
			t.Errorf("the TRACE logs contain the %s", what)
		}
	}
}
