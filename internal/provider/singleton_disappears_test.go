package provider_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// A registry singleton cannot disappear the way a repository can: the registry always has a
// scanning configuration and every account setting, and a deleted signing configuration is "no
// rules". So "disappears" for them is the registry reset outside Terraform, and the next plan puts
// the governed value back in place (an update, never a create that would record the reset value
// as "previous").

// disappearsSteps: apply cfg, reset the registry outside Terraform, and expect the plan to update
// in place and the API to hold the governed value again.
func disappearsSteps(addr, cfg string, reset func(), governed func() error) []resource.TestStep {
	return []resource.TestStep{
		{Config: cfg},
		{
			PreConfig: reset,
			Config:    cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CheckAPI(addr, func(context.Context, map[string]any) error { return governed() }),
			},
		},
	}
}

func TestAccSigningConfiguration_disappears(t *testing.T) {
	acctest.ChangesRegistry(t, "the signing configuration")
	keepSigning(t)
	profile := signingProfile("team_a")
	filter := acctest.RandomName("sign") + "/*"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: disappearsSteps(signingAddr, testAccSigningConfig(false, signingRuleBlock(profile, filter)),
			func() {
				if err := acctest.Client(t).DeleteSigningConfiguration(context.Background()); err != nil {
					t.Fatal(err)
				}
			},
			testAccCheckSigningAPI(t, []ecrapi.SigningRule{{ProfileARN: profile, Filters: []string{filter}}})),
	})
}

func TestAccRegistryScanningConfiguration_disappears(t *testing.T) {
	acctest.ChangesRegistry(t, "the scanning configuration")
	putScanning(t, ecrapi.ScanningConfiguration{ScanType: "BASIC"})
	filter := acctest.RandomName("scan") + "/*"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: disappearsSteps(scanningAddr, testAccScanningConfig(scanningRule("SCAN_ON_PUSH", filter)),
			func() {
				if err := acctest.Client(t).PutRegistryScanningConfiguration(context.Background(), ecrapi.ScanningConfiguration{ScanType: "BASIC"}); err != nil {
					t.Fatal(err)
				}
			},
			testAccCheckScanningAPI(t, ecrapi.ScanningConfiguration{ScanType: "BASIC", Rules: []ecrapi.ScanningRule{{Frequency: "SCAN_ON_PUSH", Filters: []string{filter}}}})),
	})
}

func TestAccAccountSetting_disappears(t *testing.T) {
	acctest.ChangesRegistry(t, "an account setting")
	client := acctest.Client(t)
	if err := client.PutAccountSetting(context.Background(), "BLOB_MOUNTING", "DISABLED"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.PutAccountSetting(context.Background(), "BLOB_MOUNTING", "DISABLED") })
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: disappearsSteps(accountSettingAddr, testAccAccountSettingConfig("BLOB_MOUNTING", "ENABLED", false),
			func() {
				if err := client.PutAccountSetting(context.Background(), "BLOB_MOUNTING", "DISABLED"); err != nil {
					t.Fatal(err)
				}
			},
			testAccCheckBlobMounting(t, "ENABLED")),
	})
}
