package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// TestAccRegistryAudit_creationTemplatesByScenario: a template applied only for
// PULL_THROUGH_CACHE does not govern a push, so the audit's creation_template (the push's
// template) is null and the repository is not counted in governed_by_template; the
// creation_templates map names the template of each scenario.
func TestAccRegistryAudit_creationTemplatesByScenario(t *testing.T) {
	base := acctest.RandomName("scen")
	cacheOnly, pushed := base+"/app", base+"/team/app"
	config := acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository_creation_template" "cache" {
  prefix      = %[1]q
  applied_for = ["PULL_THROUGH_CACHE"]
}

resource "ecrgov_repository_creation_template" "push" {
  prefix      = "%[1]s/team"
  applied_for = ["CREATE_ON_PUSH"]
}

data "ecrgov_registry_audit" "test" {
  name_prefix = "%[1]s/"
  depends_on  = [ecrgov_repository_creation_template.cache, ecrgov_repository_creation_template.push]
}
`, base)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTemplateDestroy(t),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				acctest.CreateRepository(t, cacheOnly, "IMMUTABLE")
				acctest.CreateRepository(t, pushed, "IMMUTABLE")
			},
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(auditAddr, tfjsonpath.New("repositories"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name": knownvalue.StringExact(cacheOnly), "creation_template": knownvalue.Null(),
						"creation_templates": knownvalue.MapExact(map[string]knownvalue.Check{
							"CREATE_ON_PUSH": knownvalue.Null(), "PULL_THROUGH_CACHE": knownvalue.StringExact(base), "REPLICATION": knownvalue.Null(),
						}),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name": knownvalue.StringExact(pushed), "creation_template": knownvalue.StringExact(base + "/team"),
						"creation_templates": knownvalue.MapExact(map[string]knownvalue.Check{
							"CREATE_ON_PUSH": knownvalue.StringExact(base + "/team"), "PULL_THROUGH_CACHE": knownvalue.StringExact(base), "REPLICATION": knownvalue.Null(),
						}),
					}),
				})),
				statecheck.ExpectKnownValue(auditAddr, tfjsonpath.New("summary"), knownvalue.MapPartial(map[string]knownvalue.Check{
					"repositories": knownvalue.Int64Exact(2), "governed_by_template": knownvalue.Int64Exact(1),
				})),
			},
		}},
	})
}
