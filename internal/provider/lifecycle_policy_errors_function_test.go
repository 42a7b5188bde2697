package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

func testFunctionOutput(expr string) string {
	return fmt.Sprintf(`
output "test" {
  value = %s
}
`, expr)
}

func TestLifecyclePolicyErrorsFunction(t *testing.T) {
	valid := canonicalReleasesPolicy(30, `["v*"]`)
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testFunctionOutput(fmt.Sprintf(`provider::ecrgov::lifecycle_policy_errors(%q)`, valid)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("test", knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
			{
				Config: testFunctionOutput(`provider::ecrgov::lifecycle_policy_errors(jsonencode({
  rules = [
    { rulePriority = 1, selection = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 1 }, action = { type = "expire" } },
    { rulePriority = 2, selection = { tagStatus = "tagged", tagPatternList = ["a*b*c*d*e*"], countType = "sinceImagePushed", countNumber = 3 }, action = { type = "expire" } },
  ]
}))`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("test", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringRegexp(regexp.MustCompile(`^rules\[1\]\.selection\.tagPatternList\[0\]: "a\*b\*c\*d\*e\*" has 5 wildcards`)),
						knownvalue.StringRegexp(regexp.MustCompile(`^rules\[1\]\.selection\.countUnit: sinceImagePushed counts days`)),
						knownvalue.StringRegexp(regexp.MustCompile(`^rules\[0\]\.rulePriority: a tagStatus any rule is evaluated last`)),
					})),
				},
			},
			{
				// Malformed JSON is a list entry, not a function error.
				Config: testFunctionOutput(`provider::ecrgov::lifecycle_policy_errors("{\"rules\": [")`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("test", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringRegexp(regexp.MustCompile(`^\(policy\): not valid JSON`)),
					})),
				},
			},
			{
				Config: testFunctionOutput(`provider::ecrgov::lifecycle_policy_errors("{\"rules\":[{\"rulePriority\":1,\"selection\":null,\"action\":{\"type\":\"expire\"}}]}")`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("test", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact(`rules[0].selection: null is not allowed; remove the field instead`),
					})),
				},
			},
		},
	})
}
