package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// The policy of the "Prove what ran" guide: untagged images and commit builds are cleaned up,
// releases are kept to the last 30, and nothing selects a deployment tag on its own.
const protectsPolicy = `
locals {
  policy = jsonencode({ rules = [
    { rulePriority = 1, selection = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 7 }, action = { type = "expire" } },
    { rulePriority = 2, selection = { tagStatus = "tagged", tagPatternList = ["sha-*"], countType = "sinceImagePushed", countUnit = "days", countNumber = 30 }, action = { type = "expire" } },
    { rulePriority = 3, selection = { tagStatus = "tagged", tagPatternList = ["v*"], countType = "imageCountMoreThan", countNumber = 30 }, action = { type = "expire" } },
  ] })
}
`

func TestLifecycleProtectsFunction(t *testing.T) {
	step := func(expr string, want bool) resource.TestStep {
		return resource.TestStep{
			Config:            protectsPolicy + testFunctionOutput(expr),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("test", knownvalue.Bool(want))},
		}
	}
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(`provider::ecrgov::lifecycle_protects(local.policy, ["deployed-prod-2026-11-28"])`, true),
			// A deployed commit build is still a commit build: rule 2 expires it after 30 days.
			step(`provider::ecrgov::lifecycle_protects(local.policy, ["deployed-prod-2026-11-28", "sha-4f2a"])`, false),
			// A release is kept only while among the newest 30.
			step(`provider::ecrgov::lifecycle_protects(local.policy, ["v1.2.0"])`, false),
			step(`provider::ecrgov::lifecycle_protects(local.policy, [])`, false),
			{
				Config:      protectsPolicy + testFunctionOutput(`provider::ecrgov::lifecycle_protects("{\"rules\": []}", ["v1"])`),
				ExpectError: errorText("invalid lifecycle policy"),
			},
			{
				Config:      protectsPolicy + testFunctionOutput(`provider::ecrgov::lifecycle_protects(local.policy, ["not a tag"])`),
				ExpectError: errorText(`"not a tag"`),
			},
		},
	})
}
