package provider_test

import (
	"context"
	"fmt"
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

const exclusionAddr = "ecrgov_pull_time_update_exclusion.test"

func testAccPullTimeExclusionConfig(arn string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_pull_time_update_exclusion" "test" {
  principal_arn = %[1]q
}
`, arn)
}

func testAccRoleARN(name string) string {
	return "arn:aws:iam::" + acctest.AccountID() + ":role/" + name
}

func testAccCheckPullTimeExclusionAPI(t *testing.T, arn string) statecheck.StateCheck {
	return acctest.CheckAPI(exclusionAddr, func(ctx context.Context, _ map[string]any) error {
		return acctest.Client(t).FindPullTimeExclusionByPrincipal(ctx, arn)
	})
}

func testAccCheckPullTimeExclusionDestroy(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "ecrgov_pull_time_update_exclusion" {
				continue
			}
			err := acctest.Client(t).FindPullTimeExclusionByPrincipal(context.Background(), rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("%s is still excluded", rs.Primary.ID)
			}
			if !ecrapi.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

// basic, then a change of principal (a replacement: the exclusion is the principal), import and
// a bad import ID.
func TestAccPullTimeUpdateExclusion_basic(t *testing.T) {
	first, second := testAccRoleARN(acctest.RandomName("scanner")), testAccRoleARN(acctest.RandomName("ci"))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckPullTimeExclusionDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccPullTimeExclusionConfig(first),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(exclusionAddr, tfjsonpath.New("id"), knownvalue.StringExact(first)),
					testAccCheckPullTimeExclusionAPI(t, first),
				},
			},
			{
				Config: testAccPullTimeExclusionConfig(second),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(exclusionAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckPullTimeExclusionAPI(t, second),
					acctest.CheckAPI(exclusionAddr, func(ctx context.Context, _ map[string]any) error {
						if err := acctest.Client(t).FindPullTimeExclusionByPrincipal(ctx, first); !ecrapi.IsNotFound(err) {
							return fmt.Errorf("the replaced principal %s is still excluded: %v", first, err)
						}
						return nil
					}),
				},
			},
			{ResourceName: exclusionAddr, ImportState: true, ImportStateId: second, ImportStateVerify: true},
			{ResourceName: exclusionAddr, ImportState: true, ImportStateId: "scanner", ExpectError: errorText(`The import ID is the principal ARN`)},
		},
	})
}

// Deregistered outside Terraform: Read drops it and the plan registers it again.
func TestAccPullTimeUpdateExclusion_disappears(t *testing.T) {
	arn := testAccRoleARN(acctest.RandomName("audit"))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckPullTimeExclusionDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccPullTimeExclusionConfig(arn)},
			{
				PreConfig: func() {
					if err := acctest.Client(t).DeregisterPullTimeExclusion(context.Background(), arn); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccPullTimeExclusionConfig(arn),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(exclusionAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckPullTimeExclusionAPI(t, arn)},
			},
		},
	})
}

// Bad principals fail at plan with the rule; a principal excluded by someone else is not
// adopted: the apply fails with the import command.
func TestAccPullTimeUpdateExclusion_badInput(t *testing.T) {
	taken := testAccRoleARN(acctest.RandomName("taken"))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckPullTimeExclusionDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccPullTimeExclusionConfig("scanner"), PlanOnly: true, ExpectError: errorText(`"scanner" is not an IAM principal ARN`)},
			{
				Config: testAccPullTimeExclusionConfig("arn:aws:sts::123456789012:assumed-role/ci/session-1"), PlanOnly: true,
				ExpectError: errorText(`is an STS session; exclude the role instead`),
			},
			{
				PreConfig: func() {
					if err := acctest.Client(t).RegisterPullTimeExclusion(context.Background(), taken); err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { _ = acctest.Client(t).DeregisterPullTimeExclusion(context.Background(), taken) })
				},
				Config:      testAccPullTimeExclusionConfig(taken),
				ExpectError: errorText(`terraform import <address> ` + taken),
			},
		},
	})
}
