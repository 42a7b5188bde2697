package provider_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

// The replication configuration is one per registry and Region. These tests configure it in a
// Region of their own (replRegion), where no other test does, and each test's rules have filters
// of their own, so the tests run in parallel and assert only on their own rules.
const (
	replRegion   = "eu-central-2"
	replRuleAddr = "ecrgov_replication_rule.test"
)

// replProviderBlock is the tests' provider block in replRegion, at endpoint (the emulator or a proxy).
func replProviderBlock(endpoint string) string { return replProviderBlockIn(endpoint, replRegion) }

// replProviderBlockIn is the provider block in another Region, for a test that must own a whole
// configuration.
func replProviderBlockIn(endpoint, region string) string {
	return fmt.Sprintf(`
provider "ecrgov" {
  region       = %[2]q
  endpoint     = %[1]q
  sts_endpoint = %[1]q
  access_key   = "test"
  secret_key   = "test"
}
`, endpoint, region)
}

func replClient(t *testing.T) *ecrapi.Client { return acctest.Client(t).InRegion(replRegion) }

func inReplRegion(o *ecr.Options) { o.Region = replRegion }

// replRule is a rule of the account to regions, with filters.
func replRule(filters []string, regions ...string) replication.Rule {
	r := replication.Rule{Filters: filters}
	for _, region := range regions {
		r.Destinations = append(r.Destinations, replication.Destination{Region: region, RegistryID: acctest.AccountID()})
	}
	return r.Canonical()
}

// testAccReplicationRuleConfig is ecrgov_replication_rule.test declaring rule.
func testAccReplicationRuleConfig(rule replication.Rule) string {
	var b strings.Builder
	b.WriteString("resource \"ecrgov_replication_rule\" \"test\" {\n")
	for _, d := range rule.Destinations {
		fmt.Fprintf(&b, "  destination {\n    region      = %q\n    registry_id = %q\n  }\n", d.Region, d.RegistryID)
	}
	for _, f := range rule.Filters {
		fmt.Fprintf(&b, "  repository_filter {\n    filter = %q\n  }\n", f)
	}
	if rule.DeleteReplication {
		b.WriteString("  delete_replication = true\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// replicationHolds: ECR's configuration holds want, with its deleteReplication.
func replicationHolds(t *testing.T, want replication.Rule) error {
	found, err := replClient(t).FindReplicationRule(context.Background(), want)
	if err != nil {
		return err
	}
	if found.DeleteReplication != want.DeleteReplication {
		return fmt.Errorf("rule %s has deleteReplication %v, want %v", want.Key(), found.DeleteReplication, want.DeleteReplication)
	}
	return nil
}

// replicationGone: ECR's configuration does not hold any of rules.
func replicationGone(t *testing.T, rules ...replication.Rule) func(*terraform.State) error {
	return func(*terraform.State) error {
		for _, r := range rules {
			if _, err := replClient(t).FindReplicationRule(context.Background(), r); !ecrapi.IsNotFound(err, ecrapi.KindReplicationRule) {
				return fmt.Errorf("rule %s after destroy: %v, want it gone", r.Key(), err)
			}
		}
		return nil
	}
}

func checkReplication(t *testing.T, want replication.Rule) statecheck.StateCheck {
	return acctest.CheckAPI(replRuleAddr, func(context.Context, map[string]any) error { return replicationHolds(t, want) })
}

func TestAccReplicationRule_basic(t *testing.T) {
	acctest.RequiresEmulator(t, "configures replication in a Region of the tests' own")
	base := acctest.RandomName("repl")
	rule := replRule([]string{base + "/team/", base + "/prod/"}, "us-west-2")
	config := replProviderBlock(acctest.Endpoint()) + testAccReplicationRuleConfig(rule)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             replicationGone(t, rule),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(replRuleAddr, tfjsonpath.New("id"), knownvalue.StringExact(rule.Key())),
					statecheck.ExpectKnownValue(replRuleAddr, tfjsonpath.New("delete_replication"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(replRuleAddr, tfjsonpath.New("repository_filter"), knownvalue.SetSizeExact(2)),
					checkReplication(t, rule),
				},
			},
			{ResourceName: replRuleAddr, ImportState: true, ImportStateId: rule.Key(), ImportStateVerify: true},
		},
	})
}

