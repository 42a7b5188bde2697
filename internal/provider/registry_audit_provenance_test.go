package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// The audit's provenance findings: a repository a signing rule covers is not
// UNSIGNED_REPOSITORY, and, only when asked, a tagged active image without an SBOM makes it
// NO_SBOM_REFERRERS; the SBOM check costs one ListImageReferrers per tagged active image.
func TestAccRegistryAudit_provenance(t *testing.T) {
	acctest.ChangesRegistry(t, "the signing configuration")
	f := newProvenanceFixture(t) // "new" has an SBOM; "old" is archived, so not counted
	acctest.SeedImage(t, f.repo, "no-sbom")
	base := []knownvalue.Check{
		knownvalue.StringExact("NO_LIFECYCLE_POLICY"), knownvalue.StringExact("NO_UNTAGGED_EXPIRY"),
		knownvalue.StringExact("SCAN_ON_PUSH_OFF"), knownvalue.StringExact("AES256_NOT_KMS"), knownvalue.StringExact("KMS_AWS_MANAGED_KEY"),
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig() + fmt.Sprintf(`
data "ecrgov_registry_audit" "test" {
  name_prefix          = %[1]q
  check_sbom_referrers = true
}

data "ecrgov_registry_audit" "cheap" {
  name_prefix = %[1]q
}
`, f.repo),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(auditAddr, tfjsonpath.New("repositories"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name": knownvalue.StringExact(f.repo), "signing_profiles": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(f.profile)}),
						"images_without_sbom": knownvalue.Int64Exact(1),
						"findings":            knownvalue.ListExact(append(append([]knownvalue.Check(nil), base...), knownvalue.StringExact("NO_SBOM_REFERRERS"))),
					}),
				})),
				statecheck.ExpectKnownValue("data.ecrgov_registry_audit.cheap", tfjsonpath.New("repositories"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"images_without_sbom": knownvalue.Null(), "findings": knownvalue.ListExact(base)}),
				})),
			},
		}},
	})

	proxy := acctest.StartProxy(t)
	server := newProtocolServer(t, proxy.URL)
	proxy.Reset()
	server.readDataSource("ecrgov_registry_audit", map[string]tftypes.Value{"name_prefix": tfString(f.repo), "check_sbom_referrers": tfBool(true)})
	// Three tagged images: the archived one is skipped, the two active ones cost one call each.
	calls := proxy.AllCalls()
	if calls["DescribeImages"] != 1 || calls["ListImageReferrers"] != 2 || calls["BatchGetImage"] != 0 {
		t.Errorf("calls = %v, want 1 DescribeImages, 2 ListImageReferrers and no BatchGetImage", calls)
	}
}
