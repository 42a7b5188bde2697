package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

const policyAddr = "ecrgov_lifecycle_policy.test"

// The canonical text of testAccLifecyclePolicyRules(name, 30, `["v*"]`).
func canonicalReleasesPolicy(keep int, patterns string) string {
	return fmt.Sprintf(`{"rules":[{"rulePriority":1,"description":"expire untagged after 7 days","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}},`+
		`{"rulePriority":10,"description":"keep the last releases","selection":{"tagStatus":"tagged","tagPatternList":%s,"countType":"imageCountMoreThan","countNumber":%d},"action":{"type":"expire"}}]}`, patterns, keep)
}

func TestAccLifecyclePolicy_basicRules(t *testing.T) {
	name := acctest.RandomName("lp")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckLifecyclePolicyDestroy(t),
		Steps: []resource.TestStep{{
			Config: testAccLifecyclePolicyConfig_rules(name, 30, `["v*"]`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("policy_json"), knownvalue.StringExact(canonicalReleasesPolicy(30, `["v*"]`))),
				statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("policy"), knownvalue.Null()),
				testAccCheckLifecyclePolicyAPI(t, canonicalReleasesPolicy(30, `["v*"]`)),
			},
		}},
	})
}

func TestAccLifecyclePolicy_basicJSON(t *testing.T) {
	name := acctest.RandomName("lp")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckLifecyclePolicyDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccLifecyclePolicyConfig_json(name, canonicalReleasesPolicy(30, `["v*"]`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("policy_json"), knownvalue.StringExact(canonicalReleasesPolicy(30, `["v*"]`))),
					testAccCheckLifecyclePolicyAPI(t, canonicalReleasesPolicy(30, `["v*"]`)),
				},
			},
			{
				// Reordered rules and keys, other whitespace, a tag list in another order with a
				// duplicate, and an explicit default storage class: the same policy, no change.
				Config: testAccLifecyclePolicyConfig_json(name, `{
  "rules": [
    {"selection": {"countNumber": 30, "tagPatternList": ["v*", "v*"], "countType": "imageCountMoreThan", "tagStatus": "tagged"},
     "action": {"type": "expire"}, "description": "keep the last releases", "rulePriority": 10},
    {"rulePriority": 1, "description": "expire untagged after 7 days", "action": {"type": "expire"},
     "selection": {"tagStatus": "untagged", "storageClass": "standard", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7}}
  ]
}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestAccLifecyclePolicy_update: changes are in place (never a replacement), whether only
// countNumber or only tagPatternList changes, and ECR holds the new policy.
func TestAccLifecyclePolicy_update(t *testing.T) {
	name := acctest.RandomName("lp")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckLifecyclePolicyDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccLifecyclePolicyConfig_rules(name, 30, `["v*"]`)},
			{
				Config: testAccLifecyclePolicyConfig_rules(name, 50, `["v*"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(policyAddr, tfjsonpath.New("policy_json"), knownvalue.StringExact(canonicalReleasesPolicy(50, `["v*"]`))),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckLifecyclePolicyAPI(t, canonicalReleasesPolicy(50, `["v*"]`))},
			},
			{
				Config: testAccLifecyclePolicyConfig_rules(name, 50, `["release-*"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckLifecyclePolicyAPI(t, canonicalReleasesPolicy(50, `["release-*"]`))},
			},
			{
				// Switching to JSON with the same meaning changes only the form.
				Config: testAccLifecyclePolicyConfig_json(name, canonicalReleasesPolicy(50, `["release-*"]`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(policyAddr, tfjsonpath.New("policy_json"), knownvalue.StringExact(canonicalReleasesPolicy(50, `["release-*"]`))),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckLifecyclePolicyAPI(t, canonicalReleasesPolicy(50, `["release-*"]`))},
			},
			{
				// And back to rule blocks with a different count.
				Config: testAccLifecyclePolicyConfig_rules(name, 20, `["release-*"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckLifecyclePolicyAPI(t, canonicalReleasesPolicy(20, `["release-*"]`))},
			},
		},
	})
}

