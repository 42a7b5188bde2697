package provider_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

// include_replication_status reads where the digest has been replicated to: one entry per
// destination of the rules covering the repository, for an image pushed after the rule; null
// without the flag.
func TestAccImageDataSource_replicationStatus(t *testing.T) {
	acctest.RequiresEmulator(t, "configures replication in a Region of the tests' own")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	base := acctest.RandomName("replimg")
	repo := base + "/app"
	rule := replRule([]string{base + "/"}, "us-west-2")
	if err := replClient(t).CreateReplicationRule(ctx, rule); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = replClient(t).DeleteReplicationRule(ctx, rule) })
	sdk := acctest.SDK(t)
	if _, err := sdk.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String(repo)}, inReplRegion); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = sdk.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{RepositoryName: aws.String(repo), Force: true}, inReplRegion)
	})
	m := seed.ImageManifest(nil)
	if _, err := sdk.PutImage(ctx, &ecr.PutImageInput{RepositoryName: aws.String(repo), ImageManifest: aws.String(string(m.Bytes)),
		ImageTag: aws.String("v1"), ImageDigest: aws.String(m.Digest), ImageManifestMediaType: aws.String(m.MediaType)}, inReplRegion); err != nil {
		t.Fatal(err)
	}
	config := replProviderBlock(acctest.Endpoint()) + `
data "ecrgov_image" "with" {
  repository                 = "` + repo + `"
  tag                        = "v1"
  include_replication_status = true
}
data "ecrgov_image" "without" {
  repository = "` + repo + `"
  tag        = "v1"
}
`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ecrgov_image.with", tfjsonpath.New("replication_status"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"region": knownvalue.StringExact("us-west-2"), "registry_id": knownvalue.StringExact(acctest.AccountID()),
						"status": knownvalue.StringRegexp(regexp.MustCompile(`^(IN_PROGRESS|COMPLETE)$`)), "failure_code": knownvalue.Null(),
					}),
				})),
				statecheck.ExpectKnownValue("data.ecrgov_image.without", tfjsonpath.New("replication_status"), knownvalue.Null()),
			},
		}},
	})
}
