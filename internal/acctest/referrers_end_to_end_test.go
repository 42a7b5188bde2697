package acctest_test

// The provider's code that reads a referrer's subject (ImageDetail.subjectManifestDigest), end
// to end against the emulator: most_recent skips referrers, the lifecycle listing carries the
// subject to the simulator (a referrer follows its subject) and reads which images an index
// keeps alive.

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

func TestAccReferrers_subjectEndToEnd(t *testing.T) {
	acctest.RequiresEmulator(t, "it pushes referrers with the emulator's seeding helpers")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	ctx := context.Background()
	sdk, client := acctest.SDK(t), acctest.Client(t)
	repo := acctest.RandomName("refs")
	acctest.CreateRepository(t, repo, types.ImageTagMutabilityMutable)

	img := acctest.SeedImage(t, repo, "v1")
	multi := acctest.SeedMultiArchIndex(t, repo, "multi")
	// Pushed last and tagged, with an artifact type that looks like a runnable image's config:
	// only its subject says it is a referrer.
	attestation := seed.ReferrerManifest(img, "application/vnd.oci.image.config.v1+json")
	if err := seed.Put(ctx, sdk, repo, "attestation", attestation); err != nil {
		t.Fatal(err)
	}

	got, err := client.FindMostRecentImage(ctx, repo, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if got.Digest != multi.Index.Digest {
		t.Fatalf("most recent = %s (tags %v), want the index %s: the tagged referrer pushed last is not runnable", got.Digest, got.Tags, multi.Index.Digest)
	}

	listing, err := client.LifecycleImages(ctx, repo, true)
	if err != nil {
		t.Fatal(err)
	}
	byDigest := map[string]lifecycle.Image{}
	for _, i := range listing.Images {
		byDigest[i.Digest] = i
	}
	if s := byDigest[attestation.Digest].SubjectDigest; s != img.Digest {
		t.Fatalf("the attestation's subject = %q, want %s", s, img.Digest)
	}
	if !listing.IndexesRead || len(byDigest[multi.AMD64.Digest].ReferencedBy) == 0 {
		t.Fatalf("the index's platform manifest is not referenced: %+v", byDigest[multi.AMD64.Digest])
	}

	// A rule that expires v1-prefixed images, two days on: the image goes, and the referrer (its
	// tag does not match) goes with its subject.
	policy, err := lifecycle.Parse(`{"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["v1"],` +
		`"countType":"sinceImagePushed","countUnit":"days","countNumber":1},"action":{"type":"expire"}}]}`)
	if err != nil {
		t.Fatal(err)
	}
	expired := map[string]bool{}
	for _, d := range lifecycle.Simulate(policy, listing.Images, time.Now().Add(48*time.Hour)) {
		expired[d.Digest] = true
	}
	if !expired[img.Digest] || !expired[attestation.Digest] {
		t.Fatalf("expired = %v, want the subject %s and its referrer %s", expired, img.Digest, attestation.Digest)
	}
}
