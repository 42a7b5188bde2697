package provider_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

const templateAddr = "ecrgov_repository_creation_template.test"

const templateUntaggedRule = `
  rule {
    priority = 1
    selection {
      tag_status   = "untagged"
      count_type   = "sinceImagePushed"
      count_unit   = "days"
      count_number = 7
    }
    action { type = "expire" }
  }
`

const templateUntaggedPolicy = `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}`

func testAccTemplateConfig(prefix, body string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository_creation_template" "test" {
  prefix      = %[1]q
  applied_for = ["CREATE_ON_PUSH"]
%[2]s
}
`, prefix, body)
}

func findTemplate(t *testing.T, prefix string) (*ecrapi.CreationTemplate, error) {
	return acctest.Client(t).FindCreationTemplateByPrefix(context.Background(), prefix)
}

func testAccCheckTemplateAPI(t *testing.T, check func(*ecrapi.CreationTemplate) error) statecheck.StateCheck {
	return acctest.CheckAPI(templateAddr, func(_ context.Context, attrs map[string]any) error {
		got, err := findTemplate(t, acctest.Attr(attrs, "prefix"))
		if err != nil {
			return err
		}
		return check(got)
	})
}

func testAccCheckTemplateDestroy(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "ecrgov_repository_creation_template" {
				continue
			}
			_, err := findTemplate(t, rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("template %s still exists", rs.Primary.ID)
			}
			if !ecrapi.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

// basic: created IMMUTABLE by default with typed rules; then every setting changed in place
// (one update); a reformatted equivalent configuration plans nothing; import by prefix.
func TestAccRepositoryCreationTemplate_basic(t *testing.T) {
	prefix := acctest.RandomName("tpl")
	role := testAccRoleARN("ecr-templates")
	updated := fmt.Sprintf(`
  description          = "governed"
  image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filters = ["latest"]
  lifecycle_policy     = %q
  repository_policy    = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "pull", Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage"] }] })
  resource_tags        = { team = "payments" }
  custom_role_arn      = %q
