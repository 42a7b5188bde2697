package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

const registryPolicyAddr = "ecrgov_registry_policy.test"

// replicationPolicy is the User Guide's cross-account replication registry policy.
func replicationPolicy(source string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"ReplicationAccessCrossAccount","Effect":"Allow",`+
		`"Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":["ecr:CreateRepository","ecr:ReplicateImage"],`+
		`"Resource":"arn:aws:ecr:us-east-1:%s:repository/*"}]}`, source, acctest.AccountID())
}

// pullEverywhere grants another account pulls from every repository: registry-wide under V2.
var pullEverywhere = `{"Version":"2012-10-17","Statement":[{"Sid":"PullAll","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},` +
	`"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],"Resource":"arn:aws:ecr:us-east-1:` + acctest.AccountID() + `:repository/*"}]}`

func testAccRegistryPolicyConfig(policy, extra string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_registry_policy" "test" {
  policy = %[1]q
%[2]s}
`, policy, extra)
}

// registryPolicyIs: the registry policy ECR holds means the same as want ("" for none).
func registryPolicyIs(t *testing.T, want string) error {
	got, err := acctest.Client(t).FindRegistryPolicy(context.Background())
	switch {
	case want == "" && ecrapi.IsNotFound(err, ecrapi.KindRegistryPolicy):
		return nil
	case err != nil:
		return err
	case !sameJSON(got, want):
		return fmt.Errorf("registry policy is %s, want %s", got, want)
	}
	return nil
}

// withRegistryPolicy sets (or, with "", removes) the registry policy before the test and puts it
// back to none afterwards: the registry policy is one per registry, so these tests run serially.
func withRegistryPolicy(t *testing.T, policy string) {
	t.Helper()
	acctest.RequiresEmulator(t, "changes the registry-wide permissions policy")
	acctest.SetupBeforeTest(t)
	client := acctest.Client(t)
	t.Cleanup(func() { _ = client.DeleteRegistryPolicy(context.Background()) })
	var err error
	if policy == "" {
		err = client.DeleteRegistryPolicy(context.Background())
	} else {
		err = client.PutRegistryPolicy(context.Background(), policy)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// Create adopts (none here), the analysis warns about creation by another account, an update is
// in place, and the default destroy removes the policy.
func TestAccRegistryPolicy_basic(t *testing.T) {
	withRegistryPolicy(t, "")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return registryPolicyIs(t, "") },
		Steps: []resource.TestStep{
			{
				Config: testAccRegistryPolicyConfig(replicationPolicy("444455556666"), ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(registryPolicyAddr, tfjsonpath.New("id"), knownvalue.StringExact(acctest.AccountID())),
					statecheck.ExpectKnownValue(registryPolicyAddr, tfjsonpath.New("previous_policy"), knownvalue.Null()),
					statecheck.ExpectKnownValue(registryPolicyAddr, tfjsonpath.New("findings"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"code": knownvalue.StringExact("WRITE_TO_OTHER_ACCOUNT"), "sid": knownvalue.StringExact("ReplicationAccessCrossAccount")}),
					})),
					acctest.CheckAPI(registryPolicyAddr, func(context.Context, map[string]any) error {
						return registryPolicyIs(t, replicationPolicy("444455556666"))
					}),
				},
			},
			{
				Config: testAccRegistryPolicyConfig(pullEverywhere, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(registryPolicyAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(registryPolicyAddr, tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("code"), knownvalue.StringExact("REGISTRY_WIDE_GRANT")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI(registryPolicyAddr, func(context.Context, map[string]any) error { return registryPolicyIs(t, pullEverywhere) }),
				},
			},
			{
				ResourceName: registryPolicyAddr, ImportState: true, ImportStateId: acctest.AccountID(),
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"previous_policy"},
			},
		},
	})
}

// The policy in place is recorded, and restored on destroy when asked.
func TestAccRegistryPolicy_restoreOnDestroy(t *testing.T) {
	original := replicationPolicy("777788889999")
	withRegistryPolicy(t, original)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return registryPolicyIs(t, original) },
		Steps: []resource.TestStep{{
			Config: testAccRegistryPolicyConfig(replicationPolicy("444455556666"), "  restore_on_destroy = true\n"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(registryPolicyAddr, tfjsonpath.New("previous_policy"), knownvalue.StringFunc(func(v string) error {
					if !sameJSON(v, original) {
						return fmt.Errorf("previous_policy = %s", v)
					}
					return nil
				})),
				acctest.CheckAPI(registryPolicyAddr, func(context.Context, map[string]any) error {
					return registryPolicyIs(t, replicationPolicy("444455556666"))
				}),
			},
		}},
	})
}

// A registry policy deleted outside Terraform is removed from state and planned again.
func TestAccRegistryPolicy_disappears(t *testing.T) {
	withRegistryPolicy(t, "")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return registryPolicyIs(t, "") },
		Steps: []resource.TestStep{
			{Config: testAccRegistryPolicyConfig(replicationPolicy("444455556666"), "")},
			{
				PreConfig: func() {
					if err := acctest.Client(t).DeleteRegistryPolicy(context.Background()); err != nil {
						t.Fatal(err)
					}
				},
				Config:             testAccRegistryPolicyConfig(replicationPolicy("444455556666"), ""),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(registryPolicyAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// A registry policy that opens every repository to everyone fails the plan, and nothing changes.
func TestAccRegistryPolicy_badInput(t *testing.T) {
	withRegistryPolicy(t, "")
	public := `{"Statement":[{"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Resource":"*"}]}`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testAccRegistryPolicyConfig(public, ""),
				ExpectError: regexp.MustCompile(`(?s)PUBLIC_POLICY in statement Everyone`),
			},
			{
				Config:      testAccRegistryPolicyConfig(replicationPolicy("444455556666"), "  trusted_accounts = [\"777788889999\"]\n"),
				ExpectError: regexp.MustCompile(`(?s)UNTRUSTED_ACCOUNT in statement ReplicationAccessCrossAccount`),
				Check:       func(*terraform.State) error { return registryPolicyIs(t, "") },
			},
		},
	})
	if err := registryPolicyIs(t, ""); err != nil {
		t.Fatalf("a refused plan changed the registry: %v", err)
	}
}
