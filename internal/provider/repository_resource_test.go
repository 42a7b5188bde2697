package provider_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

const repoAddr = "ecrgov_repository.test"

func TestAccRepository_basic(t *testing.T) {
	name := acctest.RandomName("repo")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{{
			Config: testAccRepositoryConfig_basic(name),
			// What follows from the configuration is known before anything is created.
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue(repoAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
				plancheck.ExpectKnownValue(repoAddr, tfjsonpath.New("registry_id"), knownvalue.StringExact(acctest.AccountID())),
				plancheck.ExpectKnownValue(repoAddr, tfjsonpath.New("repository_url"), knownvalue.StringExact(repoURL(name))),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("image_tag_mutability"), knownvalue.StringExact("IMMUTABLE")),
				statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("scan_on_push"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("encryption_type"), knownvalue.StringExact("AES256")),
				statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("force_delete"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("registry_id"), knownvalue.StringExact(acctest.AccountID())),
				statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("arn"), knownvalue.StringRegexp(regexp.MustCompile(`^arn:aws:ecr:[a-z0-9-]+:\d{12}:repository/`+regexp.QuoteMeta(name)+`$`))),
				statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("repository_url"), knownvalue.StringRegexp(regexp.MustCompile(`/`+regexp.QuoteMeta(name)+`$`))),
				testAccCheckRepositoryAPI(t, "IMMUTABLE", nil, true),
			},
		}},
	})
}

func TestAccRepository_update(t *testing.T) {
	name := acctest.RandomName("repo")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccRepositoryConfig_full(name, "IMMUTABLE_WITH_EXCLUSION", `["latest", "dev-*"]`, false, `{ team = "platform" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("image_tag_mutability_exclusion_filters"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("latest"), knownvalue.StringExact("dev-*")})),
					testAccCheckRepositoryAPI(t, "IMMUTABLE_WITH_EXCLUSION", []string{"dev-*", "latest"}, false),
					testAccCheckRepositoryTagsAPI(t, repoAddr, map[string]string{"team": "platform"}),
				},
			},
			{
				// Reordering the filters is not a change.
				Config: testAccRepositoryConfig_full(name, "IMMUTABLE_WITH_EXCLUSION", `["dev-*", "latest"]`, false, `{ team = "platform" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// scan_on_push goes false -> true, and back to false below: the SDK omits a false
				// scanOnPush, which ECR (and the patched emulator) reads as false.
				Config: testAccRepositoryConfig_full(name, "MUTABLE", "null", true, `{ owner = "sre" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(repoAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("image_tag_mutability"), knownvalue.StringExact("MUTABLE")),
					statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("image_tag_mutability_exclusion_filters"), knownvalue.Null()),
					statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("scan_on_push"), knownvalue.Bool(true)),
					testAccCheckRepositoryAPI(t, "MUTABLE", nil, true),
					testAccCheckRepositoryTagsAPI(t, repoAddr, map[string]string{"owner": "sre"}),
				},
			},
			{
				Config: testAccRepositoryConfig_full(name, "MUTABLE", "null", false, `{ owner = "sre" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(repoAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckRepositoryAPI(t, "MUTABLE", nil, false)},
			},
		},
	})
}

func TestAccRepository_disappears(t *testing.T) {
	name := acctest.RandomName("repo")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccRepositoryConfig_basic(name)},
			{
				PreConfig: func() { testAccDeleteRepository(t, name) },
				Config:    testAccRepositoryConfig_basic(name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(repoAddr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckRepositoryAPI(t, "IMMUTABLE", nil, true)},
			},
		},
	})
}

func TestAccRepository_import(t *testing.T) {
	name := acctest.RandomName("repo")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccRepositoryConfig_full(name, "MUTABLE_WITH_EXCLUSION", `["release-*"]`, false, `{ env = "dev" }`)},
			{
				ResourceName:      repoAddr,
				ImportState:       true,
				ImportStateId:     name,
				ImportStateVerify: true,
			},
			{
				ResourceName:  repoAddr,
				ImportState:   true,
				ImportStateId: "Not/A/Name",
				ExpectError:   regexp.MustCompile(`not a valid ECR\s+repository name`),
			},
		},
	})
}

