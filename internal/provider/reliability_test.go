package provider_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// TestAccReliability_partialRepositoryUpdate: an update that changes mutability, scan on push
// and tags fails permanently at its second call. State records exactly what was applied (the
// mutability), and the next apply converges without touching it again.
func TestAccReliability_partialRepositoryUpdate(t *testing.T) {
	name := acctest.RandomName("partial")
	proxy := acctest.StartProxy(t)
	cfg := func(mode string, scan bool, tags string) string {
		return proxy.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name                 = %[1]q
  image_tag_mutability = %[2]q
  scan_on_push         = %[3]t
  tags                 = %[4]s
}
`, name, mode, scan, tags)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			{Config: cfg("IMMUTABLE", false, `{ a = "1" }`)},
			{
				PreConfig: func() {
					proxy.InjectFaults("PutImageScanningConfiguration", acctest.Faults{Permanent: map[string]string{"PutImageScanningConfiguration": "AccessDeniedException"}})
				},
				Config:      cfg("MUTABLE", true, `{ b = "2" }`),
				ExpectError: errorText(`setting scan on push of ECR repository (` + name + `)`),
			},
			{
				PreConfig: func() { proxy.ClearFaults(); proxy.Reset() },
				Config:    cfg("MUTABLE", true, `{ b = "2" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(repoAddr, plancheck.ResourceActionUpdate),
					// The mutability change already happened and is in state: no change planned.
					plancheck.ExpectKnownValue(repoAddr, tfjsonpath.New("image_tag_mutability"), knownvalue.StringExact("MUTABLE")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckRepositoryAPI(t, "MUTABLE", nil, true),
					testAccCheckRepositoryTagsAPI(t, repoAddr, map[string]string{"b": "2"}),
					acctest.CheckAPI(repoAddr, func(context.Context, map[string]any) error {
						if n := proxy.Calls("PutImageTagMutability"); n != 0 {
							return fmt.Errorf("the converging apply set the mutability again (%d calls)", n)
						}
						return nil
					}),
				},
			},
		},
	})
}

// TestAccReliability_partialCreates: the multi-call creates (an overlay: describe, then set; an
// image tag: read the manifest, check the tag, then put) fail permanently at their last call.
// Nothing is left half-done (the overlay stays recorded, tainted, with the setting it replaced),
// and the next apply converges.
func TestAccReliability_partialCreates(t *testing.T) {
	acctest.SetupBeforeTest(t)
	repo := acctest.RandomName("partial")
	acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityMutable)
	img := acctest.SeedImage(t, repo, "build")
	proxy := acctest.StartProxy(t)
	config := proxy.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository_tag_mutability" "test" {
  repository           = %[1]q
  image_tag_mutability = "IMMUTABLE"
}

resource "ecrgov_image_tag" "test" {
  repository = %[1]q
  digest     = %[2]q
  tag        = "release"
}
`, repo, img.Digest)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckImageTagDestroy(t, repo, img.Digest),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					proxy.InjectFaults("", acctest.Faults{Permanent: map[string]string{
						"PutImageTagMutability": "AccessDeniedException", "PutImage": "AccessDeniedException",
					}})
				},
				Config:      config,
				ExpectError: errorText(`AccessDeniedException`),
			},
			{
				PreConfig: func() {
					proxy.ClearFaults()
					if d, _ := tagDigest(t, repo, "release"); d != "" {
						t.Fatal("a failed promotion left the tag behind")
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					// The overlay recorded previous_* before its write failed, so it is tainted
					// and replaced: its destroy would restore what it replaced.
					plancheck.ExpectResourceAction("ecrgov_repository_tag_mutability.test", plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectResourceAction(tagAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckTagOn(t, repo, "release", img.Digest)},
			},
		},
	})
}

// TestAccReliability_resetsAndLatency: connections dropped without an answer, and slow answers,
// are retried; the repository and its policy are created once and read back.
func TestAccReliability_resetsAndLatency(t *testing.T) {
	name := acctest.RandomName("resets")
	proxy := acctest.StartProxy(t)
	proxy.InjectFaults("", acctest.Faults{Reset: 0.3, Latency: 20 * time.Millisecond})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{{
			Config: proxy.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name = %[1]q
}

resource "ecrgov_lifecycle_policy" "test" {
  repository = ecrgov_repository.test.name
  policy     = %[2]q
}
`, name, keepOneRelease),
			ConfigStateChecks: []statecheck.StateCheck{
				testAccCheckRepositoryAPI(t, "IMMUTABLE", nil, true),
				testAccCheckLifecyclePolicyAPI(t, keepOneRelease),
				acctest.CheckAPI(repoAddr, func(context.Context, map[string]any) error {
					if n := proxy.Injected()["reset"]; n == 0 {
						return fmt.Errorf("no connection was reset; the test proves nothing")
					}
					return nil
				}),
			},
		}},
	})
}
