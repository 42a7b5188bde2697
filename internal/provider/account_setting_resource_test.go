package provider_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

const accountSettingAddr = "ecrgov_account_setting.test"

func testAccAccountSettingConfig(name, value string, restore bool) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_account_setting" "test" {
  name               = %q
  value              = %q
  restore_on_destroy = %t
}
`, name, value, restore)
}

func testAccCheckBlobMounting(t *testing.T, want string) func() error {
	const name = "BLOB_MOUNTING"
	return func() error {
		got, err := acctest.Client(t).GetAccountSetting(context.Background(), name)
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("%s = %s, want %s", name, got, want)
		}
		return nil
	}
}

// Account settings are one per registry: this test runs serially and restores what it found.
func TestAccAccountSetting_basic(t *testing.T) {
	acctest.ChangesRegistry(t, "an account setting")
	const name = "BLOB_MOUNTING"
	client := acctest.Client(t)
	if err := client.PutAccountSetting(context.Background(), name, "DISABLED"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.PutAccountSetting(context.Background(), name, "DISABLED") })
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		// restore_on_destroy = false: destroy left the governed value.
		CheckDestroy: func(*terraform.State) error { return testAccCheckBlobMounting(t, "ENABLED")() },
		Steps: []resource.TestStep{
			{
				Config: testAccAccountSettingConfig(name, "ENABLED", true),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountSettingAddr, tfjsonPath("previous_value"), knownvalue.StringExact("DISABLED")),
					acctest.CheckAPI(accountSettingAddr, func(context.Context, map[string]any) error { return testAccCheckBlobMounting(t, "ENABLED")() }),
				},
			},
			{
				// Changed outside Terraform: put back in place.
				PreConfig: func() {
					if err := client.PutAccountSetting(context.Background(), name, "DISABLED"); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccAccountSettingConfig(name, "ENABLED", true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(accountSettingAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI(accountSettingAddr, func(context.Context, map[string]any) error { return testAccCheckBlobMounting(t, "ENABLED")() }),
				},
			},
			{
				ResourceName: accountSettingAddr, ImportState: true, ImportStateId: name, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"previous_value", "restore_on_destroy"},
			},
			{
				ResourceName: accountSettingAddr, ImportState: true, ImportStateId: "NO_SUCH_SETTING",
				ExpectError: errorText(`The import ID is the setting name`),
			},
			{
				Config: testAccAccountSettingConfig(name, "ENABLED", false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(accountSettingAddr, plancheck.ResourceActionUpdate),
				}},
			},
		},
	})
}

// The account setting's call budget: create 2 (read what is there, set), refresh 1, update 1,
// destroy with restore 1.
func TestAccAccountSetting_callBudget(t *testing.T) {
	acctest.ChangesRegistry(t, "an account setting")
	acctest.SetupBeforeTest(t)
	proxy := acctest.StartProxy(t)
	server := newProtocolServer(t, proxy.URL)
	expect := func(op, want string) {
		t.Helper()
		if got := fmt.Sprint(proxy.AllCalls()); got != want {
			t.Errorf("%s: calls = %s, want %s", op, got, want)
		}
		proxy.Reset()
	}
	config := func(value string) map[string]tftypes.Value {
		return map[string]tftypes.Value{"name": tfString("BLOB_MOUNTING"), "value": tfString(value), "restore_on_destroy": tfBool(true)}
	}
	proxy.Reset()
	state := server.apply("ecrgov_account_setting", tftypes.NewValue(tftypes.Object{}, nil), config("ENABLED"))
	expect("create", "map[GetAccountSetting:1 PutAccountSetting:1]")
	state = server.read("ecrgov_account_setting", state)
	expect("refresh", "map[GetAccountSetting:1]")
	state = server.apply("ecrgov_account_setting", state, config("DISABLED"))
	expect("update", "map[PutAccountSetting:1]")
	server.apply("ecrgov_account_setting", state, nil)
	expect("destroy with restore", "map[PutAccountSetting:1]")
}

// restore_on_destroy = true puts the recorded value back on destroy.
func TestAccAccountSetting_restoreOnDestroy(t *testing.T) {
	acctest.ChangesRegistry(t, "an account setting")
	const name = "BLOB_MOUNTING"
	client := acctest.Client(t)
	if err := client.PutAccountSetting(context.Background(), name, "DISABLED"); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return testAccCheckBlobMounting(t, "DISABLED")() },
		Steps: []resource.TestStep{{
			Config: testAccAccountSettingConfig(name, "ENABLED", true),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(accountSettingAddr, tfjsonPath("previous_value"), knownvalue.StringExact("DISABLED")),
				acctest.CheckAPI(accountSettingAddr, func(context.Context, map[string]any) error { return testAccCheckBlobMounting(t, "ENABLED")() }),
			},
		}},
	})
}

func TestAccAccountSetting_badInput(t *testing.T) {
	for name, tc := range map[string]struct{ setting, value, wantErr string }{
		"value_of_another_name": {"BLOB_MOUNTING", "V2", `BLOB_MOUNTING takes DISABLED or ENABLED, not "V2"`},
		// V1 was removed from PutAccountSetting; CLAIR is reported by old registries only.
		"registry_policy_v1": {"REGISTRY_POLICY_SCOPE", "V1", `REGISTRY_POLICY_SCOPE = "V1" is a legacy value`},
		"basic_scan_clair":   {"BASIC_SCAN_TYPE_VERSION", "CLAIR", `BASIC_SCAN_TYPE_VERSION = "CLAIR" is a legacy value`},
		"unknown_name":       {"MAX_REPOSITORIES", "1", "BASIC_SCAN_TYPE_VERSION"},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: testAccAccountSettingConfig(tc.setting, tc.value, false), PlanOnly: true, ExpectError: errorText(tc.wantErr)}},
			})
		})
	}
}