func TestAccLifecyclePolicy_disappears(t *testing.T) {
	name := acctest.RandomName("lp")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckLifecyclePolicyDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccLifecyclePolicyConfig_rules(name, 30, `["v*"]`)},
			{
				PreConfig: func() {
					if _, err := acctest.SDK(t).DeleteLifecyclePolicy(context.Background(), &ecr.DeleteLifecyclePolicyInput{RepositoryName: aws.String(name)}); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccLifecyclePolicyConfig_rules(name, 30, `["v*"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckLifecyclePolicyAPI(t, canonicalReleasesPolicy(30, `["v*"]`))},
			},
		},
	})
}

// TestAccLifecyclePolicy_drift: a policy edited outside Terraform shows as an in-place update
// and apply puts the configured policy back.
func TestAccLifecyclePolicy_drift(t *testing.T) {
	name := acctest.RandomName("lp")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckLifecyclePolicyDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccLifecyclePolicyConfig_rules(name, 30, `["v*"]`)},
			{
				PreConfig: func() { testAccPutLifecyclePolicy(t, name, canonicalReleasesPolicy(5, `["v*"]`)) },
				Config:    testAccLifecyclePolicyConfig_rules(name, 30, `["v*"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckLifecyclePolicyAPI(t, canonicalReleasesPolicy(30, `["v*"]`))},
			},
			{
				// The same for a JSON policy.
				Config: testAccLifecyclePolicyConfig_json(name, canonicalReleasesPolicy(30, `["v*"]`)),
			},
			{
				PreConfig: func() { testAccPutLifecyclePolicy(t, name, canonicalReleasesPolicy(5, `["v*"]`)) },
				Config:    testAccLifecyclePolicyConfig_json(name, canonicalReleasesPolicy(30, `["v*"]`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckLifecyclePolicyAPI(t, canonicalReleasesPolicy(30, `["v*"]`))},
			},
		},
	})
}

// A policy configured as JSON is imported with ":json" appended to the ID, so the plan after the
// import block is the import alone; the rule-block form and a plain ID still import as rules.
func TestAccLifecyclePolicy_importJSONForm(t *testing.T) {
	name := acctest.RandomName("lp")
	policy := `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckLifecyclePolicyDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccLifecyclePolicyConfig_json(name, policy)},
			{
				ResourceName:    policyAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   name + ":json",
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}

func TestAccLifecyclePolicy_import(t *testing.T) {
	name := acctest.RandomName("lp")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckLifecyclePolicyDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccLifecyclePolicyConfig_rules(name, 30, `["v*", "release-*"]`)},
			{ResourceName: policyAddr, ImportState: true, ImportStateId: name, ImportStateVerify: true},
		},
	})
}

func TestAccLifecyclePolicy_missingRepository(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckLifecyclePolicyDestroy(t),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_lifecycle_policy" "test" {
  repository = %[1]q
  policy     = %[2]q
}
`, acctest.RandomName("missing"), canonicalReleasesPolicy(30, `["v*"]`)),
			ExpectError: regexp.MustCompile(`(?s)creating ECR lifecycle policy.*does not exist`),
		}},
	})
}

// TestAccLifecyclePolicy_badInput: each class of invalid policy fails at plan, on its field,
// and nothing is created (CheckDestroy finds no repository and no policy).
func TestAccLifecyclePolicy_badInput(t *testing.T) {
	name := acctest.RandomName("lp")
	typed := func(selection, action string) string {
		return testAccLifecyclePolicyConfig_oneRule(name, selection, action)
	}
	step := func(cfg, want string) resource.TestStep {
		return resource.TestStep{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeTestCheckFunc(
			testAccCheckLifecyclePolicyDestroy(t),
			testAccCheckRepositoryDestroy(t),
		),
		Steps: []resource.TestStep{
			step(typed(`tag_status = "tagged"
      count_type = "imageCountMoreThan"
      count_number = 3`, `type = "expire"`), `(?s)rule\[0\]\.selection\.tag_pattern_list: tagged rules need a\s+non-empty\s+tag_pattern_list`),
			step(typed(`tag_status = "untagged"
      count_type = "sinceImagePushed"
      count_number = 7`, `type = "expire"`), `(?s)rule\[0\]\.selection\.count_unit:\s+sinceImagePushed counts days: set\s+count_unit\s+to\s+"days"`),
			step(typed(`tag_status = "tagged"
      tag_pattern_list = ["a*b*c*d*e*"]
      count_type = "imageCountMoreThan"
      count_number = 3`, `type = "expire"`), `(?s)tag_pattern_list = \["a\*b\*c\*d\*e\*"\].*rule\[0\]\.selection\.tag_pattern_list:\s+"a\*b\*c\*d\*e\*" has 5 wildcards`),
			step(typed(`tag_status = "any"
      count_type = "sinceImagePulled"
      count_unit = "days"
      count_number = 90`, `type = "expire"`), `(?s)type = "expire".*rule\[0\]\.action\.type: sinceImagePulled rules can only\s+transition`),
			step(typed(`tag_status = "any"
      storage_class = "archive"
      count_type = "sinceImageTransitioned"
      count_unit = "days"
      count_number = 30`, `type = "expire"`), `(?s)count_number = 30.*rule\[0\]\.selection\.count_number: archived images can be\s+expired no sooner than\s+90\s+days`),
			step(typed(`tag_status = "untagged"
      count_type = "imageCountMoreThan"
      count_number = 0`, `type = "expire"`), `(?s)count_number = 0.*rule\[0\]\.selection\.count_number: must be a positive\s+integer`),
			step(testAccLifecyclePolicyConfig_json(name, `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1,"extra":true},"action":{"type":"expire"}}]}`),
				`(?s)Invalid lifecycle policy.*rules\[0\]\.selection\.extra: unknown field`),
			step(testAccLifecyclePolicyConfig_json(name, `{"rules":[{"rulePriority":1,"description":null,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}`),
				`(?s)rules\[0\]\.description: null is not allowed`),
			step(testAccLifecyclePolicyConfig_json(name, `{"rules":[{"rulePriority":2,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},{"rulePriority":3,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}`),
				`(?s)rules\[0\]\.rulePriority: a tagStatus any rule is evaluated last`),
			step(testAccLifecyclePolicyConfig_json(name, `not json`), `(?s)not valid JSON`),
			step(acctest.ProviderConfig()+fmt.Sprintf(`
resource "ecrgov_lifecycle_policy" "test" {
  repository = %[1]q
}
`, name), `(?s)Missing lifecycle policy`),
		},
	})
}

