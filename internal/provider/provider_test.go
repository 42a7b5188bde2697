package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// The provider is only configured when something uses it, so each case plans one repository.
func testAccProviderConfig_withRepository(provider, name string) string {
	return provider + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name = %[1]q
}
`, name)
}

func TestAccProvider_allowedAccountIDs(t *testing.T) {
	name := acctest.RandomName("prov")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{{
			Config: testAccProviderConfig_withRepository(acctest.ProviderConfigWith(fmt.Sprintf(`  allowed_account_ids = [%q]`, acctest.AccountID())), name),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("registry_id"), knownvalue.StringExact(acctest.AccountID())),
				testAccCheckRepositoryAPI(t, "IMMUTABLE", nil, true),
			},
		}},
	})
}

func TestAccProvider_forbiddenAccountIDs(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:      testAccProviderConfig_withRepository(acctest.ProviderConfigWith(fmt.Sprintf(`  forbidden_account_ids = [%q]`, acctest.AccountID())), acctest.RandomName("prov")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)AWS account ` + acctest.AccountID() + ` is not allowed.*forbidden_account_ids`),
			},
			{
				Config:      testAccProviderConfig_withRepository(acctest.ProviderConfigWith(`  allowed_account_ids = ["111111111111"]`), acctest.RandomName("prov")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)AWS account ` + acctest.AccountID() + ` is not allowed.*not in\s+allowed_account_ids`),
			},
		},
	})
}

// TestAccProvider_unreachableEndpoint: a refused connection to ECR says to check endpoint.
func TestAccProvider_unreachableEndpoint(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "ecrgov" {
  region      = "us-east-1"
  endpoint    = "http://127.0.0.1:1"
  access_key  = "test"
  secret_key  = "test"
  max_retries = 0
}

data "ecrgov_repository" "test" {
  name = "team/app"
}
`,
			ExpectError: regexp.MustCompile(`(?s)Nothing answered at the ECR endpoint. Check endpoint in the provider\s+block`),
		}},
	})
}

// TestAccProvider_badConfiguration: each class of bad provider configuration is an error on its
// attribute at plan time.
func TestAccProvider_badConfiguration(t *testing.T) {
	name := acctest.RandomName("prov")
	provider := func(body string) string {
		return testAccProviderConfig_withRepository(fmt.Sprintf(`
provider "ecrgov" {
  access_key = "test"
  secret_key = "test"
%s
}
`, body), name)
	}
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{Config: provider(body), PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			step(`  region = "us-east-1"
  endpoint = "ftp://127.0.0.1:4566"`, `(?s)Invalid endpoint.*must start with https://`),
			step(`  region = "us-east-1"
  endpoint = "127.0.0.1:4566"`, `(?s)Invalid endpoint.*not a URL`),
			step(`  region = "us-east-1"
  endpoint = "http://"`, `(?s)Invalid endpoint.*has no host`),
			step(`  region = "Virginia"`, `(?s)Invalid region.*not an AWS region name`),
			step(`  region = "us-east-1"
  allowed_account_ids   = ["123456789012"]
  forbidden_account_ids = ["210987654321"]`, `(?s)Invalid Attribute Combination.*allowed_account_ids`),
			step(`  region = "us-east-1"
  allowed_account_ids = ["12345"]`, `(?s)not an AWS account ID`),
			step(`  region = "us-east-1"
  assume_role {
    role_arn = "arn:aws:iam::123456789012:user/alice"
  }`, `(?s)Invalid role ARN.*not an IAM role ARN`),
			step(`  region = "us-east-1"
  assume_role {
    role_arn = "arn:aws:iam::123456789012:role/deploy"
    duration = "13h"
  }`, `(?s)Invalid duration.*outside STS's range`),
			step(`  region = "us-east-1"
  max_retries = -1`, `(?s)max_retries value must be between 0 and 100`),
			// Nothing listens on port 1: the error says which endpoint to check.
			step(`  region = "us-east-1"
  sts_endpoint = "http://127.0.0.1:1"
  max_retries = 0
  allowed_account_ids = ["123456789012"]`, `(?s)checking the AWS account.*Check sts_endpoint`),
		},
	})
}
