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

// The signing configuration is one per registry: these tests run serially and put back what
// they found.

const signingAddr = "ecrgov_signing_configuration.test"

func signingProfile(name string) string {
	return "arn:aws:signer:us-east-1:" + acctest.AccountID() + ":/signing-profiles/" + name
}

func testAccSigningConfig(restore bool, rules ...string) string {
	return acctest.ProviderConfig() + fmt.Sprintf("\nresource \"ecrgov_signing_configuration\" \"test\" {\n  restore_on_destroy = %t\n%s}\n", restore, strings.Join(rules, ""))
}

func signingRuleBlock(profile string, filters ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  rule {\n    signing_profile_arn = %q\n", profile)
	for _, f := range filters {
		fmt.Fprintf(&b, "    repository_filter {\n      filter = %q\n    }\n", f)
	}
	b.WriteString("  }\n")
	return b.String()
}

// keepSigning puts back the registry's signing configuration after the test.
func keepSigning(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	client := acctest.Client(t)
	before, err := client.FindSigningConfiguration(ctx)
	if err != nil && !ecrapi.IsNotFound(err) {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if len(before) == 0 {
			_ = client.DeleteSigningConfiguration(ctx)
			return
		}
		_ = client.PutSigningConfiguration(ctx, before)
	})
}

func testAccCheckSigningAPI(t *testing.T, want []ecrapi.SigningRule) func() error {
	return func() error {
		got, err := acctest.Client(t).FindSigningConfiguration(context.Background())
		if len(want) == 0 && ecrapi.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("signing rules = %v, want %v", got, want)
		}
		return nil
	}
}

// basic: adopted over no configuration (recorded as none), updated in place, put back after a
// change outside Terraform, imported by registry ID; destroy with restore_on_destroy deletes it
// again, since there was none.
func TestAccSigningConfiguration_basic(t *testing.T) {
	acctest.ChangesRegistry(t, "the signing configuration")
	keepSigning(t)
	ctx := context.Background()
	if err := acctest.Client(t).DeleteSigningConfiguration(ctx); err != nil {
		t.Fatal(err)
	}
	base := acctest.RandomName("sign")
	team, platform := signingProfile("team_a"), signingProfile("platform")
	first := testAccSigningConfig(true, signingRuleBlock(team, base+"/*"))
	second := testAccSigningConfig(true, signingRuleBlock(team, base+"/*", "*/production"), signingRuleBlock(platform))
	registry := acctest.AccountID()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return testAccCheckSigningAPI(t, nil)() },
		Steps: []resource.TestStep{
			{
				Config: first,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(signingAddr, tfjsonPath("id"), knownvalue.StringExact(registry)),
					statecheck.ExpectKnownValue(signingAddr, tfjsonPath("previous_rules"), knownvalue.ListSizeExact(0)),
					acctest.CheckAPI(signingAddr, func(context.Context, map[string]any) error {
						return testAccCheckSigningAPI(t, []ecrapi.SigningRule{{ProfileARN: team, Filters: []string{base + "/*"}}})()
					}),
				},
			},
			{
				Config: second,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(signingAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI(signingAddr, func(context.Context, map[string]any) error {
						return testAccCheckSigningAPI(t, []ecrapi.SigningRule{{ProfileARN: team, Filters: []string{base + "/*", "*/production"}}, {ProfileARN: platform}})()
					}),
				},
			},
			{
				// Deleted outside Terraform: the plan puts the rules back, in place.
				PreConfig: func() {
					if err := acctest.Client(t).DeleteSigningConfiguration(ctx); err != nil {
						t.Fatal(err)
					}
				},
				Config: second,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(signingAddr, plancheck.ResourceActionUpdate),
				}},
			},
			{
				ResourceName: signingAddr, ImportState: true, ImportStateId: registry, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"previous_rules", "restore_on_destroy", "rule.0.repository_filter.0.filter_type", "rule.0.repository_filter.1.filter_type"},
			},
		},
	})
}

// Bad input fails at plan on the attribute to fix.
func TestAccSigningConfiguration_badInput(t *testing.T) {
	eleven := make([]string, 11)
	for i := range eleven {
		eleven[i] = signingRuleBlock(signingProfile(fmt.Sprintf("p%d", i+10)))
	}
	for name, tc := range map[string]struct{ config, wantErr string }{
		"not_a_profile": {testAccSigningConfig(false, signingRuleBlock("arn:aws:iam::123456789012:role/signer")), "is not an AWS Signer signing profile ARN"},
		"eleven_rules":  {testAccSigningConfig(false, eleven...), "at most 10 elements"},
		"bad_filter":    {testAccSigningConfig(false, signingRuleBlock(signingProfile("team"), "Team A/*")), "is not a repository filter"},
		"no_rules":      {testAccSigningConfig(false), "At least one rule block is required"},
		"wrong_filter_type": {acctest.ProviderConfig() + `
resource "ecrgov_signing_configuration" "test" {
  rule {
    signing_profile_arn = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/team"
    repository_filter {
      filter      = "team/*"
      filter_type = "PREFIX_MATCH"
    }
  }
}
`, "WILDCARD_MATCH"},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: tc.config, PlanOnly: true, ExpectError: errorText(tc.wantErr)}},
			})
		})
	}
}

