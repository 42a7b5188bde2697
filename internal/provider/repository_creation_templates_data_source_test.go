package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// The data source lists the templates with ECR's defaults, and its templates feed
// creation_template_for, as do the resources themselves.
func TestAccRepositoryCreationTemplatesDataSource_basic(t *testing.T) {
	base := acctest.RandomName("tpl")
	cfg := acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository_creation_template" "base" {
  prefix      = %[1]q
  applied_for = ["CREATE_ON_PUSH"]
}

resource "ecrgov_repository_creation_template" "team" {
  prefix               = "%[1]s/team"
  applied_for          = ["CREATE_ON_PUSH", "REPLICATION"]
  image_tag_mutability = "MUTABLE"
  description          = "team"
}

data "ecrgov_repository_creation_templates" "all" {
  depends_on = [ecrgov_repository_creation_template.base, ecrgov_repository_creation_template.team]
}

locals {
  mine = [for t in data.ecrgov_repository_creation_templates.all.templates : t if startswith(t.prefix, %[1]q)]
}

output "mine" {
  value = [for t in local.mine : { prefix = t.prefix, mutability = t.image_tag_mutability, encryption = t.encryption_type }]
}

output "from_data_source" {
  value = provider::ecrgov::creation_template_for("%[1]s/team/app", local.mine)
}

output "from_resources" {
  value = provider::ecrgov::creation_template_for("%[1]s/app", [ecrgov_repository_creation_template.base, ecrgov_repository_creation_template.team])
}
`, base)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTemplateDestroy(t),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("mine", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"prefix": knownvalue.StringExact(base), "mutability": knownvalue.StringExact("IMMUTABLE"), "encryption": knownvalue.StringExact("AES256")}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"prefix": knownvalue.StringExact(base + "/team"), "mutability": knownvalue.StringExact("MUTABLE"), "encryption": knownvalue.StringExact("AES256")}),
				})),
				statecheck.ExpectKnownOutputValue("from_data_source", knownvalue.StringExact(base+"/team")),
				statecheck.ExpectKnownOutputValue("from_resources", knownvalue.StringExact(base)),
			},
		}},
	})
}