func testAccCheckLifecyclePolicyAPI(t *testing.T, want string) statecheck.StateCheck {
	return acctest.CheckAPI(policyAddr, func(ctx context.Context, attrs map[string]any) error {
		text, err := acctest.Client(t).FindLifecyclePolicyByRepository(ctx, acctest.Attr(attrs, "id"))
		if err != nil {
			return err
		}
		if !lifecycle.EquivalentJSON(text, want) {
			return fmt.Errorf("ECR holds policy\n%s\nwant\n%s", text, want)
		}
		return nil
	})
}

func testAccCheckLifecyclePolicyDestroy(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "ecrgov_lifecycle_policy" {
				continue
			}
			_, err := acctest.Client(t).FindLifecyclePolicyByRepository(context.Background(), rs.Primary.ID)
			if ecrapi.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			return fmt.Errorf("the lifecycle policy of %s still exists", rs.Primary.ID)
		}
		return nil
	}
}

func testAccPutLifecyclePolicy(t *testing.T, repo, text string) {
	t.Helper()
	_, err := acctest.SDK(t).PutLifecyclePolicy(context.Background(), &ecr.PutLifecyclePolicyInput{
		RepositoryName: aws.String(repo), LifecyclePolicyText: aws.String(text),
	})
	if err != nil {
		t.Fatalf("putting a policy outside Terraform: %v", err)
	}
}

func testAccLifecyclePolicyConfig_rules(name string, keep int, patterns string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name = %[1]q
}

resource "ecrgov_lifecycle_policy" "test" {
  repository = ecrgov_repository.test.name

  rule {
    priority    = 1
    description = "expire untagged after 7 days"
    selection {
      tag_status   = "untagged"
      count_type   = "sinceImagePushed"
      count_unit   = "days"
      count_number = 7
    }
    action {
      type = "expire"
    }
  }

  rule {
    priority    = 10
    description = "keep the last releases"
    selection {
      tag_status       = "tagged"
      tag_pattern_list = %[3]s
      count_type       = "imageCountMoreThan"
      count_number     = %[2]d
    }
    action {
      type = "expire"
    }
  }
}
`, name, keep, patterns)
}

func testAccLifecyclePolicyConfig_json(name, policy string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name = %[1]q
}

resource "ecrgov_lifecycle_policy" "test" {
  repository = ecrgov_repository.test.name
  policy     = %[2]q
}
`, name, policy)
}

func testAccLifecyclePolicyConfig_oneRule(name, selection, action string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name = %[1]q
}

resource "ecrgov_lifecycle_policy" "test" {
  repository = ecrgov_repository.test.name
  rule {
    priority = 1
    selection {
      %[2]s
    }
    action {
      %[3]s
    }
  }
}
`, name, selection, action)
}

// A rule block without selection gets one error, on the missing block, rather than one per
// selection field the validator would miss.
func TestLifecyclePolicy_ruleWithoutSelectionIsOneError(t *testing.T) {
	_, schemas := unconfiguredServer(t)
	ruleList, _ := objectType(t, schemas.ResourceSchemas["ecrgov_lifecycle_policy"]).AttributeTypes["rule"].(tftypes.List)
	ruleType, _ := ruleList.ElementType.(tftypes.Object)
	actionType := ruleType.AttributeTypes["action"]
	rule := tftypes.NewValue(ruleType, map[string]tftypes.Value{
		"priority":    tftypes.NewValue(tftypes.Number, 1),
		"description": tftypes.NewValue(tftypes.String, nil),
		"selection":   tftypes.NewValue(ruleType.AttributeTypes["selection"], nil),
		"action": tftypes.NewValue(actionType, map[string]tftypes.Value{
			"type": tfString("expire"), "target_storage_class": tftypes.NewValue(tftypes.String, nil),
		}),
	})
	text := validateResource(t, "ecrgov_lifecycle_policy", map[string]tftypes.Value{
		"repository": tfString("team/app"),
		"rule":       tftypes.NewValue(ruleList, []tftypes.Value{rule}),
	})
	if n := strings.Count(text, "ERROR"); n != 1 || !strings.Contains(text, "selection") {
		t.Errorf("want exactly one error, about selection; got %d:\n%s", n, text)
	}
}
