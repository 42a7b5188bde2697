package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

const repoDataAddr = "data.ecrgov_repository.test"

func TestAccRepositoryDataSource_basic(t *testing.T) {
	name := acctest.RandomName("ds")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccRepositoryDataSourceConfig(name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(repoDataAddr, tfjsonpath.New("image_tag_mutability"), knownvalue.StringExact("IMMUTABLE_WITH_EXCLUSION")),
					statecheck.ExpectKnownValue(repoDataAddr, tfjsonpath.New("image_tag_mutability_exclusion_filters"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("latest")})),
					statecheck.ExpectKnownValue(repoDataAddr, tfjsonpath.New("tags_immutable"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(repoDataAddr, tfjsonpath.New("scan_on_push"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(repoDataAddr, tfjsonpath.New("encryption_type"), knownvalue.StringExact("AES256")),
					statecheck.ExpectKnownValue(repoDataAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("platform")})),
					statecheck.ExpectKnownValue(repoDataAddr, tfjsonpath.New("has_lifecycle_policy"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(repoDataAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
					statecheck.CompareValuePairs(repoDataAddr, tfjsonpath.New("arn"), repoAddr, tfjsonpath.New("arn"), compareEqual),
				},
			},
			{
				// A policy put through the API is seen on the next read.
				PreConfig: func() {
					_, err := acctest.SDK(t).PutLifecyclePolicy(context.Background(), &ecr.PutLifecyclePolicyInput{
						RepositoryName:      aws.String(name),
						LifecyclePolicyText: aws.String(`{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}`),
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccRepositoryDataSourceConfig(name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(repoDataAddr, tfjsonpath.New("has_lifecycle_policy"), knownvalue.Bool(true)),
				},
			},
		},
	})
}

func TestAccRepositoryDataSource_missing(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig() + fmt.Sprintf(`
data "ecrgov_repository" "test" {
  name = %[1]q
}
`, acctest.RandomName("missing")),
			ExpectError: regexp.MustCompile(`(?s)reading ECR repository.*RepositoryNotFoundException`),
		}},
	})
}

func testAccRepositoryDataSourceConfig(name string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "test" {
  name                                   = %[1]q
  image_tag_mutability                   = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filters = ["latest"]
  tags                                   = { team = "platform" }
}

data "ecrgov_repository" "test" {
  name = ecrgov_repository.test.name
}
`, name)
}
