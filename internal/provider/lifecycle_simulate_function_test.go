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

// The user guide's "Filtering on multiple rules", example A, through the function.
const simulateExampleA = `provider::ecrgov::lifecycle_simulate(
  jsonencode({ rules = [
    { rulePriority = 1, selection = { tagStatus = "tagged", tagPatternList = ["prod*"], countType = "imageCountMoreThan", countNumber = 1 }, action = { type = "expire" } },
    { rulePriority = 2, selection = { tagStatus = "tagged", tagPatternList = ["beta*"], countType = "imageCountMoreThan", countNumber = 1 }, action = { type = "expire" } },
  ] }),
  [
    { digest = "sha256:a", tags = ["beta-1", "prod-1"], pushed_at = "2026-11-16T00:00:00Z" },
    { digest = "sha256:b", tags = ["beta-2", "prod-2"], pushed_at = "2026-11-17T00:00:00Z", last_pulled_at = "2026-11-20T00:00:00Z" },
    { digest = "sha256:c", tags = ["beta-3"], pushed_at = "2026-11-18T00:00:00Z", storage_class = "standard" },
  ],
  "2026-11-26T00:00:00Z",
)`

func TestLifecycleSimulateFunction(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testFunctionOutput(`provider::ecrgov::lifecycle_simulate("{\"rules\":[]}", [], "2026-11-26T00:00:00Z")`),
				ExpectError: regexp.MustCompile(`(?s)invalid lifecycle policy.*at least one rule`),
			},
			{
				Config:      testFunctionOutput(`provider::ecrgov::lifecycle_simulate(jsonencode({ rules = [{ rulePriority = 1, selection = { tagStatus = "untagged", countType = "imageCountMoreThan", countNumber = 1 }, action = { type = "expire" } }] }), [{ digest = "sha256:a", tags = [], pushed_at = "yesterday" }], "2026-11-26T00:00:00Z")`),
				ExpectError: errorText(`images[0]: pushed_at: "yesterday" is not an RFC 3339 timestamp`),
			},
			{
				Config:      testFunctionOutput(`provider::ecrgov::lifecycle_simulate(jsonencode({ rules = [{ rulePriority = 1, selection = { tagStatus = "untagged", countType = "imageCountMoreThan", countNumber = 1 }, action = { type = "expire" } }] }), [{ digest = "sha256:a", tags = [], pushed_at = "2026-11-01T00:00:00Z" }], "now")`),
				ExpectError: errorText(`now: "now" is not an RFC 3339 timestamp`),
			},
			{
				Config:      testFunctionOutput(`provider::ecrgov::lifecycle_simulate(jsonencode({ rules = [{ rulePriority = 1, selection = { tagStatus = "untagged", countType = "imageCountMoreThan", countNumber = 1 }, action = { type = "expire" } }] }), [{ digest = "sha256:a", pushed_at = "2026-11-01T00:00:00Z" }], "2026-11-26T00:00:00Z")`),
				ExpectError: errorText(`images[0]: tags is required`),
			},
			{
				Config:      testFunctionOutput(`provider::ecrgov::lifecycle_simulate(jsonencode({ rules = [{ rulePriority = 1, selection = { tagStatus = "untagged", countType = "imageCountMoreThan", countNumber = 1 }, action = { type = "expire" } }] }), [{ digest = "sha256:a", tags = [], pushed_at = "2026-11-01T00:00:00Z" }, { digest = "sha256:a", tags = [], pushed_at = "2026-11-02T00:00:00Z" }], "2026-11-26T00:00:00Z")`),
				ExpectError: errorText(`images[1]: digest sha256:a is already images[0]`),
			},
			{
				// The User Guide's "Combining archive and expire rules": one tagStatus any rule per
				// storage class, each acting only on its own images.
				Config: testFunctionOutput(`provider::ecrgov::lifecycle_simulate(
  jsonencode({ rules = [
    { rulePriority = 1, selection = { tagStatus = "any", countType = "sinceImagePulled", countUnit = "days", countNumber = 90 }, action = { type = "transition", targetStorageClass = "archive" } },
    { rulePriority = 2, selection = { tagStatus = "any", storageClass = "archive", countType = "sinceImageTransitioned", countUnit = "days", countNumber = 365 }, action = { type = "expire" } },
  ] }),
  [
    { digest = "sha256:idle", tags = ["v1"], pushed_at = "2025-01-01T00:00:00Z", last_pulled_at = "2026-01-01T00:00:00Z" },
    { digest = "sha256:old-archive", tags = ["v0"], pushed_at = "2024-01-01T00:00:00Z", storage_class = "archive", last_archived_at = "2025-06-01T00:00:00Z" },
    { digest = "sha256:new-archive", tags = ["v0.5"], pushed_at = "2024-01-01T00:00:00Z", storage_class = "archive", last_archived_at = "2026-09-01T00:00:00Z" },
  ],
  "2026-11-26T00:00:00Z",
)`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("test", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"digest": knownvalue.StringExact("sha256:idle"), "action": knownvalue.StringExact("transition"), "rule_priority": knownvalue.Int64Exact(1),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"digest": knownvalue.StringExact("sha256:old-archive"), "action": knownvalue.StringExact("expire"), "rule_priority": knownvalue.Int64Exact(2),
						}),
					})),
				},
			},
			{
				Config: testFunctionOutput(simulateExampleA),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("test", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"digest": knownvalue.StringExact("sha256:a"), "action": knownvalue.StringExact("expire"), "rule_priority": knownvalue.Int64Exact(1),
						}),
					})),
				},
			},
		},
	})
}
