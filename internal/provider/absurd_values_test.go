package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// TestAbsurdValues_refusedAtPlan: values ECR would refuse, or that make no sense, fail the plan
// on their attribute, and the error does not repeat a hostile value in full. Validation only: no
// API call is made.
func TestAbsurdValues_refusedAtPlan(t *testing.T) {
	policy := func(priority, count string) string {
		return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_lifecycle_policy" "test" {
  repository = "team/app"
  rule {
    priority = %[1]s
    selection {
      tag_status   = "untagged"
      count_type   = "sinceImagePushed"
      count_unit   = "days"
      count_number = %[2]s
    }
    action { type = "expire" }
  }
}
`, priority, count)
	}
	repoTags := func(tags string) string {
		return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name = "team/app"
  tags = %s
}
`, tags)
	}
	longKey := strings.Repeat("k", 10000)
	var many []string
	for i := range 51 {
		many = append(many, fmt.Sprintf("k%d = \"v\"", i))
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: policy("3000000000", "7"), PlanOnly: true, ExpectError: errorText(`3000000000 is above 2147483647, the largest priority`)},
			{Config: policy("1", "99999999999"), PlanOnly: true, ExpectError: errorText(`99999999999 is above 2147483647, the largest count`)},
			{
				Config: acctest.ProviderConfig() + `
resource "ecrgov_image_tag" "test" {
  repository = "team/app"
  digest     = "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b"
  tag        = "v1"
  timeouts   = { create = "-5m" }
}
`,
				PlanOnly: true, ExpectError: errorText(`"-5m" is not a positive duration`),
			},
			{Config: repoTags(`{ "team" = "a\u0000b" }`), PlanOnly: true, ExpectError: errorText(`the value of tag "team" has a character ECR refuses`)},
			{Config: repoTags(fmt.Sprintf(`{ %q = "v" }`, longKey)), PlanOnly: true, ExpectError: regexp.MustCompile(`a tag key has 10000 characters; ECR allows at most 128:\s+"k{64}"…\s+\(10000\s+characters\)`)},
			{Config: repoTags(fmt.Sprintf(`{ team = %q }`, strings.Repeat("v", 257))), PlanOnly: true, ExpectError: errorText(`the value of tag "team" has 257 characters; ECR allows at most 256`)},
			{Config: repoTags("{\n" + strings.Join(many, "\n") + "\n}"), PlanOnly: true, ExpectError: errorText(`51 tags; ECR allows at most 50`)},
		},
	})
}
