package provider_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

func providersWithEcho() map[string]func() (tfprotov6.ProviderServer, error) {
	factories := map[string]func() (tfprotov6.ProviderServer, error){"echo": echoprovider.NewProviderServer()}
	for name, f := range acctest.ProtoV6ProviderFactories {
		factories[name] = f
	}
	return factories
}

// TestAccAuthorizationTokenEphemeralResource_basic hands the credentials to the echo provider
// (only a hash of the password, never the password) and proves that neither the plan nor the
// state contains the password.
func TestAccAuthorizationTokenEphemeralResource_basic(t *testing.T) {
	acctest.SetupBeforeTest(t)
	creds, err := acctest.Client(t).GetRegistryCredentials(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(creds.Password))
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: providersWithEcho(),
		Steps: []resource.TestStep{
			{
				Config: acctest.ProviderConfig() + `
ephemeral "ecrgov_authorization_token" "test" {}

provider "echo" {
  data = {
    user_name       = ephemeral.ecrgov_authorization_token.test.user_name
    proxy_endpoint  = ephemeral.ecrgov_authorization_token.test.proxy_endpoint
    expires_at      = ephemeral.ecrgov_authorization_token.test.expires_at
    password_sha256 = sha256(ephemeral.ecrgov_authorization_token.test.password)
    token_decodes   = base64decode(ephemeral.ecrgov_authorization_token.test.authorization_token) == "${ephemeral.ecrgov_authorization_token.test.user_name}:${ephemeral.ecrgov_authorization_token.test.password}"
  }
}

resource "echo" "test" {}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{secretAbsentFromPlan(creds.Password)}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("user_name"), knownvalue.StringExact(creds.UserName)),
					statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("proxy_endpoint"), knownvalue.StringExact(creds.ProxyEndpoint)),
					statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("password_sha256"), knownvalue.StringExact(hex.EncodeToString(sum[:]))),
					statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("token_decodes"), knownvalue.Bool(true)),
					secretAbsentFromState(creds.Password),
				},
			},
		},
	})
}

func TestAccAuthorizationTokenEphemeralResource_badInput(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: providersWithEcho(),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig() + `
ephemeral "ecrgov_authorization_token" "test" {
  registry_id = "not-an-account"
}

provider "echo" {
  data = ephemeral.ecrgov_authorization_token.test.proxy_endpoint
}

resource "echo" "test" {}
`,
			ExpectError: errorText(`"not-an-account" is not an AWS account ID`),
		}},
	})
}

type secretCheck struct{ secret string }

func secretAbsentFromPlan(secret string) plancheck.PlanCheck { return secretCheck{secret} }

func secretAbsentFromState(secret string) statecheck.StateCheck { return secretCheck{secret} }

func (c secretCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = c.absent("plan", req.Plan)
}

func (c secretCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c.absent("state", req.State)
}

func (c secretCheck) absent(what string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if c.secret == "" || strings.Contains(string(b), c.secret) {
		return fmt.Errorf("the %s JSON contains the registry password", what)
	}
	return nil
}

// TestAccAuthorizationTokenEphemeralResource_registryID: the token works for every registry the
// caller may access; registry_id chooses the endpoint it is returned with.
func TestAccAuthorizationTokenEphemeralResource_registryID(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: providersWithEcho(),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig() + `
ephemeral "ecrgov_authorization_token" "test" {
  registry_id = "210987654321"
}

provider "echo" {
  data = ephemeral.ecrgov_authorization_token.test.proxy_endpoint
}

resource "echo" "test" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data"), knownvalue.StringExact("https://210987654321.dkr.ecr."+acctest.TestRegion()+".amazonaws.com")),
			},
		}},
	})
}
