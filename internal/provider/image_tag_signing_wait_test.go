package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// require_signed waits at apply while signing is IN_PROGRESS, as restore_archived waits for a
// restore: a digest promoted right after its push is tagged once signing completes, and one whose
// signing FAILED is refused. The emulator signs slowly (8 s) with an ecrgov_slow* profile and
// fails with an ecrgov_fail* one.
func TestAccImageTag_requireSignedWaitsForSigning(t *testing.T) {
	acctest.RequiresEmulator(t, "the emulator's slow and failing signing profiles")
	keepSigning(t)
	ctx := context.Background()
	repo := acctest.RandomName("sigwait") + "/app"
	acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityMutable)
	config := func(tag string) string {
		return acctest.ProviderConfig() + fmt.Sprintf(`
data "ecrgov_image" "pushed" {
  repository = %[1]q
  tag        = %[2]q
}

resource "ecrgov_image_tag" "test" {
  repository     = %[1]q
  tag            = "release"
  digest         = data.ecrgov_image.pushed.digest
  require_signed = true
}
`, repo, tag)
	}
	sign := func(profile string) {
		if err := acctest.Client(t).PutSigningConfiguration(ctx, []ecrapi.SigningRule{{ProfileARN: profile, Filters: []string{repo}}}); err != nil {
			t.Fatal(err)
		}
	}
	var fresh acctest.Manifest
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					sign(signingProfile("ecrgov_fail_wait"))
					acctest.SeedImage(t, repo, "doomed")
				},
				Config:      config("doomed"),
				ExpectError: regexp.MustCompile(`require_signed: signing of\s+sha256:[0-9a-f]+\s+by\s+\S+ecrgov_fail_wait\s+failed`),
			},
			{
				PreConfig: func() {
					sign(signingProfile("ecrgov_slow_wait"))
					fresh = acctest.SeedImage(t, repo, "fresh")
				},
				Config: config("fresh"),
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckAPI("ecrgov_image_tag.test", func(ctx context.Context, _ map[string]any) error {
					statuses, err := acctest.Client(t).ImageSigningStatus(ctx, repo, fresh.Digest)
					if err != nil || len(statuses) != 1 || statuses[0].Status != ecrapi.SigningComplete {
						return fmt.Errorf("tagged while signing was %+v (%v), want COMPLETE", statuses, err)
					}
					return nil
				})},
			},
		},
	})
}

// waitSigningComplete waits, at most 15 s, until every signing status of the image is COMPLETE:
// signing follows the push asynchronously, on ECR as on the emulator.
func waitSigningComplete(t *testing.T, repo, digest string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		statuses, err := acctest.Client(t).ImageSigningStatus(context.Background(), repo, digest)
		if err != nil {
			t.Fatal(err)
		}
		done := len(statuses) > 0
		for _, s := range statuses {
			done = done && s.Status == ecrapi.SigningComplete
		}
		if done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("signing of %s@%s: %+v after 15 s, want COMPLETE", repo, digest, statuses)
		}
		time.Sleep(250 * time.Millisecond)
	}
}