`, templateUntaggedPolicy, role)
	// The same settings, with the policy's keys reordered and re-spaced.
	reformatted := strings.Replace(updated, fmt.Sprintf("%q", templateUntaggedPolicy),
		`jsonencode({ rules = [{ action = { type = "expire" }, rulePriority = 1, selection = { countNumber = 7, countUnit = "days", countType = "sinceImagePushed", tagStatus = "untagged" } }] })`, 1)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTemplateDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccTemplateConfig(prefix, templateUntaggedRule),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(templateAddr, tfjsonPath("image_tag_mutability"), knownvalue.StringExact("IMMUTABLE")),
					statecheck.ExpectKnownValue(templateAddr, tfjsonPath("lifecycle_policy_json"), knownvalue.StringExact(templateUntaggedPolicy)),
					testAccCheckTemplateAPI(t, func(got *ecrapi.CreationTemplate) error {
						if got.TagMutability != "IMMUTABLE" || got.LifecyclePolicy != templateUntaggedPolicy || strings.Join(got.AppliedFor, ",") != "CREATE_ON_PUSH" {
							return fmt.Errorf("template in ECR = %+v", got)
						}
						return nil
					}),
				},
			},
			{
				Config: testAccTemplateConfig(prefix, updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(templateAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckTemplateAPI(t, func(got *ecrapi.CreationTemplate) error {
						if got.TagMutability != "IMMUTABLE_WITH_EXCLUSION" || strings.Join(got.ExclusionFilters, ",") != "latest" ||
							got.Description != "governed" || got.ResourceTags["team"] != "payments" || got.CustomRoleARN != role ||
							!strings.Contains(got.RepositoryPolicy, "ecr:BatchGetImage") || got.LifecyclePolicy != templateUntaggedPolicy {
							return fmt.Errorf("template in ECR after update = %+v", got)
						}
						return nil
					}),
				},
			},
			{
				Config: testAccTemplateConfig(prefix, reformatted),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{
				ResourceName:      templateAddr,
				ImportState:       true,
				ImportStateId:     prefix,
				ImportStateVerify: true,
				// Imported by its prefix, the policy is read into rule blocks, the typed form.
				ImportStateVerifyIgnore: []string{"lifecycle_policy", "rule"},
			},
			{
				// Imported with ":json", it is read as JSON, the form this configuration uses: the
				// plan after the import block is the import alone.
				ResourceName:    templateAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   prefix + ":json",
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(templateAddr, plancheck.ResourceActionNoop),
				}},
			},
			{
				// Back to fewer settings: the cleared ones are cleared in ECR, in place.
				Config: testAccTemplateConfig(prefix, templateUntaggedRule),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(templateAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckTemplateAPI(t, func(got *ecrapi.CreationTemplate) error {
						if got.TagMutability != "IMMUTABLE" || got.ExclusionFilters != nil || got.Description != "" ||
							len(got.ResourceTags) != 0 || got.RepositoryPolicy != "" || got.CustomRoleARN != "" {
							return fmt.Errorf("template in ECR after clearing = %+v", got)
						}
						return nil
					}),
				},
			},
		},
	})
}

// Drift: a template changed outside Terraform is put back in place; one deleted outside
// Terraform is created again.
func TestAccRepositoryCreationTemplate_driftAndDisappears(t *testing.T) {
	prefix := acctest.RandomName("tpl")
	cfg := testAccTemplateConfig(prefix, templateUntaggedRule)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTemplateDestroy(t),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					_, err := acctest.SDK(t).UpdateRepositoryCreationTemplate(context.Background(), &ecr.UpdateRepositoryCreationTemplateInput{
						Prefix: aws.String(prefix), ImageTagMutability: types.ImageTagMutabilityMutable, LifecyclePolicy: aws.String(""),
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(templateAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckTemplateAPI(t, func(got *ecrapi.CreationTemplate) error {
						if got.TagMutability != "IMMUTABLE" || got.LifecyclePolicy != templateUntaggedPolicy {
							return fmt.Errorf("template in ECR after putting it back = %+v", got)
						}
						return nil
					}),
				},
			},
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					return acctest.Client(t).DeleteCreationTemplate(context.Background(), prefix)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(templateAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckTemplateAPI(t, func(*ecrapi.CreationTemplate) error { return nil })},
			},
		},
	})
}

// Bad input fails at plan, on the attribute to fix, and nothing is created.
func TestAccRepositoryCreationTemplate_badInput(t *testing.T) {
	prefix := acctest.RandomName("tpl")
	for _, tc := range []struct {
		name, prefix, body, wantErr string
	}{
		{"trailing slash", prefix + "/", "", `ECR appends the "/" itself`},
		{"tags without a role", prefix, `resource_tags = { team = "a" }`, "custom_role_arn is required"},
		{"KMS without a role", prefix, `encryption_type = "KMS"`, "custom_role_arn is required"},
		{"kms key with AES256", prefix, `kms_key = "arn:aws:kms:us-east-1:123456789012:key/abc"` + "\n" + `custom_role_arn = "arn:aws:iam::123456789012:role/r"`, "kms_key needs KMS encryption"},
		{"unknown scenario", prefix, "", ""},
		{"bad rule", prefix, strings.Replace(templateUntaggedRule, "count_number = 7", "count_number = 0", 1), "rule[0].selection.count_number: must be a positive integer"},
		{"both policy forms", prefix, templateUntaggedRule + fmt.Sprintf("lifecycle_policy = %q", templateUntaggedPolicy), "Conflicting lifecycle policy sources"},
		{"filters without an exclusion mode", prefix, `image_tag_mutability_exclusion_filters = ["latest"]`, "exclusion"},
	} {
		if tc.wantErr == "" {
			continue // the scenario case is below: it needs its own applied_for
		}
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             testAccCheckTemplateDestroy(t),
				Steps: []resource.TestStep{{
					Config:      testAccTemplateConfig(tc.prefix, tc.body),
					PlanOnly:    true,
					ExpectError: errorText(tc.wantErr),
				}},
			})
			if _, err := findTemplate(t, strings.TrimSuffix(tc.prefix, "/")); !ecrapi.IsNotFound(err) {
				t.Fatalf("a rejected configuration left a template behind: %v", err)
			}
		})
	}
	t.Run("unknown_scenario", func(t *testing.T) {
		resource.ParallelTest(t, resource.TestCase{
			PreCheck:                 func() { acctest.PreCheck(t) },
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository_creation_template" "test" {
  prefix      = %q
  applied_for = ["ON_PULL"]
}
`, prefix),
				PlanOnly:    true,
				ExpectError: errorText("CREATE_ON_PUSH"),
			}},
		})
	})
}

