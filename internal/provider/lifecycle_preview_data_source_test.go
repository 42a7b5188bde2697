package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

const previewAddr = "data.ecrgov_lifecycle_preview.test"

// previewPolicy expires untagged images older than a day and keeps the newest v* release.
const previewPolicy = `{"rules":[` +
	`{"rulePriority":1,"description":"expire untagged after a day","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":1},"action":{"type":"expire"}},` +
	`{"rulePriority":2,"description":"keep the newest release","selection":{"tagStatus":"tagged","tagPatternList":["v*"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}`

// seedPreviewRepository makes a repository outside Terraform with three releases, two untagged
// images and a multi-arch index whose platform images must be protected.
func seedPreviewRepository(t *testing.T, name string) acctest.MultiArchImage {
	acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutable)
	acctest.SeedImage(t, name, "v1")
	acctest.SeedImage(t, name, "v2")
	acctest.SeedImage(t, name, "v3")
	acctest.SeedImage(t, name, "")
	acctest.SeedImage(t, name, "")
	return acctest.SeedMultiArchIndex(t, name, "multi")
}

func TestAccLifecyclePreviewDataSource_local(t *testing.T) {
	name := acctest.RandomName("preview")
	future := time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() { seedPreviewRepository(t, name) },
				Config: testAccLifecyclePreviewConfig(acctest.ProviderConfig(), name,
					fmt.Sprintf("policy = %q\n  now = %q\n  read_index_manifests = true", previewPolicy, future)),
				ConfigStateChecks: []statecheck.StateCheck{
					// 2 untagged images expire (rule 1); 2 of 3 releases expire (rule 2); the
					// index, its 3 platform manifests (protected) and the newest release stay.
					statecheck.ExpectKnownValue(previewAddr, tfjsonpath.New("expire_count"), knownvalue.Int64Exact(4)),
					statecheck.ExpectKnownValue(previewAddr, tfjsonpath.New("transition_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(previewAddr, tfjsonpath.New("keep_count"), knownvalue.Int64Exact(5)),
					statecheck.ExpectKnownValue(previewAddr, tfjsonpath.New("possibly_kept_by_index"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(previewAddr, tfjsonpath.New("images"), knownvalue.ListSizeExact(9)),
					// Newest first: the index (no rule selects it), then its platform manifests,
					// kept because it references them; every image says why.
					statecheck.ExpectKnownValue(previewAddr, tfjsonpath.New("images"), knownvalue.ListPartial(map[int]knownvalue.Check{
						0: knownvalue.ObjectPartial(map[string]knownvalue.Check{"action": knownvalue.StringExact("keep"), "reason": knownvalue.StringExact("no rule selects it")}),
						1: knownvalue.ObjectPartial(map[string]knownvalue.Check{"action": knownvalue.StringExact("keep"), "reason": knownvalue.StringRegexp(regexp.MustCompile(`^protected: index sha256:`))}),
					})),
				},
			},
			{
				// Without reading the index, its 3 platform manifests count as expired too, and
				// the estimate says that up to 5 untagged images may be kept by the index.
				Config: testAccLifecyclePreviewConfig(acctest.ProviderConfig(), name, fmt.Sprintf("policy = %q\n  now = %q", previewPolicy, future)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(previewAddr, tfjsonpath.New("expire_count"), knownvalue.Int64Exact(7)),
					statecheck.ExpectKnownValue(previewAddr, tfjsonpath.New("keep_count"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(previewAddr, tfjsonpath.New("possibly_kept_by_index"), knownvalue.Int64Exact(5)),
				},
			},
			{
				// With the default now, nothing untagged is a day old yet.
				Config: testAccLifecyclePreviewConfig(acctest.ProviderConfig(), name, fmt.Sprintf("policy = %q", previewPolicy)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(previewAddr, tfjsonpath.New("expire_count"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(previewAddr, tfjsonpath.New("keep_count"), knownvalue.Int64Exact(7)),
				},
			},
		},
	})
}

func TestAccLifecyclePreviewDataSource_badInput(t *testing.T) {
	name := acctest.RandomName("preview")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testAccLifecyclePreviewConfig(acctest.ProviderConfig(), name, `now = "tomorrow"`), ExpectError: errorText(`"tomorrow" is not an RFC 3339 timestamp`)},
			{Config: testAccLifecyclePreviewConfig(acctest.ProviderConfig(), name, `mode = "service"
  now = "2030-01-01T00:00:00Z"`), ExpectError: errorText(`ECR's service preview evaluates at the current time`)},
			{Config: testAccLifecyclePreviewConfig(acctest.ProviderConfig(), name, `policy = "{\"rules\":[]}"`), ExpectError: errorText(`a policy needs at least one rule`)},
			{Config: testAccLifecyclePreviewConfig(acctest.ProviderConfig(), name, `mode = "remote"`), ExpectError: errorText(`mode value must be one of`)},
			{Config: testAccLifecyclePreviewConfig(acctest.ProviderConfig(), name, `mode = "service"
  read_index_manifests = true`), ExpectError: errorText(`ECR's service preview knows which images its indexes keep`)},
			{
				// A repository without a policy, and no policy given.
				PreConfig:   func() { acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityImmutable) },
				Config:      testAccLifecyclePreviewConfig(acctest.ProviderConfig(), name, ``),
				ExpectError: errorText(`The repository has no lifecycle policy`),
			},
		},
	})
}

