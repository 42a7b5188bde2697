package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

const repoPolicyAddr = "ecrgov_repository_policy.test"

// pullPolicy is a repository policy that lets principal pull, with an optional condition.
func pullPolicy(sid, principal, condition string) string {
	p := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":%q,"Effect":"Allow","Principal":%s,"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]%s}]}`,
		sid, principal, condition)
	return p
}

func testAccRepositoryPolicyConfig(repo, policy, extra string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository_policy" "test" {
  repository = %[1]q
  policy     = %[2]q
%[3]s}
`, repo, policy, extra)
}

// testAccCheckRepositoryPolicyAPI: the policy ECR holds means the same as want ("" for none).
func testAccCheckRepositoryPolicyAPI(t *testing.T, repo, want string) statecheck.StateCheck {
	return acctest.CheckAPI(repoPolicyAddr, func(ctx context.Context, _ map[string]any) error {
		return repositoryPolicyIs(ctx, t, repo, want)
	})
}

func repositoryPolicyIs(ctx context.Context, t *testing.T, repo, want string) error {
	got, err := acctest.Client(t).FindRepositoryPolicyByRepository(ctx, repo)
	switch {
	case want == "" && ecrapi.IsNotFound(err, ecrapi.KindRepositoryPolicy, ecrapi.KindRepository):
		return nil
	case err != nil:
		return err
	case !sameJSON(got, want):
		return fmt.Errorf("repository policy of %s is %s, want %s", repo, got, want)
	}
	return nil
}

func sameJSON(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return string(ja) == string(jb)
}

func testAccCheckRepositoryPolicyDestroy(t *testing.T, repo, want string) resource.TestCheckFunc {
	return func(*terraform.State) error { return repositoryPolicyIs(context.Background(), t, repo, want) }
}

func setRepositoryPolicyOutside(t *testing.T, repo, policy string) {
	t.Helper()
	if _, err := acctest.SDK(t).SetRepositoryPolicy(context.Background(), &ecr.SetRepositoryPolicyInput{
		RepositoryName: aws.String(repo), PolicyText: aws.String(policy),
	}); err != nil {
		t.Fatalf("setting the policy of %s outside Terraform: %v", repo, err)
	}
}

var (
	ownPull     = pullPolicy("OwnPull", `{"AWS":"arn:aws:iam::`+acctest.EmulatorAccountID+`:root"}`, "")
	partnerPull = pullPolicy("PartnerPull", `{"AWS":"arn:aws:iam::444455556666:root"}`, "")
	orgPull     = pullPolicy("OrgPull", `"*"`, `,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}`)
	publicPull  = pullPolicy("PublicPull", `"*"`, "")
)

func TestAccRepositoryPolicy_basic(t *testing.T) {
	repo := acctest.RandomName("policy")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		// Destroy removes the policy: no policy is the narrowest access.
		CheckDestroy: testAccCheckRepositoryPolicyDestroy(t, repo, ""),
		Steps: []resource.TestStep{{
			PreConfig: func() { acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityImmutable) },
			Config:    testAccRepositoryPolicyConfig(repo, orgPull, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(repoPolicyAddr, tfjsonpath.New("id"), knownvalue.StringExact(repo)),
				statecheck.ExpectKnownValue(repoPolicyAddr, tfjsonpath.New("previous_policy"), knownvalue.Null()),
				statecheck.ExpectKnownValue(repoPolicyAddr, tfjsonpath.New("findings"), knownvalue.ListSizeExact(0)),
				testAccCheckRepositoryPolicyAPI(t, repo, orgPull),
			},
		}},
	})
}

// A policy change is one SetRepositoryPolicy in place; the findings in the plan say what the new
// policy allows; reformatting the same policy is no change at all.
func TestAccRepositoryPolicy_update(t *testing.T) {
	repo := acctest.RandomName("policy")
	crossAccountPush := `{"Version":"2012-10-17","Statement":[{"Sid":"Push","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":["ecr:PutImage","ecr:InitiateLayerUpload"]}]}`
	reformatted := "{\n  \"Statement\": [{\"Action\": [\"ecr:PutImage\", \"ecr:InitiateLayerUpload\"], \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Effect\": \"Allow\", \"Sid\": \"Push\"}],\n  \"Version\": \"2012-10-17\"\n}"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryPolicyDestroy(t, repo, ""),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityImmutable) },
				Config:    testAccRepositoryPolicyConfig(repo, ownPull, ""),
			},
			{
				Config: testAccRepositoryPolicyConfig(repo, crossAccountPush, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(repoPolicyAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(repoPolicyAddr, tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("code"), knownvalue.StringExact("WRITE_TO_OTHER_ACCOUNT")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckRepositoryPolicyAPI(t, repo, crossAccountPush)},
			},
			{
				Config: testAccRepositoryPolicyConfig(repo, reformatted, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
		},
	})
}

