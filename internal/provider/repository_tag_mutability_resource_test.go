package provider_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
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
)

const overlayAddr = "ecrgov_repository_tag_mutability.test"

func TestAccRepositoryTagMutability_basic(t *testing.T) {
	name := acctest.RandomName("overlay")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryMutabilityAPI(t, name, "IMMUTABLE_WITH_EXCLUSION", "latest*"),
		Steps: []resource.TestStep{{
			PreConfig: func() { acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutable) },
			Config:    testAccRepositoryTagMutabilityConfig(name, "IMMUTABLE_WITH_EXCLUSION", `["latest*"]`, false),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(overlayAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(overlayAddr, tfjsonpath.New("previous_image_tag_mutability"), knownvalue.StringExact("MUTABLE")),
				statecheck.ExpectKnownValue(overlayAddr, tfjsonpath.New("previous_exclusion_filters"), knownvalue.Null()),
				statecheck.ExpectKnownValue(overlayAddr, tfjsonpath.New("restore_on_destroy"), knownvalue.Bool(false)),
				testAccCheckOverlayAPI(t, "IMMUTABLE_WITH_EXCLUSION"),
				testAccCheckTagImmutabilityEnforced(t, name),
			},
		}},
	})
}

func TestAccRepositoryTagMutability_update(t *testing.T) {
	name := acctest.RandomName("overlay")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryMutabilityAPI(t, name, "IMMUTABLE"),
		Steps: []resource.TestStep{
			{
				PreConfig:         func() { acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutable) },
				Config:            testAccRepositoryTagMutabilityConfig(name, "MUTABLE_WITH_EXCLUSION", `["release-*"]`, false),
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckOverlayAPI(t, "MUTABLE_WITH_EXCLUSION")},
			},
			{
				Config: testAccRepositoryTagMutabilityConfig(name, "IMMUTABLE", "null", false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(overlayAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckOverlayAPI(t, "IMMUTABLE"),
					// What it replaced is still what was there before this resource took over.
					statecheck.ExpectKnownValue(overlayAddr, tfjsonpath.New("previous_image_tag_mutability"), knownvalue.StringExact("MUTABLE")),
				},
			},
		},
	})
}

func TestAccRepositoryTagMutability_restoreOnDestroy(t *testing.T) {
	name := acctest.RandomName("overlay")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		// Destroy put back the setting this resource replaced, filters included.
		CheckDestroy: testAccCheckRepositoryMutabilityAPI(t, name, "MUTABLE_WITH_EXCLUSION", "dev*"),
		Steps: []resource.TestStep{{
			PreConfig: func() { acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutableWithExclusion, "dev*") },
			Config:    testAccRepositoryTagMutabilityConfig(name, "IMMUTABLE", "null", true),
			ConfigStateChecks: []statecheck.StateCheck{
				testAccCheckOverlayAPI(t, "IMMUTABLE"),
				statecheck.ExpectKnownValue(overlayAddr, tfjsonpath.New("previous_exclusion_filters"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("dev*")})),
			},
		}},
	})
}

// TestAccRepositoryTagMutability_missingRepository: a repository that does not exist is a clear
// error at apply, and nothing is recorded.
func TestAccRepositoryTagMutability_missingRepository(t *testing.T) {
	name := acctest.RandomName("missing")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      testAccRepositoryTagMutabilityConfig(name, "IMMUTABLE", "null", false),
			ExpectError: regexp.MustCompile(`(?s)repository does not exist`),
		}},
	})
}

func TestAccRepositoryTagMutability_disappears(t *testing.T) {
	name := acctest.RandomName("overlay")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() { acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutable) },
				Config:    testAccRepositoryTagMutabilityConfig(name, "IMMUTABLE", "null", false),
			},
			{
				PreConfig:          func() { testAccDeleteRepository(t, name) },
				Config:             testAccRepositoryTagMutabilityConfig(name, "IMMUTABLE", "null", false),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(overlayAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccRepositoryTagMutability_drift(t *testing.T) {
	name := acctest.RandomName("overlay")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryMutabilityAPI(t, name, "IMMUTABLE"),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutable) },
				Config:    testAccRepositoryTagMutabilityConfig(name, "IMMUTABLE", "null", false),
			},
			{
				PreConfig: func() {
					if err := acctest.Client(t).PutTagMutability(context.Background(), name, "MUTABLE", nil); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccRepositoryTagMutabilityConfig(name, "IMMUTABLE", "null", false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(overlayAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(overlayAddr, tfjsonpath.New("image_tag_mutability"), knownvalue.StringExact("IMMUTABLE")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckOverlayAPI(t, "IMMUTABLE")},
			},
		},
	})
}

