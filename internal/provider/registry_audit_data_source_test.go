package provider_test

import (
	"fmt"
	"testing"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

const auditAddr = "data.ecrgov_registry_audit.test"

func TestAccRegistryAuditDataSource_basic(t *testing.T) {
	prefix := acctest.RandomName("audit")
	governed, loose := prefix+"/governed", prefix+"/loose"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:      acctest.ProviderConfig() + "data \"ecrgov_registry_audit\" \"test\" {\n  concurrency = 0\n}\n",
				ExpectError: errorText(`concurrency value must be between 1 and 64`),
			},
			{
				Config:      acctest.ProviderConfig() + "data \"ecrgov_registry_audit\" \"test\" {\n  name_prefix  = \"team/\"\n  name_pattern = \"team/*\"\n}\n",
				ExpectError: errorText(`Attribute "name_pattern" cannot be specified when "name_prefix" is specified`),
			},
			{
				PreConfig: func() { acctest.CreateRepository(t, loose, ecrtypes.ImageTagMutabilityMutable) },
				Config: acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository" "governed" {
  name                                   = %[2]q
  image_tag_mutability                   = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filters = ["latest"]
}

resource "ecrgov_lifecycle_policy" "governed" {
  repository = ecrgov_repository.governed.name
  rule {
    priority = 1
    selection {
      tag_status   = "untagged"
      count_type   = "sinceImagePushed"
      count_unit   = "days"
      count_number = 7
    }
    action {
      type = "expire"
    }
  }
  rule {
    priority = 2
    selection {
      tag_status   = "any"
      count_type   = "imageCountMoreThan"
      count_number = 100
    }
    action {
      type = "expire"
    }
  }
}

data "ecrgov_registry_audit" "test" {
  name_prefix = "%[1]s/"
  depends_on  = [ecrgov_lifecycle_policy.governed]
}

data "ecrgov_registry_audit" "pattern" {
  name_pattern = "%[1]s/gov*"
  depends_on   = [ecrgov_lifecycle_policy.governed]
}
`, prefix, governed),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(auditAddr, tfjsonpath.New("repositories"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name": knownvalue.StringExact(governed), "arn": knownvalue.NotNull(),
							"image_tag_mutability": knownvalue.StringExact("IMMUTABLE_WITH_EXCLUSION"),
							"exclusion_filters":    knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("latest")}),
							"tags_immutable":       knownvalue.Bool(true), "has_lifecycle_policy": knownvalue.Bool(true),
							"expires_untagged": knownvalue.Bool(true), "keeps_at_most": knownvalue.Int64Exact(100),
							"scan_on_push": knownvalue.Bool(true), "encryption_type": knownvalue.StringExact("AES256"),
							"uses_pull_time": knownvalue.Bool(false), "scan_frequency": knownvalue.StringExact("MANUAL"),
							"scanned": knownvalue.Bool(true), "creation_template": knownvalue.Null(), "creation_templates": knownvalue.MapSizeExact(3),
							"signing_profiles": knownvalue.ListSizeExact(0), "images_without_sbom": knownvalue.Null(),
							"findings": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("AES256_NOT_KMS"), knownvalue.StringExact("UNSIGNED_REPOSITORY")}),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name": knownvalue.StringExact(loose), "arn": knownvalue.NotNull(),
							"image_tag_mutability": knownvalue.StringExact("MUTABLE"), "exclusion_filters": knownvalue.ListSizeExact(0),
							"tags_immutable": knownvalue.Bool(false), "has_lifecycle_policy": knownvalue.Bool(false),
							"expires_untagged": knownvalue.Bool(false), "keeps_at_most": knownvalue.Null(),
							"scan_on_push": knownvalue.Bool(false), "encryption_type": knownvalue.StringExact("AES256"),
							"uses_pull_time": knownvalue.Bool(false), "scan_frequency": knownvalue.StringExact("MANUAL"),
							"scanned": knownvalue.Bool(false), "creation_template": knownvalue.Null(), "creation_templates": knownvalue.MapSizeExact(3),
							"signing_profiles": knownvalue.ListSizeExact(0), "images_without_sbom": knownvalue.Null(),
							"findings": knownvalue.ListExact([]knownvalue.Check{
								knownvalue.StringExact("TAGS_MUTABLE"), knownvalue.StringExact("NO_LIFECYCLE_POLICY"), knownvalue.StringExact("NO_UNTAGGED_EXPIRY"),
								knownvalue.StringExact("SCAN_ON_PUSH_OFF"), knownvalue.StringExact("AES256_NOT_KMS"), knownvalue.StringExact("UNSIGNED_REPOSITORY"),
							}),
						}),
					})),
					// Templates are registry-wide, so other tests' templates count too: only the repository
					// counts are exact here (the template audit has its own test).
					statecheck.ExpectKnownValue(auditAddr, tfjsonpath.New("summary"), knownvalue.MapPartial(map[string]knownvalue.Check{
						"repositories": knownvalue.Int64Exact(2), "TAGS_MUTABLE": knownvalue.Int64Exact(1), "BROAD_TAG_EXCEPTION": knownvalue.Int64Exact(0),
						"NO_LIFECYCLE_POLICY": knownvalue.Int64Exact(1), "NO_UNTAGGED_EXPIRY": knownvalue.Int64Exact(1), "POLICY_UNREADABLE": knownvalue.Int64Exact(0),
						"SCAN_ON_PUSH_OFF": knownvalue.Int64Exact(1), "AES256_NOT_KMS": knownvalue.Int64Exact(2), "PULL_TIME_UNPROTECTED": knownvalue.Int64Exact(0),
						"UNSIGNED_REPOSITORY": knownvalue.Int64Exact(2), "NO_SBOM_REFERRERS": knownvalue.Int64Exact(0),
						"scanned": knownvalue.Int64Exact(1), "governed_by_template": knownvalue.Int64Exact(0),
					})),
					statecheck.ExpectKnownValue("data.ecrgov_registry_audit.pattern", tfjsonpath.New("repositories"), knownvalue.ListSizeExact(1)),
				},
			},
		},
	})
}

// TestAccRegistryAuditDataSource_requestCounts: 200 repositories cost the documented budget: one
// DescribeRepositories page, ⌈N/25⌉ scanning batches, one registry scanning read, one template
// page and one GetLifecyclePolicy each, and nothing more.
func TestAccRegistryAuditDataSource_requestCounts(t *testing.T) {
	acctest.SetupBeforeTest(t)
	t.Parallel()
	prefix := acctest.RandomName("scale")
	for i := 0; i < 200; i++ {
		acctest.CreateRepository(t, fmt.Sprintf("%s/r%03d", prefix, i), ecrtypes.ImageTagMutabilityMutable)
	}
	proxy := acctest.StartProxy(t)
	server := newProtocolServer(t, proxy.URL)
	proxy.Reset()
	state := server.readDataSource("ecrgov_registry_audit", map[string]tftypes.Value{"name_prefix": tfString(prefix + "/")})
	// ⌈200/25⌉ = 8 BatchGetRepositoryScanningConfiguration; no policy uses sinceImagePulled, so no
	// ListPullTimeUpdateExclusions.
	want := "map[BatchGetRepositoryScanningConfiguration:8 DescribeRepositories:1 DescribeRepositoryCreationTemplates:1 GetLifecyclePolicy:200 GetRegistryScanningConfiguration:1 GetSigningConfiguration:1]"
	if got := proxy.AllCalls(); fmt.Sprint(got) != want {
		t.Errorf("calls = %v, want %s", got, want)
	}
	var repos []tftypes.Value
	if err := state["repositories"].As(&repos); err != nil || len(repos) != 200 {
		t.Errorf("audited %d repositories (%v), want 200", len(repos), err)
	}
}
