package provider_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// TestAccReliability_throttlingAndServerErrors applies and destroys 50 resources (15
// repositories, 15 lifecycle policies, 10 mutability overlays, 10 image tags) while the proxy
// answers 30% of all calls with ThrottlingException and 10% with a 500 or 503. Both succeed,
// and listing the API afterwards finds nothing missing and nothing orphaned.
func TestAccReliability_throttlingAndServerErrors(t *testing.T) {
	acctest.SetupBeforeTest(t)
	prefix := acctest.RandomName("chaos")
	const managed, governed = 15, 10
	digests := make([]string, governed)
	for i := range governed {
		name := fmt.Sprintf("%s/ext-%02d", prefix, i)
		acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutable)
		digests[i] = acctest.SeedImage(t, name, "build").Digest
	}
	proxy := acctest.StartProxy(t)
	proxy.InjectFaults("", acctest.Faults{Throttle: 0.3, ServerErr: 0.1})

	quoted := make([]string, len(digests))
	for i, d := range digests {
		quoted[i] = fmt.Sprintf("%q", d)
	}
	config := proxy.ProviderConfigWith("  max_retries = 15") + fmt.Sprintf(`
locals {
  digests = [%[4]s]
}

resource "ecrgov_repository" "r" {
  count = %[2]d
  name  = format("%[1]s/managed-%%02d", count.index)
  tags  = { index = tostring(count.index) }
}

resource "ecrgov_lifecycle_policy" "r" {
  count      = %[2]d
  repository = ecrgov_repository.r[count.index].name
  rule {
    priority = 1
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
}

resource "ecrgov_repository_tag_mutability" "g" {
  count                = %[3]d
  repository           = format("%[1]s/ext-%%02d", count.index)
  image_tag_mutability = "IMMUTABLE"
  restore_on_destroy   = true
}

resource "ecrgov_image_tag" "g" {
  count      = %[3]d
  repository = format("%[1]s/ext-%%02d", count.index)
  digest     = local.digests[count.index]
  tag        = "release"
  depends_on = [ecrgov_repository_tag_mutability.g]
}
`, prefix, managed, governed, strings.Join(quoted, ", "))

	// Parallel with the rest of the suite: under 40% injected faults the SDK's adaptive retry
	// rate-limits itself, so this test takes minutes of mostly waiting.
	t.Parallel()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			return checkChaosAPI(t, prefix, managed, governed, digests, false)
		},
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("ecrgov_image_tag.g[9]", tfjsonpath.New("tag"), knownvalue.StringExact("release")),
				acctest.CheckAPI("ecrgov_repository.r[0]", func(context.Context, map[string]any) error {
					return checkChaosAPI(t, prefix, managed, governed, digests, true)
				}),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
	injected := proxy.Injected()
	t.Logf("faults injected: %v; calls: %v", injected, proxy.AllCalls())
	if injected["throttle"] == 0 || injected["5xx"] == 0 {
		t.Errorf("no faults were injected: %v", injected)
	}
}

// checkChaosAPI lists the registry: after apply everything exists as configured; after destroy
// the managed repositories are gone and the governed ones remain, restored and untagged.
func checkChaosAPI(t *testing.T, prefix string, managed, governed int, digests []string, applied bool) error {
	ctx := context.Background()
	client := acctest.Client(t)
	repos, err := client.ListRepositories(ctx)
	if err != nil {
		return err
	}
	var names []string
	modes := map[string]string{}
	for _, r := range repos {
		if n := r.Name; strings.HasPrefix(n, prefix+"/") {
			names = append(names, n)
			modes[n] = r.TagMutability
		}
	}
	sort.Strings(names)
	var want []string
	for i := range governed {
		want = append(want, fmt.Sprintf("%s/ext-%02d", prefix, i))
	}
	if applied {
		for i := range managed {
			want = append(want, fmt.Sprintf("%s/managed-%02d", prefix, i))
		}
	}
	sort.Strings(want)
	if fmt.Sprint(names) != fmt.Sprint(want) {
		return fmt.Errorf("repositories = %v, want %v", names, want)
	}
	for i := range managed {
		name := fmt.Sprintf("%s/managed-%02d", prefix, i)
		if !applied {
			continue
		}
		if _, err := client.FindLifecyclePolicyByRepository(ctx, name); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	for i := range governed {
		name := fmt.Sprintf("%s/ext-%02d", prefix, i)
		wantMode := "MUTABLE"
		if applied {
			wantMode = "IMMUTABLE"
		}
		if modes[name] != wantMode {
			return fmt.Errorf("%s mutability = %s, want %s", name, modes[name], wantMode)
		}
		d, _ := tagDigest(t, name, "release")
		if applied && d != digests[i] {
			return fmt.Errorf("%s:release = %q, want %s", name, d, digests[i])
		}
		if !applied && d != "" {
			return fmt.Errorf("%s:release survived destroy", name)
		}
		if b, _ := tagDigest(t, name, "build"); b != digests[i] {
			return fmt.Errorf("%s:build = %q: the image must survive the removal of release", name, b)
		}
	}
	return nil
}

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
// Nothing is recorded that did not happen, nothing is left half-done, and the next apply
// converges.
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
					plancheck.ExpectResourceAction("ecrgov_repository_tag_mutability.test", plancheck.ResourceActionCreate),
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
			Config: proxy.ProviderConfigWith("  max_retries = 15") + fmt.Sprintf(`
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
