package provider_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

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
							"findings": knownvalue.ListExact([]knownvalue.Check{
								knownvalue.StringExact("AES256_NOT_KMS"), knownvalue.StringExact("KMS_AWS_MANAGED_KEY"), knownvalue.StringExact("UNSIGNED_REPOSITORY"),
							}),
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
								knownvalue.StringExact("SCAN_ON_PUSH_OFF"), knownvalue.StringExact("AES256_NOT_KMS"), knownvalue.StringExact("KMS_AWS_MANAGED_KEY"),
								knownvalue.StringExact("UNSIGNED_REPOSITORY"),
							}),
						}),
					})),
					// Templates are registry-wide, so other tests' templates count too: only the repository
					// counts are exact here (the template audit has its own test).
					statecheck.ExpectKnownValue(auditAddr, tfjsonpath.New("summary"), knownvalue.MapPartial(map[string]knownvalue.Check{
						"repositories": knownvalue.Int64Exact(2), "TAGS_MUTABLE": knownvalue.Int64Exact(1), "BROAD_TAG_EXCEPTION": knownvalue.Int64Exact(0),
						"NO_LIFECYCLE_POLICY": knownvalue.Int64Exact(1), "NO_UNTAGGED_EXPIRY": knownvalue.Int64Exact(1), "POLICY_UNREADABLE": knownvalue.Int64Exact(0),
						"SCAN_ON_PUSH_OFF": knownvalue.Int64Exact(1), "AES256_NOT_KMS": knownvalue.Int64Exact(2), "PULL_TIME_UNPROTECTED": knownvalue.Int64Exact(0),
						"UNSIGNED_REPOSITORY": knownvalue.Int64Exact(2), "NO_SBOM_REFERRERS": knownvalue.Int64Exact(0), "KMS_AWS_MANAGED_KEY": knownvalue.Int64Exact(2),
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
// page, one replication configuration read (no rules here) and one GetLifecyclePolicy each, and
// nothing more.
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
	want := "map[BatchGetRepositoryScanningConfiguration:8 DescribePullThroughCacheRules:1 DescribeRegistry:1 DescribeRepositories:1 DescribeRepositoryCreationTemplates:1 GetLifecyclePolicy:200 GetRegistryScanningConfiguration:1 GetSigningConfiguration:1]"
	if got := proxy.AllCalls(); fmt.Sprint(got) != want {
		t.Errorf("calls = %v, want %s", got, want)
	}
	var repos []tftypes.Value
	if err := state["repositories"].As(&repos); err != nil || len(repos) != 200 {
		t.Errorf("audited %d repositories (%v), want 200", len(repos), err)
	}
}

// TestAccRegistryAuditDataSource_checkPolicies: with check_policies, each repository's policy is
// judged as ecrgov_repository_policy judges it (public, untrusted), the registry's BASIC scanning
// is a registry finding, and the calls are one GetRepositoryPolicy per repository and one
// GetRegistryPolicy; without it, no policy is read.
func TestAccRegistryAuditDataSource_checkPolicies(t *testing.T) {
	acctest.SetupBeforeTest(t)
	t.Parallel()
	prefix := acctest.RandomName("access")
	public, partner, private := prefix+"/public", prefix+"/partner", prefix+"/private"
	client := acctest.Client(t)
	for name, policy := range map[string]string{public: publicPull, partner: partnerPull, private: ""} {
		acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityImmutable)
		if policy != "" {
			if err := client.SetRepositoryPolicy(context.Background(), name, policy, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	proxy := acctest.StartProxy(t)
	server := newProtocolServer(t, proxy.URL)
	findingsOf := func(state map[string]tftypes.Value) map[string]string {
		var repos []tftypes.Value
		if err := state["repositories"].As(&repos); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, r := range repos {
			var attrs map[string]tftypes.Value
			_ = r.As(&attrs)
			out[stringOf(t, attrs["name"])] = attrs["findings"].String()
		}
		return out
	}

	proxy.Reset()
	state := server.readDataSource("ecrgov_registry_audit", map[string]tftypes.Value{
		"name_prefix": tfString(prefix + "/"), "check_policies": tftypes.NewValue(tftypes.Bool, true),
		"trusted_accounts": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tfString("111122223333")}),
	})
	if calls := proxy.AllCalls(); calls["GetRepositoryPolicy"] != 3 || calls["GetRegistryPolicy"] != 1 {
		t.Errorf("calls = %v, want 3 GetRepositoryPolicy and 1 GetRegistryPolicy", calls)
	}
	got := findingsOf(state)
	if !strings.Contains(got[public], "PUBLIC_POLICY") || !strings.Contains(got[partner], "UNTRUSTED_ACCOUNT") ||
		strings.Contains(got[private], "PUBLIC_POLICY") || strings.Contains(got[private], "UNTRUSTED_ACCOUNT") ||
		strings.Contains(got[partner], "PUBLIC_POLICY") {
		t.Errorf("findings = %v", got)
	}
	if rf := state["registry_findings"].String(); !strings.Contains(rf, "BASIC_SCANNING") {
		t.Errorf("registry_findings = %s, want BASIC_SCANNING (the emulator's registry scans BASIC)", rf)
	}

	proxy.Reset()
	server.readDataSource("ecrgov_registry_audit", map[string]tftypes.Value{"name_prefix": tfString(prefix + "/")})
	if calls := proxy.AllCalls(); calls["GetRepositoryPolicy"] != 0 || calls["GetRegistryPolicy"] != 0 {
		t.Errorf("without check_policies: calls = %v, want no policy read", calls)
	}
}

// TestAccRegistryAuditDataSource_policyBudget is the check_policies benchmark: for R
// repositories (ECRGOV_BENCH_REPOSITORIES, default 50) it asserts the call budget exactly (R
// GetRepositoryPolicy and one GetRegistryPolicy on top of the audit's own calls) and prints the
// median wall time of 5 reads with and without check_policies and the bytes allocated per read.
// It asserts no time: scripts/bench-audit.sh runs it for several R and prints the figures.
func TestAccRegistryAuditDataSource_policyBudget(t *testing.T) {
	acctest.SetupBeforeTest(t)
	r := 50
	if v := os.Getenv("ECRGOV_BENCH_REPOSITORIES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("ECRGOV_BENCH_REPOSITORIES=%q", v)
		}
		r = n
	}
	prefix := acctest.RandomName("bench")
	client := acctest.Client(t)
	for i := 0; i < r; i++ {
		name := fmt.Sprintf("%s/r%04d", prefix, i)
		acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityImmutable)
		if i%2 == 0 {
			if err := client.SetRepositoryPolicy(context.Background(), name, orgPull, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	proxy := acctest.StartProxy(t)
	server := newProtocolServer(t, proxy.URL)
	args := func(check bool) map[string]tftypes.Value {
		return map[string]tftypes.Value{"name_prefix": tfString(prefix + "/"), "check_policies": tftypes.NewValue(tftypes.Bool, check)}
	}
	measure := func(check bool) (time.Duration, uint64, map[string]int) {
		var times []time.Duration
		var allocated uint64
		var calls map[string]int
		for run := 0; run < 5; run++ {
			proxy.Reset()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			server.readDataSource("ecrgov_registry_audit", args(check))
			times = append(times, time.Since(start))
			runtime.ReadMemStats(&after)
			allocated += after.TotalAlloc - before.TotalAlloc
			calls = proxy.AllCalls()
		}
		slices.Sort(times)
		return times[len(times)/2], allocated / 5, calls
	}
	plainTime, plainBytes, plainCalls := measure(false)
	checkTime, checkBytes, checkCalls := measure(true)
	if checkCalls["GetRepositoryPolicy"] != r || checkCalls["GetRegistryPolicy"] != 1 || plainCalls["GetRepositoryPolicy"] != 0 {
		t.Fatalf("calls without check_policies %v, with %v; want %d GetRepositoryPolicy and 1 GetRegistryPolicy only with it", plainCalls, checkCalls, r)
	}
	for op, n := range plainCalls {
		if checkCalls[op] != n {
			t.Errorf("check_policies changed the %s calls: %d -> %d", op, n, checkCalls[op])
		}
	}
	t.Logf("bench-audit: R=%d plain: median %v, %d KiB/read; check_policies: median %v (%.2fx), %d KiB/read, +%d GetRepositoryPolicy +1 GetRegistryPolicy",
		r, plainTime.Round(time.Millisecond), plainBytes/1024, checkTime.Round(time.Millisecond),
		float64(checkTime)/float64(plainTime), checkBytes/1024, checkCalls["GetRepositoryPolicy"])
}
