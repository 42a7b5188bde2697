package acctest_test

// Tests of the emulator itself, against the SDK: referrers and the archive storage class, as
// scripts/moto_ecrgov.py models them (DESIGN.md, The emulator). The signing configuration is
// registry-wide, so its emulator test lives with the provider's serial tests
// (internal/provider/emulator_signing_test.go).

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

const unknownDigest = "sha256:0000000000000000000000000000000000000000000000000000000000000000"

// ListImageReferrers lists the manifests pushed with the image as their subject, filtered by
// artifact type and, by default, ACTIVE status; DescribeImages reports their subject.
func TestAccEmulator_referrers(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	ctx := context.Background()
	client := acctest.SDK(t)
	repo := acctest.RandomName("emu")
	acctest.CreateRepository(t, repo, types.ImageTagMutabilityMutable)
	img := acctest.SeedImage(t, repo, "v1")
	const spdx, slsa = "application/spdx+json", "application/vnd.in-toto+json"
	sbom := seed.ReferrerManifest(img, spdx)
	provenance := seed.ReferrerManifest(img, slsa)
	for _, m := range []seed.Manifest{sbom, provenance} {
		if err := seed.Put(ctx, client, repo, "", m); err != nil {
			t.Fatal(err)
		}
	}
	list := func(filter *types.ListImageReferrersFilter) []types.ImageReferrer {
		t.Helper()
		out, err := client.ListImageReferrers(ctx, &ecr.ListImageReferrersInput{
			RepositoryName: aws.String(repo), SubjectId: &types.SubjectIdentifier{ImageDigest: aws.String(img.Digest)}, Filter: filter,
		})
		if err != nil {
			t.Fatal(err)
		}
		return out.Referrers
	}
	if all := list(nil); len(all) != 2 {
		t.Fatalf("referrers = %+v, want the SBOM and the provenance", all)
	}
	// DescribeImages names a referrer's subject and type as ImageDetail does:
	// subjectManifestDigest and artifactMediaType; the subject itself has no subject and its
	// config's media type.
	described, err := client.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String(repo),
		ImageIds: []types.ImageIdentifier{{ImageDigest: aws.String(sbom.Digest)}, {ImageDigest: aws.String(img.Digest)}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range described.ImageDetails {
		subject, artifact := aws.ToString(d.SubjectManifestDigest), aws.ToString(d.ArtifactMediaType)
		switch aws.ToString(d.ImageDigest) {
		case sbom.Digest:
			if subject != img.Digest || artifact != spdx {
				t.Errorf("the SBOM: subjectManifestDigest %q, artifactMediaType %q; want %q, %q", subject, artifact, img.Digest, spdx)
			}
		case img.Digest:
			if subject != "" || artifact == "" {
				t.Errorf("the image: subjectManifestDigest %q, artifactMediaType %q; want none and its config type", subject, artifact)
			}
		}
	}
	only := list(&types.ListImageReferrersFilter{ArtifactTypes: []string{spdx}})
	if len(only) != 1 || aws.ToString(only[0].Digest) != sbom.Digest || aws.ToString(only[0].ArtifactType) != spdx || only[0].ArtifactStatus != types.ArtifactStatusActive {
		t.Fatalf("SBOM referrers = %+v", only)
	}
	// An archived referrer is left out unless asked for.
	if _, err := client.UpdateImageStorageClass(ctx, &ecr.UpdateImageStorageClassInput{
		RepositoryName: aws.String(repo), ImageId: &types.ImageIdentifier{ImageDigest: aws.String(sbom.Digest)}, TargetStorageClass: types.TargetStorageClassArchive,
	}); err != nil {
		t.Fatal(err)
	}
	if got := list(&types.ListImageReferrersFilter{ArtifactTypes: []string{spdx}}); len(got) != 0 {
		t.Fatalf("an archived referrer was listed by default: %+v", got)
	}
	if got := list(&types.ListImageReferrersFilter{ArtifactTypes: []string{spdx}, ArtifactStatus: types.ArtifactStatusFilterAny}); len(got) != 1 || got[0].ArtifactStatus != types.ArtifactStatusArchived {
		t.Fatalf("with ANY: %+v, want the archived SBOM", got)
	}
}

// UpdateImageStorageClass archives an image at once and restores it through ACTIVATING to
// ACTIVE; DescribeImages reports imageStatus and lists only ACTIVE images unless its filter asks;
// BatchGetImage of an archived image fails and records no pull.
func TestAccEmulator_archive(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	ctx := context.Background()
	client := acctest.SDK(t)
	repo := acctest.RandomName("emu")
	acctest.CreateRepository(t, repo, types.ImageTagMutabilityMutable)
	img := acctest.SeedImage(t, repo, "v1")
	id := &types.ImageIdentifier{ImageDigest: aws.String(img.Digest)}
	storage := func(class types.TargetStorageClass) types.ImageStatus {
		t.Helper()
		out, err := client.UpdateImageStorageClass(ctx, &ecr.UpdateImageStorageClassInput{RepositoryName: aws.String(repo), ImageId: id, TargetStorageClass: class})
		if err != nil {
			t.Fatal(err)
		}
		return out.ImageStatus
	}
	describe := func() types.ImageDetail {
		t.Helper()
		out, err := client.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String(repo), ImageIds: []types.ImageIdentifier{*id}})
		if err != nil || len(out.ImageDetails) != 1 {
			t.Fatalf("describing: %v", err)
		}
		return out.ImageDetails[0]
	}
	listed := func(status types.ImageStatusFilter) int {
		t.Helper()
		in := &ecr.DescribeImagesInput{RepositoryName: aws.String(repo)}
		if status != "" {
			in.Filter = &types.DescribeImagesFilter{ImageStatus: status}
		}
		out, err := client.DescribeImages(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return len(out.ImageDetails)
	}
	if d := describe(); d.ImageStatus != types.ImageStatusActive {
		t.Fatalf("a pushed image is %q, want ACTIVE", d.ImageStatus)
	}
	if s := storage(types.TargetStorageClassArchive); s != types.ImageStatusArchived {
		t.Fatalf("archiving answered %q, want ARCHIVED", s)
	}
	if d := describe(); d.ImageStatus != types.ImageStatusArchived || d.LastArchivedAt == nil {
		t.Fatalf("after archiving: %+v", d)
	}
	if n, all := listed(""), listed(types.ImageStatusFilterAny); n != 0 || all != 1 {
		t.Fatalf("DescribeImages lists %d by default and %d with ANY, want 0 and 1", n, all)
	}
	out, err := client.BatchGetImage(ctx, &ecr.BatchGetImageInput{RepositoryName: aws.String(repo), ImageIds: []types.ImageIdentifier{*id}})
	if err != nil || len(out.Images) != 0 || len(out.Failures) != 1 {
		t.Fatalf("pulling an archived image: %v, %+v, want a failure", err, out)
	}
	if d := describe(); d.LastRecordedPullTime != nil {
		t.Fatalf("a refused pull was recorded: %v", d.LastRecordedPullTime)
	}
	if s := storage(types.TargetStorageClassStandard); s != types.ImageStatusActivating {
		t.Fatalf("restoring answered %q, want ACTIVATING", s)
	}
	deadline := time.Now().Add(30 * time.Second)
	for describe().ImageStatus != types.ImageStatusActive {
		if time.Now().After(deadline) {
			t.Fatal("the restored image never became ACTIVE")
		}
		time.Sleep(200 * time.Millisecond)
	}
	if d := describe(); d.LastActivatedAt == nil {
		t.Fatalf("after restoring: %+v", d)
	}
	if _, err := client.UpdateImageStorageClass(ctx, &ecr.UpdateImageStorageClassInput{
		RepositoryName: aws.String(repo), ImageId: &types.ImageIdentifier{ImageDigest: aws.String(unknownDigest)}, TargetStorageClass: types.TargetStorageClassArchive,
	}); !isCode(err, "ImageNotFoundException") {
		t.Fatalf("archiving an unknown image: %v, want ImageNotFoundException", err)
	}
}