// A plan that would stop signing a repository that is signed today names it.
func TestAccSigningConfiguration_stopWarning(t *testing.T) {
	acctest.ChangesRegistry(t, "the signing configuration")
	acctest.PreCheck(t)
	keepSigning(t)
	base := acctest.RandomName("sign")
	repo := base + "/app"
	acctest.CreateRepository(t, repo, "IMMUTABLE")
	team := signingProfile("team_a")
	if err := acctest.Client(t).PutSigningConfiguration(context.Background(), []ecrapi.SigningRule{{ProfileARN: team, Filters: []string{base + "/*"}}}); err != nil {
		t.Fatal(err)
	}
	s := newProtocolServer(t, acctest.Endpoint())
	typ := s.resourceType("ecrgov_signing_configuration")
	rules, ok := typ.AttributeTypes["rule"].(tftypes.List)
	if !ok {
		t.Fatal("rule is not a list")
	}
	ruleType, _ := rules.ElementType.(tftypes.Object)
	filters, _ := ruleType.AttributeTypes["repository_filter"].(tftypes.List)
	filterType, _ := filters.ElementType.(tftypes.Object)
	config := func(filter string) map[string]tftypes.Value {
		return map[string]tftypes.Value{"rule": tftypes.NewValue(rules, []tftypes.Value{tftypes.NewValue(ruleType, map[string]tftypes.Value{
			"signing_profile_arn": tfString(team),
			"repository_filter": tftypes.NewValue(filters, []tftypes.Value{tftypes.NewValue(filterType, map[string]tftypes.Value{
				"filter": tfString(filter), "filter_type": tftypes.NewValue(tftypes.String, nil),
			})}),
		})})}
	}
	plan := s.planChange("ecrgov_signing_configuration", tftypes.NewValue(typ, nil), config(base+"-other/*"))
	if text := diagnosticsText(plan.Diagnostics); !strings.Contains(text, "Repositories would stop being signed") || !strings.Contains(text, repo) {
		t.Fatalf("plan diagnostics = %q, want a warning naming %s", text, repo)
	}
	plan = s.planChange("ecrgov_signing_configuration", tftypes.NewValue(typ, nil), config("*"))
	if text := diagnosticsText(plan.Diagnostics); strings.Contains(text, repo) {
		t.Fatalf("a configuration that still signs %s warned: %q", repo, text)
	}
}

// The signing configuration's call budget: create 3 (registry, what is there, put), refresh 1,
// update 1 (+1 Get and one DescribeRepositories page for the plan's warning), restoring destroy 1.
func TestAccSigningConfiguration_callBudget(t *testing.T) {
	acctest.ChangesRegistry(t, "the signing configuration")
	acctest.PreCheck(t)
	keepSigning(t)
	if err := acctest.Client(t).DeleteSigningConfiguration(context.Background()); err != nil {
		t.Fatal(err) // so that the restoring destroy deletes rather than puts
	}
	proxy := acctest.StartProxy(t)
	server := newProtocolServer(t, proxy.URL)
	typ := server.resourceType("ecrgov_signing_configuration")
	rules, _ := typ.AttributeTypes["rule"].(tftypes.List)
	ruleType, _ := rules.ElementType.(tftypes.Object)
	filters, _ := ruleType.AttributeTypes["repository_filter"].(tftypes.List)
	config := func(profile string) map[string]tftypes.Value {
		return map[string]tftypes.Value{
			"restore_on_destroy": tfBool(true),
			"rule": tftypes.NewValue(rules, []tftypes.Value{tftypes.NewValue(ruleType, map[string]tftypes.Value{
				"signing_profile_arn": tfString(profile), "repository_filter": tftypes.NewValue(filters, []tftypes.Value{}),
			})}),
		}
	}
	expect := func(op, want string) {
		t.Helper()
		if got := fmt.Sprint(proxy.AllCalls()); got != want {
			t.Errorf("%s: calls = %s, want %s", op, got, want)
		}
		proxy.Reset()
	}
	proxy.Reset()
	state := server.apply("ecrgov_signing_configuration", tftypes.NewValue(tftypes.Object{}, nil), config(signingProfile("budget_a")))
	// The plan's warning reads the rules and the repositories once; apply reads the registry ID,
	// what is there (to record it) and puts.
	expect("create", "map[DescribeRegistry:1 DescribeRepositories:1 GetSigningConfiguration:2 PutSigningConfiguration:1]")
	state = server.read("ecrgov_signing_configuration", state)
	expect("refresh", "map[GetSigningConfiguration:1]")
	state = server.apply("ecrgov_signing_configuration", state, config(signingProfile("budget_b")))
	expect("update", "map[DescribeRepositories:1 GetSigningConfiguration:1 PutSigningConfiguration:1]")
	server.apply("ecrgov_signing_configuration", state, nil)
	expect("restoring destroy", "map[DeleteSigningConfiguration:1]")
}

// An imported configuration whose filters leave filter_type unset plans nothing: unset and the
// WILDCARD_MATCH an import reads mean the same.
func TestAccSigningConfiguration_importThenEmptyPlan(t *testing.T) {
	acctest.RequiresEmulator(t, "changes the registry-wide signing configuration")
	acctest.PreCheck(t)
	keepSigning(t)
	base := acctest.RandomName("sign")
	team := signingProfile("team_i")
	config := testAccSigningConfig(false, signingRuleBlock(team, base+"/*", "*/production"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		// An imported configuration records what was there as previous_rules, so destroy leaves it.
		CheckDestroy: func(*terraform.State) error {
			return testAccCheckSigningAPI(t, []ecrapi.SigningRule{{ProfileARN: team, Filters: []string{base + "/*", "*/production"}}})()
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					if err := acctest.Client(t).PutSigningConfiguration(context.Background(), []ecrapi.SigningRule{{ProfileARN: team, Filters: []string{base + "/*", "*/production"}}}); err != nil {
						t.Fatal(err)
					}
				},
				Config: config + fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", signingAddr, acctest.AccountID()),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(signingAddr, plancheck.ResourceActionNoop),
				}},
			},
			{Config: config, PlanOnly: true},
		},
	})
}