// The plan that creates a template warns when a more specific template already governs part of
// its namespace: ECR gives those repositories the more specific template's settings.
func TestAccRepositoryCreationTemplate_shadowWarning(t *testing.T) {
	acctest.PreCheck(t)
	base := acctest.RandomName("tpl")
	client := acctest.Client(t)
	if _, err := client.CreateCreationTemplate(context.Background(), ecrapi.CreationTemplateSpec{
		Prefix: base + "/team", AppliedFor: []string{"CREATE_ON_PUSH"}, TagMutability: "MUTABLE",
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.DeleteCreationTemplate(context.Background(), base+"/team") })

	s := newProtocolServer(t, acctest.Endpoint())
	typ := s.resourceType("ecrgov_repository_creation_template")
	config := map[string]tftypes.Value{
		"prefix":      tfString(base),
		"applied_for": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tfString("CREATE_ON_PUSH")}),
		"rule":        tftypes.NewValue(typ.AttributeTypes["rule"], []tftypes.Value{}),
	}
	plan := s.planChange("ecrgov_repository_creation_template", tftypes.NewValue(typ, nil), config)
	text := diagnosticsText(plan.Diagnostics)
	if !strings.Contains(text, "More specific templates govern part of this namespace") || !strings.Contains(text, base+"/team") {
		t.Fatalf("plan diagnostics = %q, want a warning naming %s/team", text, base)
	}
	for _, d := range plan.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("the warning came with an error: %s", text)
		}
	}

	// The more specific template itself plans without the warning.
	config["prefix"] = tfString(base + "/team/app")
	if text := diagnosticsText(s.planChange("ecrgov_repository_creation_template", tftypes.NewValue(typ, nil), config).Diagnostics); text != "" {
		t.Fatalf("planning the most specific template: %q, want no diagnostics", text)
	}
}