// TestAccRepository_drift changes the mutability outside Terraform: the plan shows an in-place
// update and the apply restores the configured mode.
func TestAccRepository_drift(t *testing.T) {
	name := acctest.RandomName("repo")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccRepositoryConfig_basic(name)},
			{
				PreConfig: func() {
					if err := acctest.Client(t).PutTagMutability(context.Background(), name, "MUTABLE", nil); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccRepositoryConfig_basic(name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(repoAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(repoAddr, tfjsonpath.New("image_tag_mutability"), knownvalue.StringExact("IMMUTABLE")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckRepositoryAPI(t, "IMMUTABLE", nil, true)},
			},
		},
	})
}

// TestAccRepository_forceDelete: destroying a repository that holds images fails and says how
// many, until force_delete is set.
func TestAccRepository_forceDelete(t *testing.T) {
	name := acctest.RandomName("repo")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccRepositoryConfig_basic(name)},
			{
				PreConfig:   func() { acctest.SeedImage(t, name, "v1"); acctest.SeedImage(t, name, "v2") },
				Config:      testAccRepositoryConfig_basic(name),
				Destroy:     true,
				ExpectError: regexp.MustCompile(`holds 2 images, and force_delete is false`),
			},
			{
				Config: testAccRepositoryConfig_forceDelete(name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(repoAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckRepositoryAPI(t, "IMMUTABLE", nil, true)},
			},
		},
	})
}

func TestAccRepository_badInput(t *testing.T) {
	name := acctest.RandomName("repo")
	step := func(cfg, want string) resource.TestStep {
		return resource.TestStep{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			step(testAccRepositoryConfig_basic("Bad_Name"), `not a valid ECR\s+repository name`),
			step(testAccRepositoryConfig_basic("a"), `ECR repository\s+names have 2 to 256`),
			step(testAccRepositoryConfig_full(name, "IMMUTABLE", `["latest"]`, true, "null"), `(?s)image_tag_mutability_exclusion_filters.*apply only to`),
			step(testAccRepositoryConfig_full(name, "IMMUTABLE_WITH_EXCLUSION", "null", true, "null"), `(?s)image_tag_mutability_exclusion_filters.*needs 1 to 5 exclusion\s+filters`),
			step(testAccRepositoryConfig_full(name, "IMMUTABLE_WITH_EXCLUSION", `["a","b","c","d","e","f"]`, true, "null"), `set must contain at least 1\s+elements and at most 5`),
			step(testAccRepositoryConfig_full(name, "IMMUTABLE_WITH_EXCLUSION", `["lat/est"]`, true, "null"), `not a valid exclusion filter`),
			step(testAccRepositoryConfig_full(name, "SOMETIMES", "null", true, "null"), `image_tag_mutability value must be one\s+of`),
			step(testAccRepositoryConfig_kms(name, "AES256", "arn:aws:kms:us-east-1:123456789012:key/abc"), `(?s)kms_key.*needs KMS encryption`),
		},
	})
}

func testAccCheckRepositoryAPI(t *testing.T, wantMode string, wantFilters []string, wantScan bool) statecheck.StateCheck {
	return acctest.CheckAPI(repoAddr, func(ctx context.Context, attrs map[string]any) error {
		repo, err := acctest.Client(t).FindRepositoryByName(ctx, acctest.Attr(attrs, "id"))
		if err != nil {
			return err
		}
		if got := repo.TagMutability; got != wantMode {
			return fmt.Errorf("API mutability = %s, want %s", got, wantMode)
		}
		got := repo.ExclusionFilters
		sort.Strings(got)
		if fmt.Sprint(got) != fmt.Sprint(wantFilters) && len(got)+len(wantFilters) > 0 {
			return fmt.Errorf("API exclusion filters = %v, want %v", got, wantFilters)
		}
		if repo.ScanOnPush != wantScan {
			return fmt.Errorf("API scan on push = %v, want %v", repo.ScanOnPush, wantScan)
		}
		return nil
	})
}

