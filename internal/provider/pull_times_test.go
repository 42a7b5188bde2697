package provider_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// pullTimes maps every image of the repository to its lastRecordedPullTime (zero: never).
func pullTimes(t *testing.T, repo string) map[string]time.Time {
	t.Helper()
	images, err := acctest.Client(t).DescribeImages(context.Background(), repo, ecrapi.TagStatusAny)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]time.Time{}
	for _, img := range images {
		out[img.Digest] = img.LastPulledAt
	}
	return out
}

// pullMoved says which image's pull time moved since before, or nil.
func pullMoved(t *testing.T, repo string, before map[string]time.Time) error {
	for digest, now := range pullTimes(t, repo) {
		if was := before[digest]; !now.Equal(was) {
			return fmt.Errorf("a pull of %s was recorded (lastRecordedPullTime %s, was %s)", digest, now, was)
		}
	}
	return nil
}

// readersConfig exercises every ecrgov input that reads images without asking for manifest
// content: lookups by tag (of an index), by digest and most recent, scan findings, the image
// list, the repository facts, the local lifecycle preview, the audit, the lifecycle policy's
// plan-time impact check (a changed policy) and a promoted tag.
func readersConfig(repo string) string {
	return fmt.Sprintf(`
data "ecrgov_image" "r_latest" {
  repository = ecrgov_repository.app.name
  tag        = "latest"
}

data "ecrgov_image" "by_digest" {
  repository            = ecrgov_repository.app.name
  digest                = data.ecrgov_image.r_latest.digest
  include_scan_findings = true
}

data "ecrgov_image" "newest_release" {
  repository  = ecrgov_repository.app.name
  most_recent = true
  tag_pattern = "v*"
}

data "ecrgov_images" "all" {
  repository = ecrgov_repository.app.name
}

data "ecrgov_repository" "r_app" {
  name = ecrgov_repository.app.name
}

data "ecrgov_lifecycle_preview" "r_app" {
  repository = ecrgov_repository.app.name
  policy     = ecrgov_lifecycle_policy.app.policy_json
}

data "ecrgov_registry_audit" "all" {
  name_prefix = %[1]q
}

resource "ecrgov_image_tag" "stable" {
  repository = ecrgov_repository.app.name
  tag        = "stable"
  digest     = data.ecrgov_image.newest_release.digest
}
`, repo)
}

// TestAccPullTimes_planReadsNoManifest: ECR records a pull whenever BatchGetImage returns a
// manifest, and sinceImagePulled rules keep what is pulled. A terraform plan of the quickstart,
// and of every ecrgov reader that does not ask for manifest content, leaves every image's
// lastRecordedPullTime as it was. The last step proves the check can fail: asking for a
// platform of the index reads it, and the emulator records that pull.
func TestAccPullTimes_planReadsNoManifest(t *testing.T) {
	acctest.RequiresEmulator(t, "plans the quickstart, whose provider block points at the emulator")
	acctest.SetupBeforeTest(t)
	quickstart, err := os.ReadFile("../../examples/quickstart/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	repo := acctest.RandomName("pulls")
	// The quickstart as shipped, pointed at the emulator and at a repository of this test's own.
	cfg := strings.ReplaceAll(string(quickstart), `"quickstart/app"`, fmt.Sprintf("%q", repo))
	// ...and at a creation template prefix of its own: templates are registry-wide.
	cfg = strings.ReplaceAll(cfg, "quickstart", repo+"-tpl")
	cfg = strings.Replace(cfg, `default     = "http://127.0.0.1:4566"`, fmt.Sprintf("default     = %q", acctest.Endpoint()), 1)
	before := map[string]time.Time{}
	snapshot := func() { before = pullTimes(t, repo) }
	noPull := acctest.CheckAPI("ecrgov_repository.app", func(context.Context, map[string]any) error { return pullMoved(t, repo, before) })
	readers := strings.Replace(cfg, "count_number = 30", "count_number = 20", 1) + readersConfig(repo)
	readersAgain := strings.Replace(cfg, "count_number = 30", "count_number = 25", 1) + readersConfig(repo)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				// Images arrive as a pipeline pushes them; none has been pulled. Then the
				// quickstart is planned and applied again: its data sources find them.
				PreConfig: func() {
					for _, tag := range []string{"v1.0.0", "v1.1.0", "sha-1"} {
						acctest.SeedImage(t, repo, tag)
					}
					acctest.SeedImage(t, repo, "")
					acctest.SeedMultiArchIndex(t, repo, "latest")
					snapshot()
				},
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{noPull},
			},
			// Promoting a tag reads the manifest it puts again: that apply may count as a pull.
			{Config: readers},
			{
				// Every reader, the promoted tag's refresh, and a changed policy whose plan
				// simulates it against the images.
				PreConfig:         snapshot,
				Config:            readersAgain,
				ConfigStateChecks: []statecheck.StateCheck{noPull},
			},
			{PreConfig: snapshot, Config: readersAgain, PlanOnly: true},
			{
				// Asking for a platform reads the index: that is a pull, and the check sees it.
				PreConfig: func() {
					if err := pullMoved(t, repo, before); err != nil {
						t.Fatalf("the plan-only step: %v", err)
					}
					snapshot()
				},
				Config: readersAgain + `
data "ecrgov_image" "arm64" {
  repository = ecrgov_repository.app.name
  tag        = "latest"
  platform   = "linux/arm64"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckAPI("ecrgov_repository.app", func(context.Context, map[string]any) error {
					if pullMoved(t, repo, before) == nil {
						return fmt.Errorf("reading the index for a platform recorded no pull: the check cannot see pulls")
					}
					return nil
				})},
			},
		},
	})
}
