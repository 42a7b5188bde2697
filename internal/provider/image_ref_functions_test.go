package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

const fnDigest = "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b"

func functionTest(t *testing.T, steps ...resource.TestStep) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

func TestParseImageRefFunction(t *testing.T) {
	functionTest(t,
		resource.TestStep{
			Config:      testFunctionOutput(`provider::ecrgov::parse_image_ref("Not A Ref")`),
			ExpectError: errorText(`"Not A Ref" is not a valid image reference`),
		},
		resource.TestStep{
			Config: testFunctionOutput(`provider::ecrgov::parse_image_ref("nginx")`),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("test", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"registry": knownvalue.StringExact("docker.io"), "repository": knownvalue.StringExact("library/nginx"),
				"name": knownvalue.StringExact("docker.io/library/nginx"), "tag": knownvalue.Null(), "digest": knownvalue.Null(),
				"familiar": knownvalue.StringExact("nginx"),
			}))},
		},
		resource.TestStep{
			Config: testFunctionOutput(fmt.Sprintf(`provider::ecrgov::parse_image_ref("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1@%s")`, fnDigest)),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("test", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"registry": knownvalue.StringExact("123456789012.dkr.ecr.eu-west-1.amazonaws.com"), "repository": knownvalue.StringExact("team/app"),
				"name": knownvalue.StringExact("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app"), "tag": knownvalue.StringExact("v1"),
				"digest": knownvalue.StringExact(fnDigest), "familiar": knownvalue.StringExact("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1@" + fnDigest),
			}))},
		},
	)
}

func TestPinImageFunction(t *testing.T) {
	functionTest(t,
		resource.TestStep{
			Config:      testFunctionOutput(`provider::ecrgov::pin_image("team/app:v1", "sha256:abc")`),
			ExpectError: errorText(`"sha256:abc" is not a valid image digest`),
		},
		resource.TestStep{
			Config:      testFunctionOutput(fmt.Sprintf(`provider::ecrgov::pin_image("app@%s", "sha256:%s")`, fnDigest, "0000000000000000000000000000000000000000000000000000000000000000")),
			ExpectError: errorText(`is already pinned to ` + fnDigest),
		},
		resource.TestStep{
			Config: testFunctionOutput(fmt.Sprintf(`provider::ecrgov::pin_image("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest", %q)`, fnDigest)),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("test",
				knownvalue.StringExact("123456789012.dkr.ecr.us-east-1.amazonaws.com/app@"+fnDigest))},
		},
	)
}

func TestIsDigestPinnedFunction(t *testing.T) {
	functionTest(t, resource.TestStep{
		Config: testFunctionOutput(fmt.Sprintf(`[
    provider::ecrgov::is_digest_pinned("nginx:latest"),
    provider::ecrgov::is_digest_pinned("nginx@%[1]s"),
    provider::ecrgov::is_digest_pinned("nginx:1.27@%[1]s"),
    provider::ecrgov::is_digest_pinned("nginx@sha256:abc"),
    provider::ecrgov::is_digest_pinned("not a reference"),
  ]`, fnDigest)),
		ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("test", knownvalue.TupleExact([]knownvalue.Check{
			knownvalue.Bool(false), knownvalue.Bool(true), knownvalue.Bool(true), knownvalue.Bool(false), knownvalue.Bool(false),
		}))},
	})
}