func testAccCheckRepositoryTagsAPI(t *testing.T, address string, want map[string]string) statecheck.StateCheck {
	return acctest.CheckAPI(address, func(ctx context.Context, attrs map[string]any) error {
		got, err := acctest.Client(t).FindRepositoryTags(ctx, acctest.Attr(attrs, "arn"))
		if err != nil {
			return err
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("API tags = %v, want %v", got, want)
		}
		return nil
	})
}

// testAccCheckRepositoryDestroy asks the API that every repository in state is gone.
func testAccCheckRepositoryDestroy(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "ecrgov_repository" {
				continue
			}
			_, err := acctest.Client(t).FindRepositoryByName(context.Background(), rs.Primary.ID)
			if ecrapi.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			return fmt.Errorf("ECR repository %s still exists", rs.Primary.ID)
		}
		return nil
	}
}

func testAccDeleteRepository(t *testing.T, name string) {
	t.Helper()
	_, err := acctest.SDK(t).DeleteRepository(context.Background(), &ecr.DeleteRepositoryInput{RepositoryName: aws.String(name), Force: true})
	var nf *ecrtypes.RepositoryNotFoundException
	if err != nil && !errors.As(err, &nf) {
		t.Fatalf("deleting %s outside Terraform: %v", name, err)
	}
}

func testAccRepositoryConfig_basic(name string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name = %[1]q
}
`, name)
}

func testAccRepositoryConfig_forceDelete(name string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name         = %[1]q
  force_delete = true
}
`, name)
}

func testAccRepositoryConfig_full(name, mode, filters string, scan bool, tags string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name                                   = %[1]q
  image_tag_mutability                   = %[2]q
  image_tag_mutability_exclusion_filters = %[3]s
  scan_on_push                           = %[4]t
  tags                                   = %[5]s
}
`, name, mode, filters, scan, tags)
}

func testAccRepositoryConfig_kms(name, encryption, key string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name            = %[1]q
  encryption_type = %[2]q
  kms_key         = %[3]q
}
`, name, encryption, key)
}

// TestAccRepository_lostCreateResponse: CreateRepository succeeds but its response is lost, so
// the SDK retries and meets RepositoryAlreadyExistsException. The provider recognises its own
// repository and records it, rather than failing and leaving an orphan.
func TestAccRepository_lostCreateResponse(t *testing.T) {
	testAccRepositoryLostCreateAnswers(t, 1, "", 2)
}

// TestAccRepository_allCreateAnswersLost is the orphan scenario: CreateRepository acts and every
// answer, the retries' included, is lost. Before the fix the apply failed with the last 500 and
// left the repository in the registry but not in state, and the next apply failed with
// RepositoryAlreadyExistsException. Now the create is settled by looking the repository up: it
// was created inside this call's window with the requested settings, so it is recorded.
func TestAccRepository_allCreateAnswersLost(t *testing.T) {
	testAccRepositoryLostCreateAnswers(t, 3, "  max_retries = 2", 3)
}

// testAccRepositoryLostCreateAnswers loses the first lost answers of CreateRepository and expects
// the repository in state and in ECR after calls attempts, with nothing left to plan.
func testAccRepositoryLostCreateAnswers(t *testing.T, lost int, providerExtra string, calls int) {
	name := acctest.RandomName("repo")
	proxy := acctest.StartProxy(t)
	proxy.LoseResponses("CreateRepository", lost)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{{
			Config: proxy.ProviderConfigWith(providerExtra) + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name = %[1]q
}
`, name),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
				testAccCheckRepositoryAPI(t, "IMMUTABLE", nil, true),
				acctest.CheckAPI(repoAddr, func(context.Context, map[string]any) error {
					if n := proxy.Calls("CreateRepository"); n != calls {
						return fmt.Errorf("CreateRepository calls = %d, want %d (%d answers lost)", n, calls, lost)
					}
					return nil
				}),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// TestAccRepository_createOverSomeoneElses: a repository of that name made by another tool is
// never adopted, even when the create's answer is lost: the apply fails with the import command
// and the other repository is untouched.
func TestAccRepository_createOverSomeoneElses(t *testing.T) {
	acctest.SetupBeforeTest(t)
	name := acctest.RandomName("repo")
	acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutable)
	proxy := acctest.StartProxy(t)
	proxy.LoseResponses("CreateRepository", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: proxy.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name = %[1]q
}
`, name),
			ExpectError: errorText(`terraform import <address> ` + name),
		}},
	})
	repo, err := acctest.Client(t).FindRepositoryByName(context.Background(), name)
	if err != nil || repo.TagMutability != "MUTABLE" {
		t.Fatalf("the other repository was changed: %+v, %v", repo, err)
	}
}

