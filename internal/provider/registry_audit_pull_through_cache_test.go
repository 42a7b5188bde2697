package provider_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// TestAccRegistryAudit_pullThroughCacheUngoverned: a rule no PULL_THROUGH_CACHE template covers
// is PULL_THROUGH_CACHE_UNGOVERNED; one under a template's namespace names the template and has
// no finding. The rules are registry-wide, so the check looks for this test's two among them.
func TestAccRegistryAudit_pullThroughCacheUngoverned(t *testing.T) {
	base := acctest.RandomName("pa")
	governed, loose := base+"/q", base+"-l"
	config := acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository_creation_template" "cache" {
  prefix               = %[1]q
  applied_for          = ["PULL_THROUGH_CACHE"]
  image_tag_mutability = "MUTABLE"
}

resource "ecrgov_pull_through_cache_rule" "governed" {
  ecr_repository_prefix = %[2]q
  upstream_registry_url = "quay.io"
  depends_on            = [ecrgov_repository_creation_template.cache]
}

resource "ecrgov_pull_through_cache_rule" "loose" {
  ecr_repository_prefix = %[3]q
  upstream_registry_url = "public.ecr.aws"
}

data "ecrgov_registry_audit" "test" {
  name_prefix = "%[1]s/"
  depends_on  = [ecrgov_pull_through_cache_rule.governed, ecrgov_pull_through_cache_rule.loose]
}
`, base, governed, loose)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckPullThroughCacheRuleDestroy(t),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(auditAddr, tfjsonpath.New("summary").AtMapKey("PULL_THROUGH_CACHE_UNGOVERNED"), knownvalue.NotNull()),
				acctest.CheckAPI(auditAddr, func(_ context.Context, attrs map[string]any) error {
					want := map[string][2]string{governed: {base, ""}, loose: {"", "PULL_THROUGH_CACHE_UNGOVERNED"}}
					caches, _ := attrs["pull_through_caches"].([]any)
					for _, c := range caches {
						rule, _ := c.(map[string]any)
						prefix := acctest.Attr(rule, "ecr_repository_prefix")
						expected, ok := want[prefix]
						if !ok {
							continue
						}
						delete(want, prefix)
						findings, _ := rule["findings"].([]any)
						got := ""
						if len(findings) == 1 {
							got, _ = findings[0].(string)
						}
						if acctest.Attr(rule, "creation_template") != expected[0] || got != expected[1] || len(findings) > 1 {
							return fmt.Errorf("audit of %s = %v, want template %q and finding %q", prefix, rule, expected[0], expected[1])
						}
					}
					if len(want) > 0 {
						return fmt.Errorf("the audit did not report %v", want)
					}
					return nil
				}),
			},
		}},
	})
}
