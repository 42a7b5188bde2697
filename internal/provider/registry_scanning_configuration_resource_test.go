package provider_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// The registry scanning configuration is one per registry: these tests run serially
// (resource.Test) and put back what they found.

const scanningAddr = "ecrgov_registry_scanning_configuration.test"

func testAccScanningConfig(body string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_registry_scanning_configuration" "test" {
%s
}
`, body)
}

func scanningRule(frequency string, filters ...string) string {
	return fmt.Sprintf("  rule {\n    scan_frequency     = %q\n    repository_filters = [\"%s\"]\n  }\n", frequency, strings.Join(filters, `", "`))
}

// putScanning sets the registry's configuration directly and puts the one found back after the
// test.
func putScanning(t *testing.T, cfg ecrapi.ScanningConfiguration) {
	t.Helper()
	ctx := context.Background()
	client := acctest.Client(t)
	before, err := client.GetRegistryScanningConfiguration(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.PutRegistryScanningConfiguration(ctx, *before) })
	if err := client.PutRegistryScanningConfiguration(ctx, cfg); err != nil {
		t.Fatal(err)
	}
}

func testAccCheckScanningAPI(t *testing.T, want ecrapi.ScanningConfiguration) func() error {
	return func() error {
		got, err := acctest.Client(t).GetRegistryScanningConfiguration(context.Background())
		if err != nil {
			return err
		}
		if fmt.Sprint(*got) != fmt.Sprint(want) {
			return fmt.Errorf("registry scanning configuration = %+v, want %+v", *got, want)
		}
		return nil
	}
}

// basic: adopt and record, update in place, drift put back, import by registry ID, and destroy
// with restore_on_destroy puts the recorded configuration back.
func TestAccRegistryScanningConfiguration_basic(t *testing.T) {
	acctest.ChangesRegistry(t, "the scanning configuration")
	base := acctest.RandomName("scan")
	legacy := ecrapi.ScanningConfiguration{ScanType: "BASIC", Rules: []ecrapi.ScanningRule{{Frequency: "SCAN_ON_PUSH", Filters: []string{base + "-legacy/*"}}}}
	putScanning(t, legacy)
	first := testAccScanningConfig("  restore_on_destroy = true\n" + scanningRule("SCAN_ON_PUSH", base+"/*"))
	second := testAccScanningConfig("  restore_on_destroy = true\n  scan_type = \"ENHANCED\"\n" +
		scanningRule("CONTINUOUS_SCAN", base+"/*") + scanningRule("SCAN_ON_PUSH", base+"-b/*", base+"-c/*"))
	registry := acctest.AccountID()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			return testAccCheckScanningAPI(t, legacy)() // restore_on_destroy put the recorded configuration back
		},
		Steps: []resource.TestStep{
			{
				Config: first,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scanningAddr, tfjsonPath("id"), knownvalue.StringExact(registry)),
					statecheck.ExpectKnownValue(scanningAddr, tfjsonPath("previous_scan_type"), knownvalue.StringExact("BASIC")),
					statecheck.ExpectKnownValue(scanningAddr, tfjsonPath("previous_rules"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"scan_frequency":     knownvalue.StringExact("SCAN_ON_PUSH"),
							"repository_filters": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(base + "-legacy/*")}),
						}),
					})),
					acctest.CheckAPI(scanningAddr, func(context.Context, map[string]any) error {
						return testAccCheckScanningAPI(t, ecrapi.ScanningConfiguration{ScanType: "BASIC", Rules: []ecrapi.ScanningRule{{Frequency: "SCAN_ON_PUSH", Filters: []string{base + "/*"}}}})()
					}),
				},
			},
			{
				Config: second,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scanningAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI(scanningAddr, func(context.Context, map[string]any) error {
						return testAccCheckScanningAPI(t, ecrapi.ScanningConfiguration{ScanType: "ENHANCED", Rules: []ecrapi.ScanningRule{
							{Frequency: "CONTINUOUS_SCAN", Filters: []string{base + "/*"}},
							{Frequency: "SCAN_ON_PUSH", Filters: []string{base + "-b/*", base + "-c/*"}},
						}})()
					}),
				},
			},
			{
				// Changed outside Terraform: the plan puts it back, in place.
				PreConfig: func() {
					if err := acctest.Client(t).PutRegistryScanningConfiguration(context.Background(), ecrapi.ScanningConfiguration{ScanType: "BASIC"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: second,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scanningAddr, plancheck.ResourceActionUpdate),
				}},
			},
			{
				ResourceName: scanningAddr, ImportState: true, ImportStateId: registry, ImportStateVerify: true,
				// On import, what is there now is all that is known of "previous".
				ImportStateVerifyIgnore: []string{"previous_scan_type", "previous_rules", "restore_on_destroy"},
			},
			{
				ResourceName: scanningAddr, ImportState: true, ImportStateId: "000000000000",
				ExpectError: errorText("The import ID is the registry ID the provider addresses"),
			},
		},
	})
}

// Bad input fails at plan on the attribute to fix.
func TestAccRegistryScanningConfiguration_badInput(t *testing.T) {
	for name, tc := range map[string]struct{ body, wantErr string }{
		"continuous_with_basic": {scanningRule("CONTINUOUS_SCAN", "*"), `CONTINUOUS_SCAN needs scan_type = "ENHANCED"`},
		"three_rules":           {scanningRule("SCAN_ON_PUSH", "a/*") + scanningRule("SCAN_ON_PUSH", "b/*") + scanningRule("SCAN_ON_PUSH", "c/*"), "at most 2"},
		"bad_filter":            {scanningRule("SCAN_ON_PUSH", "Prod/*"), "is not a repository filter"},
		"unknown_frequency":     {scanningRule("DAILY", "*"), "SCAN_ON_PUSH"},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: testAccScanningConfig(tc.body), PlanOnly: true, ExpectError: errorText(tc.wantErr)}},
			})
		})
	}
}

// A plan that would stop scanning a repository that is scanned today names it.
func TestAccRegistryScanningConfiguration_stopWarning(t *testing.T) {
	acctest.ChangesRegistry(t, "the scanning configuration")
	acctest.PreCheck(t)
	base := acctest.RandomName("scan")
	repo := base + "/app"
	acctest.CreateRepository(t, repo, "IMMUTABLE")
	putScanning(t, ecrapi.ScanningConfiguration{ScanType: "BASIC", Rules: []ecrapi.ScanningRule{{Frequency: "SCAN_ON_PUSH", Filters: []string{base + "/*"}}}})

	proxy := acctest.StartProxy(t)
	s := newProtocolServer(t, proxy.URL)
	typ := s.resourceType("ecrgov_registry_scanning_configuration")
	rules, ok := typ.AttributeTypes["rule"].(tftypes.List)
	if !ok {
		t.Fatalf("rule is %T, want a list", typ.AttributeTypes["rule"])
	}
	ruleType, ok := rules.ElementType.(tftypes.Object)
	if !ok {
		t.Fatalf("a rule is %T, want an object", rules.ElementType)
	}
	rule := func(filter string) tftypes.Value {
		return tftypes.NewValue(typ.AttributeTypes["rule"], []tftypes.Value{tftypes.NewValue(ruleType, map[string]tftypes.Value{
			"scan_frequency":     tfString("SCAN_ON_PUSH"),
			"repository_filters": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tfString(filter)}),
		})})
	}
	before := countRepositories(t)
	proxy.Reset()
	plan := s.planChange("ecrgov_registry_scanning_configuration", tftypes.NewValue(typ, nil), map[string]tftypes.Value{"rule": rule(base + "-other/*")})
	// The plan's budget: one DescribeRepositories page, one GetRegistryScanningConfiguration and
	// ⌈N/25⌉ BatchGetRepositoryScanningConfiguration for the N repositories of the registry
	// (other test binaries may add or remove some meanwhile, hence the range).
	calls, after := proxy.AllCalls(), countRepositories(t)
	lo, hi := (min(before, after)+24)/25, (max(before, after)+24)/25
	if calls["DescribeRepositories"] != 1 || calls["GetRegistryScanningConfiguration"] != 1 || calls["BatchGetRepositoryScanningConfiguration"] < lo ||
		calls["BatchGetRepositoryScanningConfiguration"] > hi || len(calls) != 3 {
		t.Errorf("plan calls = %v, want 1 DescribeRepositories, 1 GetRegistryScanningConfiguration and %d-%d BatchGetRepositoryScanningConfiguration", calls, lo, hi)
	}
	if text := diagnosticsText(plan.Diagnostics); !strings.Contains(text, "Repositories would stop being scanned") || !strings.Contains(text, repo) {
		t.Fatalf("plan diagnostics = %q, want a warning naming %s", text, repo)
	}
	plan = s.planChange("ecrgov_registry_scanning_configuration", tftypes.NewValue(typ, nil), map[string]tftypes.Value{"rule": rule("*")})
	if text := diagnosticsText(plan.Diagnostics); strings.Contains(text, repo) {
		t.Fatalf("a configuration that still scans %s warned: %q", repo, text)
	}
}

func countRepositories(t *testing.T) int {
	t.Helper()
	repos, err := acctest.Client(t).ListRepositories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(repos)
}