// TestAccRepository_encryption: KMS encryption with a key, an empty tags map that never shows a
// diff, and a change of encryption that replaces the repository (ECR cannot change it).
func TestAccRepository_encryption(t *testing.T) {
	acctest.RequiresEmulator(t, "uses a made-up KMS key ARN, which real ECR refuses")
	name := acctest.RandomName("repo")
	key := "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	cfg := func(encryption, keyArg string) string {
		return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name            = %[1]q
  encryption_type = %[2]q
  %[3]s
  tags            = {}
}
`, name, encryption, keyArg)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: cfg("KMS", fmt.Sprintf("kms_key = %q", key)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("encryption_type"), knownvalue.StringExact("KMS")),
					statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("kms_key"), knownvalue.StringExact(key)),
					statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("tags"), knownvalue.MapSizeExact(0)),
					acctest.CheckAPI(repoAddr, func(ctx context.Context, attrs map[string]any) error {
						repo, err := acctest.Client(t).FindRepositoryByName(ctx, name)
						if err != nil {
							return err
						}
						if repo.EncryptionType != "KMS" || repo.KMSKey != key {
							return fmt.Errorf("API encryption = %s %q", repo.EncryptionType, repo.KMSKey)
						}
						return nil
					}),
				},
			},
			{
				Config: cfg("AES256", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(repoAddr, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectKnownValue(repoAddr, tfjsonpath.New("kms_key"), knownvalue.Null()),
					// Known on replacement too.
					plancheck.ExpectKnownValue(repoAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
					plancheck.ExpectKnownValue(repoAddr, tfjsonpath.New("repository_url"), knownvalue.StringExact(repoURL(name))),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("encryption_type"), knownvalue.StringExact("AES256")),
					statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("kms_key"), knownvalue.Null()),
				},
			},
		},
	})
}

// An exclusion filter "*" leaves every tag mutable under IMMUTABLE_WITH_EXCLUSION: a warning at
// plan says so; under MUTABLE_WITH_EXCLUSION it makes every tag immutable, which is no warning.
func TestRepository_wildcardExclusionWarning(t *testing.T) {
	filters := func(fs ...string) tftypes.Value {
		var elems []tftypes.Value
		for _, f := range fs {
			elems = append(elems, tfString(f))
		}
		return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, elems)
	}
	for _, typeName := range []string{"ecrgov_repository", "ecrgov_repository_tag_mutability"} {
		name := "name"
		if typeName == "ecrgov_repository_tag_mutability" {
			name = "repository"
		}
		text := validateResource(t, typeName, map[string]tftypes.Value{
			name: tfString("team/app"), "image_tag_mutability": tfString("IMMUTABLE_WITH_EXCLUSION"), "image_tag_mutability_exclusion_filters": filters("latest", "*"),
		})
		if !strings.Contains(text, "WARNING Every tag stays mutable") {
			t.Errorf("%s: no warning for the filter \"*\":\n%s", typeName, text)
		}
		text = validateResource(t, typeName, map[string]tftypes.Value{
			name: tfString("team/app"), "image_tag_mutability": tfString("MUTABLE_WITH_EXCLUSION"), "image_tag_mutability_exclusion_filters": filters("*"),
		})
		if strings.Contains(text, "Every tag stays mutable") {
			t.Errorf("%s: warned for MUTABLE_WITH_EXCLUSION:\n%s", typeName, text)
		}
	}
}