// A CreateRepositoryCreationTemplate whose answer is lost is retried and meets
// TemplateAlreadyExistsException: the template is this call's own, so it is recorded, not
// reported as someone else's.
func TestAccRepositoryCreationTemplate_lostCreateResponse(t *testing.T) {
	prefix := acctest.RandomName("tpl")
	proxy := acctest.StartProxy(t)
	proxy.LoseResponses("CreateRepositoryCreationTemplate", 1)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTemplateDestroy(t),
		Steps: []resource.TestStep{{
			Config: proxy.ProviderConfigWith("") + fmt.Sprintf(`
resource "ecrgov_repository_creation_template" "test" {
  prefix      = %q
  applied_for = ["CREATE_ON_PUSH"]
}
`, prefix),
			ConfigStateChecks: []statecheck.StateCheck{
				testAccCheckTemplateAPI(t, func(*ecrapi.CreationTemplate) error {
					if n := proxy.Calls("CreateRepositoryCreationTemplate"); n != 2 {
						return fmt.Errorf("CreateRepositoryCreationTemplate calls = %d, want 2 (one answer lost)", n)
					}
					return nil
				}),
				statecheck.ExpectKnownValue(templateAddr, tfjsonPath("created_at"), knownvalue.NotNull()),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// A prefix that another state's template holds: the plan warns, the apply refuses with the
// import command and leaves the other template alone, and destroying this state still works.
// Before, the plan-time check was an error, and since Terraform's destroy first runs a normal
// plan to refresh, it blocked destroying anything in a state beside the foreign template.
func TestAccRepositoryCreationTemplate_destroyBesideForeignTemplate(t *testing.T) {
	own, taken := acctest.RandomName("tpl"), acctest.RandomName("tpl")
	client := acctest.Client(t)
	if _, err := client.CreateCreationTemplate(context.Background(), ecrapi.CreationTemplateSpec{
		Prefix: taken, AppliedFor: []string{"REPLICATION"}, TagMutability: "IMMUTABLE",
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.DeleteCreationTemplate(context.Background(), taken) })
	ownOnly := testAccTemplateConfig(own, "")
	both := ownOnly + fmt.Sprintf(`
resource "ecrgov_repository_creation_template" "foreign" {
  prefix      = %q
  applied_for = ["CREATE_ON_PUSH"]
}
`, taken)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if _, err := findTemplate(t, own); !ecrapi.IsNotFound(err) {
				return fmt.Errorf("template %s survived destroy: %v", own, err)
			}
			if tpl, err := findTemplate(t, taken); err != nil || tpl.AppliedFor[0] != "REPLICATION" {
				return fmt.Errorf("the other state's template was touched: %+v, %v", tpl, err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: ownOnly},
			{Config: both, ExpectError: errorText(`terraform import <address> ` + taken)},
			{Config: both, Destroy: true},
		},
	})
}

// update: the mode and its exclusion filters change together in place (both sent in the one
// UpdateRepositoryCreationTemplate), while the description, custom role and both policies are
// removed from the configuration and so cleared in ECR; the state and the API agree.
func TestAccRepositoryCreationTemplate_update(t *testing.T) {
	prefix := acctest.RandomName("tplupd")
	role := testAccRoleARN("ecr-templates")
	full := fmt.Sprintf(`
  description          = "governed"
  image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filters = ["latest"]
  lifecycle_policy     = %q
  repository_policy    = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "pull", Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage"] }] })
  custom_role_arn      = %q
`, templateUntaggedPolicy, role)
	cleared := `
  image_tag_mutability = "MUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filters = ["latest", "dev-*"]
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTemplateDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccTemplateConfig(prefix, full),
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckTemplateAPI(t, func(got *ecrapi.CreationTemplate) error {
						if got.Description != "governed" || got.CustomRoleARN != role || got.LifecyclePolicy == "" || got.RepositoryPolicy == "" {
							return fmt.Errorf("template in ECR = %+v", got)
						}
						return nil
					}),
				},
			},
			{
				Config: testAccTemplateConfig(prefix, cleared),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(templateAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(templateAddr, tfjsonPath("image_tag_mutability"), knownvalue.StringExact("MUTABLE_WITH_EXCLUSION")),
					statecheck.ExpectKnownValue(templateAddr, tfjsonPath("image_tag_mutability_exclusion_filters"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("latest"), knownvalue.StringExact("dev-*")})),
					statecheck.ExpectKnownValue(templateAddr, tfjsonPath("description"), knownvalue.Null()),
					statecheck.ExpectKnownValue(templateAddr, tfjsonPath("custom_role_arn"), knownvalue.Null()),
					statecheck.ExpectKnownValue(templateAddr, tfjsonPath("lifecycle_policy_json"), knownvalue.Null()),
					statecheck.ExpectKnownValue(templateAddr, tfjsonPath("repository_policy"), knownvalue.Null()),
					testAccCheckTemplateAPI(t, func(got *ecrapi.CreationTemplate) error {
						filters := slices.Sorted(slices.Values(got.ExclusionFilters))
						if got.TagMutability != "MUTABLE_WITH_EXCLUSION" || strings.Join(filters, ",") != "dev-*,latest" ||
							got.Description != "" || got.CustomRoleARN != "" || got.LifecyclePolicy != "" || got.RepositoryPolicy != "" {
							return fmt.Errorf("template in ECR after the update = %+v", got)
						}
						return nil
					}),
				},
			},
			{
				Config: testAccTemplateConfig(prefix, cleared),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
		},
	})
}
