package provider_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// The whole configuration, in ECR's order: a rule written outside ecrgov (first) and one this
// state manages, whose ID is passed in known_rule_ids; only the first is of unknown origin. The
// test owns the configuration of its Region.
func TestAccReplicationConfigurationDataSource_basic(t *testing.T) {
	acctest.RequiresEmulator(t, "owns the replication configuration of a Region")
	acctest.SetupBeforeTest(t)
	const region = "af-south-1"
	client := acctest.Client(t).InRegion(region)
	outside := replRule([]string{"legacy/"}, "us-west-2")
	outside.DeleteReplication = true
	if err := client.CreateReplicationRule(context.Background(), outside); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.DeleteReplicationRule(context.Background(), outside) })
	ours := replRule([]string{"team/", "ops/"}, "us-west-2", "eu-west-1")
	config := replProviderBlockIn(acctest.Endpoint(), region) + testAccReplicationRuleConfig(ours) + `
data "ecrgov_replication_configuration" "test" {
  known_rule_ids = [ecrgov_replication_rule.test.id]
}
`
	const addr = "data.ecrgov_replication_configuration.test"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             replicationGone(t, ours),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("registry_id"), knownvalue.StringExact(acctest.AccountID())),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("rules"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(outside.Key()), "known_origin": knownvalue.Bool(false),
						"delete_replication": knownvalue.Bool(true),
						"repository_filters": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("legacy/")}),
						"destination": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"region": knownvalue.StringExact("us-west-2"), "registry_id": knownvalue.StringExact(acctest.AccountID())})}),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(ours.Key()), "known_origin": knownvalue.Bool(true), "delete_replication": knownvalue.Bool(false),
					}),
				})),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("unknown_origin_rule_ids"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(outside.Key())})),
			},
		}},
	})
}