// TestAccLifecyclePreviewDataSource_service runs the service mode against a fake of ECR's
// preview operations (the emulator has none), including another preview already in progress.
func TestAccLifecyclePreviewDataSource_service(t *testing.T) {
	name := acctest.RandomName("preview")
	var old acctest.Manifest
	proxy := acctest.StartProxy(t)
	fake := &acctest.PreviewFake{BusyStarts: 1, PollsBeforeDone: 2, FinalStatus: "COMPLETE"}
	fake.Install(proxy)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutable)
				old = acctest.SeedImage(t, name, "v1")
				acctest.SeedImage(t, name, "v2")
				fake.Results = []acctest.PreviewResult{{Digest: old.Digest, Tags: []string{"v1"}, Action: "EXPIRE", RulePriority: 2}}
			},
			Config: testAccLifecyclePreviewConfig(proxy.ProviderConfig(), name, fmt.Sprintf("policy = %q\n  mode = \"service\"", previewPolicy)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(previewAddr, tfjsonpath.New("expire_count"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(previewAddr, tfjsonpath.New("keep_count"), knownvalue.Int64Exact(1)),
				acctest.CheckAPI(previewAddr, func(_ context.Context, _ map[string]any) error {
					if n := proxy.Calls("StartLifecyclePolicyPreview"); n < 2 {
						return fmt.Errorf("StartLifecyclePolicyPreview calls = %d; the in-progress answer must be retried", n)
					}
					if len(fake.PolicyTexts) == 0 || fake.PolicyTexts[0] == "" {
						return fmt.Errorf("the preview was not started with the policy text")
					}
					return nil
				}),
			},
		}},
	})
}

func TestAccLifecyclePreviewDataSource_serviceFailedAndTimeout(t *testing.T) {
	name := acctest.RandomName("preview")
	failing, slow := acctest.StartProxy(t), acctest.StartProxy(t)
	(&acctest.PreviewFake{PollsBeforeDone: 1, FinalStatus: "FAILED"}).Install(failing)
	(&acctest.PreviewFake{PollsBeforeDone: 1 << 30, FinalStatus: "COMPLETE"}).Install(slow)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutable) },
				Config:      testAccLifecyclePreviewConfig(failing.ProviderConfig(), name, fmt.Sprintf("policy = %q\n  mode = \"service\"", previewPolicy)),
				ExpectError: errorText(`the lifecycle policy preview ended with status FAILED`),
			},
			{
				Config:      testAccLifecyclePreviewConfig(slow.ProviderConfig(), name, fmt.Sprintf("policy = %q\n  mode = \"service\"\n  timeouts = {\n    read = \"1s\"\n  }", previewPolicy)),
				ExpectError: regexp.MustCompile(`(?s)did not complete in time.*Raise timeouts.read`),
			},
		},
	})
}

func testAccLifecyclePreviewConfig(provider, name, args string) string {
	return provider + fmt.Sprintf(`
data "ecrgov_lifecycle_preview" "test" {
  repository = %[1]q
  %[2]s
}
`, name, args)
}
