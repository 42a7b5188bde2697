package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

const creationTemplateLocals = `
locals {
  templates = [
    { prefix = "ROOT", applied_for = ["PULL_THROUGH_CACHE"] },
    { prefix = "prod", applied_for = ["CREATE_ON_PUSH"] },
    { prefix = "prod/team", applied_for = ["CREATE_ON_PUSH", "REPLICATION"], description = "extra attributes are ignored" },
  ]
}
`

func TestCreationTemplateForFunction(t *testing.T) {
	step := func(expr string, want knownvalue.Check) resource.TestStep {
		return resource.TestStep{
			Config:            creationTemplateLocals + testFunctionOutput(expr),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("test", want)},
		}
	}
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			// The User Guide's example: prod/team is more specific than prod.
			step(`provider::ecrgov::creation_template_for("prod/team/app", local.templates)`, knownvalue.StringExact("prod/team")),
			step(`provider::ecrgov::creation_template_for("prod/app", local.templates)`, knownvalue.StringExact("prod")),
			// A prefix is a namespace: prod does not govern production/app; ROOT does.
			step(`provider::ecrgov::creation_template_for("production/app", local.templates)`, knownvalue.StringExact("ROOT")),
			// null when no template governs (an output that is null is left out, hence coalesce).
			step(`coalesce(provider::ecrgov::creation_template_for("production/app", local.templates, "CREATE_ON_PUSH"), "none")`, knownvalue.StringExact("none")),
			step(`provider::ecrgov::creation_template_for("prod/team/app", local.templates, "REPLICATION")`, knownvalue.StringExact("prod/team")),
			step(`coalesce(provider::ecrgov::creation_template_for("app", []), "none")`, knownvalue.StringExact("none")),
			// A template applied for no scenario creates nothing: null.
			step(`coalesce(provider::ecrgov::creation_template_for("idle/app", [{ prefix = "idle", applied_for = [] }]), "none")`, knownvalue.StringExact("none")),
			step(`coalesce(provider::ecrgov::creation_template_for("idle/app", [{ prefix = "idle", applied_for = null }]), "none")`, knownvalue.StringExact("none")),
			{
				Config:      creationTemplateLocals + testFunctionOutput(`provider::ecrgov::creation_template_for("Bad Name", local.templates)`),
				ExpectError: errorText("Bad Name"),
			},
			{
				Config:      creationTemplateLocals + testFunctionOutput(`provider::ecrgov::creation_template_for("app", local.templates, "ON_PULL")`),
				ExpectError: errorText(`"ON_PULL" is not a scenario`),
			},
		},
	})
}
