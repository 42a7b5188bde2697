package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

func TestLifecyclePolicyDocumentDataSource(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			// Invalid input first: an ExpectError step last would break the post-test destroy.
			{
				Config: acctest.ProviderConfig() + `
data "ecrgov_lifecycle_policy_document" "test" {
  rule {
    priority = 1
    selection {
      tag_status   = "untagged"
      count_type   = "imageCountMoreThan"
      count_unit   = "days"
      count_number = 1
    }
    action {
      type = "expire"
    }
  }
}
`,
				ExpectError: regexp.MustCompile(`(?s)count_unit\s+= "days".*rule\[0\]\.selection\.count_unit: imageCountMoreThan counts\s+images, not days`),
			},
			{
				Config: acctest.ProviderConfig() + `
data "ecrgov_lifecycle_policy_document" "test" {
  rule {
    priority = 20
    selection {
      tag_status       = "tagged"
      tag_pattern_list = ["sha-*"]
      count_type       = "sinceImagePulled"
      count_unit       = "days"
      count_number     = 90
    }
    action {
      type                 = "transition"
      target_storage_class = "archive"
    }
  }
  rule {
    priority = 30
    selection {
      tag_status    = "any"
      storage_class = "archive"
      count_type    = "sinceImageTransitioned"
      count_unit    = "days"
      count_number  = 365
    }
    action {
      type = "expire"
    }
  }
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.ecrgov_lifecycle_policy_document.test", tfjsonPath("json"), knownvalue.StringExact(
						`{"rules":[{"rulePriority":20,"selection":{"tagStatus":"tagged","tagPatternList":["sha-*"],"countType":"sinceImagePulled","countUnit":"days","countNumber":90},"action":{"type":"transition","targetStorageClass":"archive"}},`+
							`{"rulePriority":30,"selection":{"tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":365},"action":{"type":"expire"}}]}`)),
				},
			},
		},
	})
}