// delete_replication changes in place; so do the destinations (the rule keeps its place).
func TestAccReplicationRule_update(t *testing.T) {
	acctest.RequiresEmulator(t, "configures replication in a Region of the tests' own")
	base := acctest.RandomName("repl")
	first := replRule([]string{base + "/"}, "us-west-2")
	deleting := first
	deleting.DeleteReplication = true
	wider := replRule([]string{base + "/"}, "us-west-2", "eu-west-1")
	block := replProviderBlock(acctest.Endpoint())
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             replicationGone(t, first, wider),
		Steps: []resource.TestStep{
			{Config: block + testAccReplicationRuleConfig(first), ConfigStateChecks: []statecheck.StateCheck{checkReplication(t, first)}},
			{
				Config: block + testAccReplicationRuleConfig(deleting),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(replRuleAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{checkReplication(t, deleting)},
			},
			{
				Config: block + testAccReplicationRuleConfig(wider),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(replRuleAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(replRuleAddr, tfjsonpath.New("id"), knownvalue.StringExact(wider.Key())),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					checkReplication(t, wider),
					acctest.CheckAPI(replRuleAddr, func(context.Context, map[string]any) error { return replicationGone(t, first)(nil) }),
				},
			},
		},
	})
}

// A rule removed outside Terraform is planned again; deleteReplication changed outside is drift
// that the plan puts back.
func TestAccReplicationRule_disappears(t *testing.T) {
	acctest.RequiresEmulator(t, "configures replication in a Region of the tests' own")
	base := acctest.RandomName("repl")
	rule := replRule([]string{base + "/"}, "us-west-2")
	config := replProviderBlock(acctest.Endpoint()) + testAccReplicationRuleConfig(rule)
	outside := func(change func(ctx context.Context, c *ecrapi.Client) error) func() {
		return func() {
			if err := change(context.Background(), replClient(t)); err != nil {
				t.Fatal(err)
			}
		}
	}
	drifted := rule
	drifted.DeleteReplication = true
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             replicationGone(t, rule),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: outside(func(ctx context.Context, c *ecrapi.Client) error { return c.DeleteReplicationRule(ctx, rule) }),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(replRuleAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{checkReplication(t, rule)},
			},
			{
				PreConfig: outside(func(ctx context.Context, c *ecrapi.Client) error { return c.UpdateReplicationRule(ctx, rule, drifted) }),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(replRuleAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{checkReplication(t, rule)},
			},
		},
	})
}

// One error per class of bad input, at plan, on the block to fix; and a rule that another state
// (here: the API) already holds is refused at plan with the import command.
func TestAccReplicationRule_badInput(t *testing.T) {
	acctest.RequiresEmulator(t, "configures replication in a Region of the tests' own")
	base := acctest.RandomName("repl")
	taken := replRule([]string{base + "/taken/"}, "us-west-2")
	if err := replClient(t).CreateReplicationRule(context.Background(), taken); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = replClient(t).DeleteReplicationRule(context.Background(), taken) })
	block := replProviderBlock(acctest.Endpoint())
	var filters []string
	for i := range replication.MaxFilters + 1 {
		filters = append(filters, fmt.Sprintf("%s/f%d/", base, i))
	}
	bad := func(config, want string) resource.TestStep {
		return resource.TestStep{Config: block + config, PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			bad(`resource "ecrgov_replication_rule" "test" {}`, "at least one destination"),
			bad(testAccReplicationRuleConfig(replication.Rule{Destinations: []replication.Destination{{Region: "us-west-2", RegistryID: "12"}}}),
				"12-digit account ID"),
			bad(testAccReplicationRuleConfig(replRule([]string{"Team/"}, "us-west-2")), "not a repository name prefix"),
			bad(testAccReplicationRuleConfig(replRule(filters, "us-west-2")), "at most 100 repository filters"),
			bad(`resource "ecrgov_replication_rule" "test" {
  destination {
    region      = "us-west-2"
    registry_id = "`+acctest.AccountID()+`"
  }
  repository_filter {
    filter      = "team/"
    filter_type = "WILDCARD"
  }
}`, `value must be one of`),
			// Named at plan (a warning), refused by the create: nothing is recorded.
			{Config: block + testAccReplicationRuleConfig(taken), ExpectError: regexp.MustCompile("terraform import <address> " + regexp.QuoteMeta(taken.Key()))},
			bad(testAccReplicationRuleConfig(replRule([]string{base + "/self/"}, replRegion)), "Replication to the source"),
		},
	})
}