func TestAccRepositoryTagMutability_import(t *testing.T) {
	name := acctest.RandomName("overlay")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() { acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutable) },
				Config:    testAccRepositoryTagMutabilityConfig(name, "IMMUTABLE_WITH_EXCLUSION", `["latest*"]`, false),
			},
			{
				ResourceName:      overlayAddr,
				ImportState:       true,
				ImportStateId:     name,
				ImportStateVerify: true,
				// On import, the setting that was replaced is unknowable: previous_* record the
				// setting found at import time, as documented.
				ImportStateVerifyIgnore: []string{"previous_image_tag_mutability", "previous_exclusion_filters"},
			},
		},
	})
}

func TestAccRepositoryTagMutability_badInput(t *testing.T) {
	name := acctest.RandomName("overlay")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testAccRepositoryTagMutabilityConfig(name, "MUTABLE", `["latest"]`, false), PlanOnly: true, ExpectError: regexp.MustCompile(`apply only to`)},
			{Config: testAccRepositoryTagMutabilityConfig(name, "MUTABLE_WITH_EXCLUSION", "null", false), PlanOnly: true, ExpectError: regexp.MustCompile(`needs 1 to 5`)},
			{Config: testAccRepositoryTagMutabilityConfig(name, "IMMUTABLE_WITH_EXCLUSION", `["a b"]`, false), PlanOnly: true, ExpectError: regexp.MustCompile(`not a valid exclusion filter`)},
			{Config: testAccRepositoryTagMutabilityConfig("UPPER", "IMMUTABLE", "null", false), PlanOnly: true, ExpectError: regexp.MustCompile(`not a valid ECR\s+repository name`)},
		},
	})
}

func testAccCheckOverlayAPI(t *testing.T, want string) statecheck.StateCheck {
	return acctest.CheckAPI(overlayAddr, func(ctx context.Context, attrs map[string]any) error {
		repo, err := acctest.Client(t).FindRepositoryByName(ctx, acctest.Attr(attrs, "id"))
		if err != nil {
			return err
		}
		if repo.TagMutability != want {
			return fmt.Errorf("API mutability = %s, want %s", repo.TagMutability, want)
		}
		return nil
	})
}

// testAccCheckTagImmutabilityEnforced proves what the setting is for: a second push of an
// existing tag is rejected, while an excluded tag (latest*) can be pushed again.
func testAccCheckTagImmutabilityEnforced(t *testing.T, repo string) statecheck.StateCheck {
	return acctest.CheckAPI(overlayAddr, func(ctx context.Context, _ map[string]any) error {
		client := acctest.SDK(t)
		original := acctest.SeedImage(t, repo, "v1")
		err := acctest.PutManifest(ctx, client, repo, "v1", acctest.ImageManifest(t, nil))
		// ECR answers ImageTagAlreadyExistsException; the emulator answers
		// ImageAlreadyExistsException naming the digest that keeps the tag. Either way the push
		// must be refused and v1 must still be the original bits.
		var tagExists *ecrtypes.ImageTagAlreadyExistsException
		var imageExists *ecrtypes.ImageAlreadyExistsException
		refused := errors.As(err, &tagExists) || (errors.As(err, &imageExists) && strings.Contains(err.Error(), original.Digest))
		if !refused {
			return fmt.Errorf("re-pushing v1 with different bits: got %v, want ImageTagAlreadyExistsException", err)
		}
		out, err := client.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String(repo), ImageIds: []ecrtypes.ImageIdentifier{{ImageTag: aws.String("v1")}}})
		if err != nil {
			return err
		}
		if got := aws.ToString(out.ImageDetails[0].ImageDigest); got != original.Digest {
			return fmt.Errorf("v1 moved to %s; want it to stay on %s", got, original.Digest)
		}
		acctest.SeedImage(t, repo, "latest")
		if err := acctest.PutManifest(ctx, client, repo, "latest", acctest.ImageManifest(t, nil)); err != nil {
			return fmt.Errorf("re-pushing the excluded tag latest: %v", err)
		}
		return nil
	})
}

// testAccCheckRepositoryMutabilityAPI is the overlay's destroy check: the overlay never deletes
// the repository, so the check is what the repository's setting is after destroy.
func testAccCheckRepositoryMutabilityAPI(t *testing.T, name, want string, wantFilters ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		repo, err := acctest.Client(t).FindRepositoryByName(context.Background(), name)
		if err != nil {
			return fmt.Errorf("the overlay must not delete the repository: %w", err)
		}
		if repo.TagMutability != want {
			return fmt.Errorf("after destroy, mutability = %s, want %s", repo.TagMutability, want)
		}
		if got := repo.ExclusionFilters; fmt.Sprint(got) != fmt.Sprint(wantFilters) && len(got)+len(wantFilters) > 0 {
			return fmt.Errorf("after destroy, filters = %v, want %v", got, wantFilters)
		}
		return nil
	}
}

func testAccRepositoryTagMutabilityConfig(name, mode, filters string, restore bool) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository_tag_mutability" "test" {
  repository                             = %[1]q
  image_tag_mutability                   = %[2]q
  image_tag_mutability_exclusion_filters = %[3]s
  restore_on_destroy                     = %[4]t
}
`, name, mode, filters, restore)
}
