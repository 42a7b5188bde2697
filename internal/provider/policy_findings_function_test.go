package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

func TestPolicyFindingsFunction(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
locals {
  public = jsonencode({ Statement = [{ Sid = "Pull", Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage"] }] })
  org = jsonencode({ Statement = [{ Sid = "Org", Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage",
  Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } } }] })
  partner = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = ["111122223333", "arn:aws:iam::444455556666:role/ci"] }, Action = "ecr:*" }] })
}
output "public" { value = provider::ecrgov::policy_findings(local.public, null) }
output "org" { value = provider::ecrgov::policy_findings(local.org, []) }
output "partner" { value = provider::ecrgov::policy_findings(local.partner, ["111122223333"]) }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("public", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"code": knownvalue.StringExact("PUBLIC_POLICY"), "sid": knownvalue.StringExact("Pull")}),
					})),
					statecheck.ExpectKnownOutputValue("org", knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownOutputValue("partner", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"code": knownvalue.StringExact("UNTRUSTED_ACCOUNT"), "sid": knownvalue.StringExact("#1")}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"code": knownvalue.StringExact("WILDCARD_ACTION")}),
					})),
				},
			},
		},
	})
}

func TestPolicyFindingsFunction_badInput(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `output "x" { value = provider::ecrgov::policy_findings("{\"Statement\": 5}", null) }`,
				ExpectError: regexp.MustCompile(`not a permission policy`),
			},
			{
				Config:      `output "x" { value = provider::ecrgov::policy_findings("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecr:*\"}}", ["12"]) }`,
				ExpectError: regexp.MustCompile(`(?s)"12" is not an AWS account`),
			},
		},
	})
}
