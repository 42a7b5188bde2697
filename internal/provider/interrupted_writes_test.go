package provider_test

import (
	"context"
	"strings"
	"testing"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// An overlay's or a singleton's first write lands while the apply is being interrupted (Ctrl-C:
// the call's context is cancelled, and the proxy holds ECR's answer until the client gives up).
// The setting it replaced must survive: the interrupted create leaves a tainted resource that
// already records previous_*, the next apply replaces it (destroy restores, create records the
// original again), and the final destroy puts the original back. Before, the interrupted create
// left no state, the next apply recorded the governed value as "previous", and destroy could
// never restore the original.

// interruptedStep is the first step: the write op lands, the apply is interrupted, and the error
// says the call was cancelled.
func interruptedStep(proxy *acctest.Proxy, interrupter *acctest.Interrupter, op, cfg string, setup func()) resource.TestStep {
	return resource.TestStep{
		PreConfig: func() {
			setup()
			proxy.HoldAnswer(op, interrupter.Interrupt)
		},
		Config:      cfg,
		ExpectError: errorText("canceled"),
	}
}

// replacedStep is the next apply: the tainted resource is replaced, and checks hold.
func replacedStep(address, cfg string, checks ...statecheck.StateCheck) resource.TestStep {
	return resource.TestStep{
		Config: cfg,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate),
		}},
		ConfigStateChecks: checks,
	}
}

func viaProxy(cfg string, proxy *acctest.Proxy) string {
	return strings.Replace(cfg, acctest.ProviderConfig(), proxy.ProviderConfig(), 1)
}

func TestAccRepositoryTagMutability_interruptedCreate(t *testing.T) {
	name := acctest.RandomName("overlay")
	proxy := acctest.StartProxy(t)
	interrupter := acctest.NewInterrupter()
	cfg := viaProxy(testAccRepositoryTagMutabilityConfig(name, "IMMUTABLE", "null", true), proxy)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: interrupter.Factories(),
		CheckDestroy:             testAccCheckRepositoryMutabilityAPI(t, name, "MUTABLE"),
		Steps: []resource.TestStep{
			interruptedStep(proxy, interrupter, "PutImageTagMutability", cfg, func() {
				acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutable)
			}),
			replacedStep(overlayAddr, cfg,
				statecheck.ExpectKnownValue(overlayAddr, tfjsonPath("previous_image_tag_mutability"), knownvalue.StringExact("MUTABLE")),
				testAccCheckOverlayAPI(t, "IMMUTABLE")),
		},
	})
}

func TestAccRegistryScanningConfiguration_interruptedCreate(t *testing.T) {
	acctest.RequiresEmulator(t, "changes the registry-wide scanning configuration")
	base := acctest.RandomName("scan")
	original := ecrapi.ScanningConfiguration{ScanType: "BASIC", Rules: []ecrapi.ScanningRule{{Frequency: "SCAN_ON_PUSH", Filters: []string{base + "-t1/*"}}}}
	governed := ecrapi.ScanningConfiguration{ScanType: "BASIC", Rules: []ecrapi.ScanningRule{{Frequency: "SCAN_ON_PUSH", Filters: []string{base + "-t2/*"}}}}
	proxy := acctest.StartProxy(t)
	interrupter := acctest.NewInterrupter()
	cfg := viaProxy(testAccScanningConfig("  restore_on_destroy = true\n"+scanningRule("SCAN_ON_PUSH", base+"-t2/*")), proxy)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: interrupter.Factories(),
		CheckDestroy:             func(*terraform.State) error { return testAccCheckScanningAPI(t, original)() },
		Steps: []resource.TestStep{
			interruptedStep(proxy, interrupter, "PutRegistryScanningConfiguration", cfg, func() { putScanning(t, original) }),
			replacedStep(scanningAddr, cfg,
				statecheck.ExpectKnownValue(scanningAddr, tfjsonPath("previous_rules"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"scan_frequency":     knownvalue.StringExact("SCAN_ON_PUSH"),
						"repository_filters": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(base + "-t1/*")}),
					}),
				})),
				acctest.CheckAPI(scanningAddr, func(context.Context, map[string]any) error { return testAccCheckScanningAPI(t, governed)() })),
		},
	})
}

func TestAccAccountSetting_interruptedCreate(t *testing.T) {
	acctest.RequiresEmulator(t, "changes a registry-wide account setting")
	const name = "BLOB_MOUNTING"
	proxy := acctest.StartProxy(t)
	interrupter := acctest.NewInterrupter()
	cfg := viaProxy(testAccAccountSettingConfig(name, "ENABLED", true), proxy)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: interrupter.Factories(),
		// Destroy put back the original value, which the interrupted create had recorded.
		CheckDestroy: func(*terraform.State) error { return testAccCheckBlobMounting(t, "DISABLED")() },
		Steps: []resource.TestStep{
			interruptedStep(proxy, interrupter, "PutAccountSetting", cfg, func() {
				if err := acctest.Client(t).PutAccountSetting(context.Background(), name, "DISABLED"); err != nil {
					t.Fatal(err)
				}
			}),
			replacedStep(accountSettingAddr, cfg,
				statecheck.ExpectKnownValue(accountSettingAddr, tfjsonPath("previous_value"), knownvalue.StringExact("DISABLED")),
				acctest.CheckAPI(accountSettingAddr, func(context.Context, map[string]any) error {
					return testAccCheckBlobMounting(t, "ENABLED")()
				})),
		},
	})
}

func TestAccSigningConfiguration_interruptedCreate(t *testing.T) {
	acctest.RequiresEmulator(t, "changes the registry-wide signing configuration")
	keepSigning(t)
	base := acctest.RandomName("sign")
	original := []ecrapi.SigningRule{{ProfileARN: signingProfile("original"), Filters: []string{base + "-t1/*"}}}
	proxy := acctest.StartProxy(t)
	interrupter := acctest.NewInterrupter()
	cfg := viaProxy(testAccSigningConfig(true, signingRuleBlock(signingProfile("governed"), base+"-t2/*")), proxy)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: interrupter.Factories(),
		CheckDestroy:             func(*terraform.State) error { return testAccCheckSigningAPI(t, original)() },
		Steps: []resource.TestStep{
			interruptedStep(proxy, interrupter, "PutSigningConfiguration", cfg, func() {
				if err := acctest.Client(t).PutSigningConfiguration(context.Background(), original); err != nil {
					t.Fatal(err)
				}
			}),
			replacedStep(signingAddr, cfg,
				statecheck.ExpectKnownValue(signingAddr, tfjsonPath("previous_rules"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"signing_profile_arn": knownvalue.StringExact(signingProfile("original"))}),
				})),
				acctest.CheckAPI(signingAddr, func(context.Context, map[string]any) error {
					return testAccCheckSigningAPI(t, []ecrapi.SigningRule{{ProfileARN: signingProfile("governed"), Filters: []string{base + "-t2/*"}}})()
				})),
		},
	})
}