// Two configurations in two state files each add a rule: the registry holds both; destroying one
// leaves the other. The second apply starts after the first one's, so that the test does not
// depend on how two writes interleave (TestAccReplicationRule_concurrentWriters does that).
func TestAccReplicationRule_twoStates(t *testing.T) {
	acctest.RequiresEmulator(t, "configures replication in a Region of the tests' own")
	base := acctest.RandomName("repl")
	ruleA, ruleB := replRule([]string{base + "/a/"}, "us-west-2"), replRule([]string{base + "/b/"}, "us-west-2", "eu-west-1")
	block := replProviderBlock(acctest.Endpoint())
	aApplied, bApplied, aDestroyed := make(chan struct{}), make(chan struct{}), make(chan struct{})
	bothHeld := func(context.Context, map[string]any) error {
		return errors.Join(replicationHolds(t, ruleA), replicationHolds(t, ruleB))
	}
	t.Run("states", func(t *testing.T) {
		t.Run("a", func(t *testing.T) {
			t.Parallel()
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy: func(s *terraform.State) error {
					defer close(aDestroyed)
					return replicationGone(t, ruleA)(s)
				},
				Steps: []resource.TestStep{
					{Config: block + testAccReplicationRuleConfig(ruleA)},
					{
						PreConfig:         func() { close(aApplied); waitFor(t, bApplied, "state b's apply") },
						Config:            block + testAccReplicationRuleConfig(ruleA),
						ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						ConfigStateChecks: []statecheck.StateCheck{acctest.CheckAPI(replRuleAddr, bothHeld)},
					},
				},
			})
		})
		t.Run("b", func(t *testing.T) {
			t.Parallel()
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             replicationGone(t, ruleB),
				Steps: []resource.TestStep{
					{
						PreConfig:         func() { waitFor(t, aApplied, "state a's apply") },
						Config:            block + testAccReplicationRuleConfig(ruleB),
						ConfigStateChecks: []statecheck.StateCheck{acctest.CheckAPI(replRuleAddr, bothHeld)},
					},
					{
						PreConfig:        func() { close(bApplied); waitFor(t, aDestroyed, "state a's destroy") },
						Config:           block + testAccReplicationRuleConfig(ruleB),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						ConfigStateChecks: []statecheck.StateCheck{acctest.CheckAPI(replRuleAddr, func(context.Context, map[string]any) error {
							return errors.Join(replicationHolds(t, ruleB), replicationGone(t, ruleA)(nil))
						})},
					},
				},
			})
		})
	})
}

// waitFor waits for another state's step, within a bound, so that a failed partner ends the test
// instead of hanging it.
func waitFor(t *testing.T, done <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(5 * time.Minute):
		t.Fatalf("waited 5 minutes for %s", what)
	}
}

// An update that changes the rule's identity (its filters) and is then undone by another
// writer's stale write (the interleaving no read-back can see: DESIGN, "Replication rules that
// merge") leaves the old rule in the registry. The next refresh takes it back as this resource's,
// with a warning, and the plan updates it again instead of creating the new rule beside it: no
// orphaned rule keeps replicating.
func TestAccReplicationRule_lostIdentityUpdate(t *testing.T) {
	acctest.RequiresEmulator(t, "configures replication in a Region of the tests' own")
	base := acctest.RandomName("repl")
	before := replRule([]string{base + "/a/"}, "us-west-2")
	after := replRule([]string{base + "/b/"}, "us-west-2")
	block := replProviderBlock(acctest.Endpoint())
	staleWrite := func() {
		// What a writer that read the configuration before our update writes after it.
		if err := replClient(t).UpdateReplicationRule(context.Background(), after, before); err != nil {
			t.Fatal(err)
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             replicationGone(t, before, after),
		Steps: []resource.TestStep{
			{Config: block + testAccReplicationRuleConfig(before)},
			{Config: block + testAccReplicationRuleConfig(after), ConfigStateChecks: []statecheck.StateCheck{checkReplication(t, after)}},
			{
				PreConfig: staleWrite,
				Config:    block + testAccReplicationRuleConfig(after),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(replRuleAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					checkReplication(t, after),
					acctest.CheckAPI(replRuleAddr, func(context.Context, map[string]any) error { return replicationGone(t, before)(nil) }),
				},
			},
		},
	})
}