// Bad input fails the plan on `policy` before anything changes: a public grant without
// allow_public, an account outside trusted_accounts (naming the Sid and the principal), text that
// is not a policy, and a trusted account that is not an account ID.
func TestAccRepositoryPolicy_badInput(t *testing.T) {
	repo := acctest.RandomName("policy")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryPolicyDestroy(t, repo, ""),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityImmutable) },
				Config:      testAccRepositoryPolicyConfig(repo, publicPull, ""),
				ExpectError: regexp.MustCompile(`(?s)PUBLIC_POLICY in statement PublicPull.*allow_public = true`),
			},
			{
				Config:      testAccRepositoryPolicyConfig(repo, partnerPull, "  trusted_accounts = [\"111122223333\"]\n"),
				ExpectError: regexp.MustCompile(`(?s)UNTRUSTED_ACCOUNT in statement PartnerPull.*arn:aws:iam::444455556666:root`),
			},
			{
				Config:      testAccRepositoryPolicyConfig(repo, `{"Statement":"none"}`, ""),
				ExpectError: regexp.MustCompile(`(?s)not a permission policy`),
			},
			{
				Config:      testAccRepositoryPolicyConfig(repo, ownPull, "  trusted_accounts = [\"12345\"]\n"),
				ExpectError: regexp.MustCompile(`(?s)not an AWS account ID`),
			},
			{
				// Nothing was applied by the refused plans.
				PreConfig: func() {
					if err := repositoryPolicyIs(context.Background(), t, repo, ""); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccRepositoryPolicyConfig(repo, publicPull, "  allow_public = true\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(repoPolicyAddr, tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("code"), knownvalue.StringExact("PUBLIC_POLICY")),
					testAccCheckRepositoryPolicyAPI(t, repo, publicPull),
				},
			},
		},
	})
}

// The policy in place before is recorded and, with restore_on_destroy, put back.
func TestAccRepositoryPolicy_restoreOnDestroy(t *testing.T) {
	repo := acctest.RandomName("policy")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryPolicyDestroy(t, repo, ownPull),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityImmutable)
				setRepositoryPolicyOutside(t, repo, ownPull)
			},
			Config: testAccRepositoryPolicyConfig(repo, orgPull, "  restore_on_destroy = true\n"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(repoPolicyAddr, tfjsonpath.New("previous_policy"), knownvalue.StringFunc(func(v string) error {
					if !sameJSON(v, ownPull) {
						return fmt.Errorf("previous_policy = %s", v)
					}
					return nil
				})),
				testAccCheckRepositoryPolicyAPI(t, repo, orgPull),
			},
		}},
	})
}

// A policy changed outside Terraform shows as an in-place update back; one deleted outside is
// created again; a repository deleted outside removes the resource from state.
func TestAccRepositoryPolicy_driftAndDisappears(t *testing.T) {
	repo := acctest.RandomName("policy")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() { acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityImmutable) },
				Config:    testAccRepositoryPolicyConfig(repo, orgPull, ""),
			},
			{
				PreConfig: func() { setRepositoryPolicyOutside(t, repo, publicPull) },
				Config:    testAccRepositoryPolicyConfig(repo, orgPull, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(repoPolicyAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckRepositoryPolicyAPI(t, repo, orgPull)},
			},
			{
				PreConfig: func() {
					if _, err := acctest.SDK(t).DeleteRepositoryPolicy(context.Background(), &ecr.DeleteRepositoryPolicyInput{RepositoryName: aws.String(repo)}); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccRepositoryPolicyConfig(repo, orgPull, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(repoPolicyAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckRepositoryPolicyAPI(t, repo, orgPull)},
			},
			{
				PreConfig:          func() { testAccDeleteRepository(t, repo) },
				Config:             testAccRepositoryPolicyConfig(repo, orgPull, ""),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(repoPolicyAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// Import by repository name records today's policy as the previous one; the next plan is empty.
func TestAccRepositoryPolicy_import(t *testing.T) {
	repo := acctest.RandomName("policy")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryPolicyDestroy(t, repo, ""),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityImmutable) },
				Config:    testAccRepositoryPolicyConfig(repo, orgPull, ""),
			},
			{
				ResourceName:            repoPolicyAddr,
				ImportState:             true,
				ImportStateId:           repo,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"previous_policy"},
			},
			{
				ResourceName:    repoPolicyAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   repo,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(repoPolicyAddr, plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}
