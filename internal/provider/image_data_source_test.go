package provider_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

// lazy is a knownvalue check whose expected string is known only when the step runs (a digest
// the step's PreConfig seeded).
type lazy func() string

func (l lazy) CheckValue(v any) error {
	s, ok := v.(string)
	if !ok || s != l() {
		return fmt.Errorf("value %v, want %q", v, l())
	}
	return nil
}
func (l lazy) String() string { return "lazy string" }

func repoURL(name string) string {
	return imageref.RepositoryURL(acctest.AccountID(), acctest.TestRegion(), name)
}

type seededImages struct {
	v1, v2 acctest.Manifest
	multi  acctest.MultiArchImage
}

func seedImageRepository(t *testing.T, name string) *seededImages {
	acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityImmutable)
	s := &seededImages{v1: acctest.SeedImage(t, name, "v1"), v2: acctest.SeedImage(t, name, "v2")}
	acctest.SeedImage(t, name, "")
	s.multi = acctest.SeedMultiArchIndex(t, name, "multi")
	return s
}

func TestAccImageDataSource_byTagAndDigest(t *testing.T) {
	name := acctest.RandomName("img")
	var s *seededImages
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() { s = seedImageRepository(t, name) },
			Config: acctest.ProviderConfig() + fmt.Sprintf(`
data "ecrgov_image" "v1" {
  repository = %[1]q
  tag        = "v1"
  platform   = "linux/amd64"
}

data "ecrgov_image" "by_digest" {
  repository = %[1]q
  digest     = data.ecrgov_image.v1.digest
}

data "ecrgov_image" "multi" {
  repository = %[1]q
  tag        = "multi"
  platform   = "linux/arm64"
}
`, name),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ecrgov_image.v1", tfjsonpath.New("found"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.ecrgov_image.v1", tfjsonpath.New("digest"), lazy(func() string { return s.v1.Digest })),
				statecheck.ExpectKnownValue("data.ecrgov_image.v1", tfjsonpath.New("image_uri"), lazy(func() string { return repoURL(name) + "@" + s.v1.Digest })),
				statecheck.ExpectKnownValue("data.ecrgov_image.v1", tfjsonpath.New("tag_uri"), knownvalue.StringExact(repoURL(name)+":v1")),
				statecheck.ExpectKnownValue("data.ecrgov_image.v1", tfjsonpath.New("repository_url"), knownvalue.StringExact(repoURL(name))),
				statecheck.ExpectKnownValue("data.ecrgov_image.v1", tfjsonpath.New("is_index"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.ecrgov_image.v1", tfjsonpath.New("platforms"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.ecrgov_image.v1", tfjsonpath.New("platform_digest"), lazy(func() string { return s.v1.Digest })),
				statecheck.ExpectKnownValue("data.ecrgov_image.v1", tfjsonpath.New("manifest_media_type"), knownvalue.StringExact(imageref.MediaTypeOCIManifest)),
				statecheck.ExpectKnownValue("data.ecrgov_image.v1", tfjsonpath.New("image_status"), knownvalue.StringExact("ACTIVE")),
				statecheck.ExpectKnownValue("data.ecrgov_image.v1", tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("v1")})),
				statecheck.ExpectKnownValue("data.ecrgov_image.by_digest", tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("v1")})),
				statecheck.ExpectKnownValue("data.ecrgov_image.by_digest", tfjsonpath.New("tag_uri"), knownvalue.StringExact(repoURL(name)+":v1")),
				statecheck.ExpectKnownValue("data.ecrgov_image.multi", tfjsonpath.New("is_index"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.ecrgov_image.multi", tfjsonpath.New("digest"), lazy(func() string { return s.multi.Index.Digest })),
				statecheck.ExpectKnownValue("data.ecrgov_image.multi", tfjsonpath.New("platforms"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"os": knownvalue.StringExact("linux"), "architecture": knownvalue.StringExact("amd64"),
						"variant": knownvalue.Null(), "digest": lazy(func() string { return s.multi.AMD64.Digest })}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"os": knownvalue.StringExact("linux"), "architecture": knownvalue.StringExact("arm64"),
						"variant": knownvalue.StringExact("v8"), "digest": lazy(func() string { return s.multi.ARM64.Digest }),
						"image_uri": lazy(func() string { return repoURL(name) + "@" + s.multi.ARM64.Digest })}),
				})),
				statecheck.ExpectKnownValue("data.ecrgov_image.multi", tfjsonpath.New("platform_digest"), lazy(func() string { return s.multi.ARM64.Digest })),
				statecheck.ExpectKnownValue("data.ecrgov_image.multi", tfjsonpath.New("platform_image_uri"), lazy(func() string { return repoURL(name) + "@" + s.multi.ARM64.Digest })),
			},
		}},
	})
}

func TestAccImageDataSource_mostRecent(t *testing.T) {
	name := acctest.RandomName("img")
	var s *seededImages
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() { s = seedImageRepository(t, name) },
			Config: acctest.ProviderConfig() + fmt.Sprintf(`
data "ecrgov_image" "newest" {
  repository  = %[1]q
  most_recent = true
}

data "ecrgov_image" "newest_release" {
  repository  = %[1]q
  most_recent = true
  tag_pattern = "v*"
}
`, name),
			ConfigStateChecks: []statecheck.StateCheck{
				// The index was pushed last; its platform manifests (pushed just before) are skipped.
				statecheck.ExpectKnownValue("data.ecrgov_image.newest", tfjsonpath.New("digest"), lazy(func() string { return s.multi.Index.Digest })),
				statecheck.ExpectKnownValue("data.ecrgov_image.newest", tfjsonpath.New("tag_uri"), knownvalue.StringExact(repoURL(name)+":multi")),
				statecheck.ExpectKnownValue("data.ecrgov_image.newest_release", tfjsonpath.New("digest"), lazy(func() string { return s.v2.Digest })),
				statecheck.ExpectKnownValue("data.ecrgov_image.newest_release", tfjsonpath.New("tag_uri"), knownvalue.StringExact(repoURL(name)+":v2")),
			},
		}},
	})
}

// TestAccImageDataSource_mostRecentSkipsArchived: an archived image cannot be pulled, so
// most_recent skips it unless include_archived asks for it.
func TestAccImageDataSource_mostRecentSkipsArchived(t *testing.T) {
	name := acctest.RandomName("img")
	var s *seededImages
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.ProviderConfig() + fmt.Sprintf(`
data "ecrgov_image" "test" {
  repository       = %[1]q
  tag              = "v1"
  include_archived = true
}
`, name),
				ExpectError: errorText("include_archived chooses among images for most_recent = true"),
			},
			{
				PreConfig: func() {
					s = seedImageRepository(t, name)
					if _, err := acctest.Client(t).UpdateImageStorageClass(context.Background(), name, s.v2.Digest, "ARCHIVE"); err != nil {
						t.Fatal(err)
					}
				},
				Config: acctest.ProviderConfig() + fmt.Sprintf(`
data "ecrgov_image" "newest_release" {
  repository  = %[1]q
  most_recent = true
  tag_pattern = "v*"
}

data "ecrgov_image" "newest_release_any_status" {
  repository       = %[1]q
  most_recent      = true
  tag_pattern      = "v*"
  include_archived = true
}
`, name),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI("data.ecrgov_image.newest_release", func(ctx context.Context, _ map[string]any) error {
						img, err := acctest.Client(t).FindImage(ctx, name, ecrapi.ImageID{Digest: s.v2.Digest})
						if err != nil || img.Status != "ARCHIVED" {
							return fmt.Errorf("v2 is %v (%v), want ARCHIVED", img, err)
						}
						return nil
					}),
					statecheck.ExpectKnownValue("data.ecrgov_image.newest_release", tfjsonpath.New("digest"), lazy(func() string { return s.v1.Digest })),
					statecheck.ExpectKnownValue("data.ecrgov_image.newest_release", tfjsonpath.New("pullable"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.ecrgov_image.newest_release_any_status", tfjsonpath.New("digest"), lazy(func() string { return s.v2.Digest })),
					statecheck.ExpectKnownValue("data.ecrgov_image.newest_release_any_status", tfjsonpath.New("image_status"), knownvalue.StringExact("ARCHIVED")),
				},
			},
		},
	})
}

func TestAccImageDataSource_missingAndBadInput(t *testing.T) {
	name := acctest.RandomName("img")
	cfg := func(args string) string {
		return acctest.ProviderConfig() + fmt.Sprintf(`
data "ecrgov_image" "test" {
  repository = %[1]q
  %[2]s
}
`, name, args)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg(`tag = "v1"
  digest = "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b"`), ExpectError: errorText(`Set exactly one of tag, digest or most_recent = true`)},
			{Config: cfg(`most_recent = false`), ExpectError: errorText(`Set exactly one of tag, digest or most_recent = true`)},
			{Config: cfg(`tag = "v1"
  tag_pattern = "v*"`), ExpectError: errorText(`tag_pattern chooses among images for most_recent = true`)},
			{Config: cfg(`digest = "sha256:xyz"`), ExpectError: errorText(`"sha256:xyz" is not a valid image digest`)},
			// ECR digests are sha256 only; a valid sha512 digest names nothing ECR can hold.
			{Config: cfg(`digest = "sha512:` + strings.Repeat("ab", 64) + `"`), ExpectError: errorText(`is a sha512 digest; ECR image digests are sha256:`)},
			// Bad lookups are refused at plan, even with allow_missing, rather than answering
			// found = false.
			{Config: cfg(`tag = "Bad Tag!"
  allow_missing = true`), ExpectError: errorText(`"Bad Tag!" is not a valid image tag`)},
			{Config: cfg(`most_recent = true
  tag_pattern = "v 1*"`), ExpectError: errorText(`"v 1*" is not a tag pattern`)},
			{Config: cfg(`tag = "v1"
  registry_id = "12345"`), ExpectError: errorText(`Invalid registry ID`)},
			{Config: cfg(`tag = "v1"
  platform = "arm64"`), ExpectError: errorText(`"arm64" is not a platform`)},
			{
				PreConfig: func() {
					acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityImmutable)
					acctest.SeedMultiArchIndex(t, name, "multi")
				},
				Config:      cfg(`tag = "missing"`),
				ExpectError: errorText(`image ` + name + `:missing not found. Push the image first, check the name, or set allow_missing = true`),
			},
			{Config: cfg(`tag = "multi"
  platform = "linux/s390x"`), ExpectError: errorText(`platform linux/s390x is not in the index; it has linux/amd64, linux/arm64/v8`)},
			{
				Config: cfg(`tag = "missing"
  allow_missing = true`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.ecrgov_image.test", tfjsonpath.New("found"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.ecrgov_image.test", tfjsonpath.New("digest"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.ecrgov_image.test", tfjsonpath.New("image_uri"), knownvalue.Null()),
				},
			},
			{
				// A missing repository is missing too.
				Config: acctest.ProviderConfig() + fmt.Sprintf(`
data "ecrgov_image" "test" {
  repository    = %[1]q
  tag           = "v1"
  allow_missing = true
}
`, acctest.RandomName("norepo")),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue("data.ecrgov_image.test", tfjsonpath.New("found"), knownvalue.Bool(false))},
			},
		},
	})
}

func TestAccImageDataSource_scanFindings(t *testing.T) {
	name := acctest.RandomName("img")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityImmutable)
				acctest.SeedImage(t, name, "scanned")
				acctest.SeedImage(t, name, "unscanned")
				_, err := acctest.SDK(t).StartImageScan(context.Background(), &ecr.StartImageScanInput{
					RepositoryName: aws.String(name), ImageId: &ecrtypes.ImageIdentifier{ImageTag: aws.String("scanned")},
				})
				if err != nil {
					t.Fatal(err)
				}
			},
			Config: acctest.ProviderConfig() + fmt.Sprintf(`
data "ecrgov_image" "scanned" {
  repository            = %[1]q
  tag                   = "scanned"
  include_scan_findings = true
}

data "ecrgov_image" "unscanned" {
  repository            = %[1]q
  tag                   = "unscanned"
  include_scan_findings = true
}

data "ecrgov_image" "not_requested" {
  repository = %[1]q
  tag        = "scanned"
}
`, name),
			ConfigStateChecks: []statecheck.StateCheck{
				// The emulator's scan reports one HIGH finding.
				statecheck.ExpectKnownValue("data.ecrgov_image.scanned", tfjsonpath.New("scan"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"status": knownvalue.StringExact("COMPLETE"), "critical": knownvalue.Int64Exact(0), "high": knownvalue.Int64Exact(1),
					"medium": knownvalue.Int64Exact(0), "low": knownvalue.Int64Exact(0), "informational": knownvalue.Int64Exact(0), "undefined": knownvalue.Int64Exact(0),
				})),
				statecheck.ExpectKnownValue("data.ecrgov_image.unscanned", tfjsonpath.New("scan").AtMapKey("status"), knownvalue.StringExact("NOT_FOUND")),
				statecheck.ExpectKnownValue("data.ecrgov_image.not_requested", tfjsonpath.New("scan"), knownvalue.Null()),
			},
		}},
	})
}

// TestAccImageDataSource_requestCounts counts ECR API requests through a proxy: a lookup by
// tag is 1 DescribeImages (plus the BatchGetImage of an index only when platforms are asked
// for), and most_recent over 2,500 images is 3 DescribeImages pages and reads no manifest.
func TestAccImageDataSource_requestCounts(t *testing.T) {
	if !acctestEnabled() {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	t.Parallel()
	name := acctest.RandomName("count")
	s := seedImageRepository(t, name)
	proxy := acctest.StartProxy(t)
	server := newProtocolServer(t, proxy.URL)

	count := func(args map[string]tftypes.Value) map[string]int {
		proxy.Reset()
		args["repository"] = tfString(name)
		server.readDataSource("ecrgov_image", args)
		return proxy.AllCalls()
	}
	if got := count(map[string]tftypes.Value{"tag": tfString("v1")}); fmt.Sprint(got) != "map[DescribeImages:1]" {
		t.Errorf("lookup by tag of a single-arch image: %v, want 1 DescribeImages", got)
	}
	if got := count(map[string]tftypes.Value{"digest": tfString(s.v1.Digest)}); fmt.Sprint(got) != "map[DescribeImages:1]" {
		t.Errorf("lookup by digest: %v, want 1 DescribeImages", got)
	}
	// An index's manifest is read (a pull, to ECR) only when the configuration asks for platforms.
	if got := count(map[string]tftypes.Value{"tag": tfString("multi")}); fmt.Sprint(got) != "map[DescribeImages:1]" {
		t.Errorf("lookup by tag of an index: %v, want 1 DescribeImages and no BatchGetImage", got)
	}
	if got := count(map[string]tftypes.Value{"tag": tfString("multi"), "platform": tfString("linux/arm64")}); fmt.Sprint(got) != "map[BatchGetImage:1 DescribeImages:2]" {
		t.Errorf("lookup by tag of an index for a platform: %v, want 2 DescribeImages (the index, then its platforms' status) and 1 BatchGetImage", got)
	}
	if got := count(map[string]tftypes.Value{"tag": tfString("multi"), "include_platforms": tfBool(true)}); fmt.Sprint(got) != "map[BatchGetImage:1 DescribeImages:2]" {
		t.Errorf("lookup by tag of an index with include_platforms: %v, want 2 DescribeImages (the index, then its platforms' status) and 1 BatchGetImage", got)
	}
	if got := count(map[string]tftypes.Value{"most_recent": tfBool(true)}); fmt.Sprint(got) != "map[DescribeImages:1]" {
		t.Errorf("most_recent: %v, want 1 DescribeImages and no BatchGetImage", got)
	}

	many := acctest.RandomName("many")
	acctest.CreateRepository(t, many, ecrtypes.ImageTagMutabilityMutable)
	seedMany(t, many, 2500)
	proxy.Reset()
	state := server.readDataSource("ecrgov_image", map[string]tftypes.Value{"repository": tfString(many), "most_recent": tfBool(true)})
	if got := proxy.AllCalls(); fmt.Sprint(got) != "map[DescribeImages:3]" {
		t.Errorf("most_recent over 2,500 images: %v, want 3 DescribeImages", got)
	}
	if d := stringOf(t, state["digest"]); d == "" {
		t.Error("most_recent found no digest")
	}
}

// seedMany pushes n tagged single-platform images, eight at a time. They share one config and
// one layer, uploaded once with the first image.
func seedMany(t *testing.T, repo string, n int) {
	t.Helper()
	client := acctest.SDK(t)
	base := acctest.SeedImage(t, repo, "build-base")
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			if err := acctest.PutManifest(context.Background(), client, repo, fmt.Sprintf("build-%04d", i), seed.SharingBlobs(base)); err != nil {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("seeding %s: %v", repo, err)
	}
}

// TestAccImageDataSource_dockerManifestList: a Docker manifest list is an index too.
func TestAccImageDataSource_dockerManifestList(t *testing.T) {
	name := acctest.RandomName("img")
	var img acctest.MultiArchImage
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityImmutable)
				img = acctest.SeedManifestList(t, name, "legacy")
			},
			Config: acctest.ProviderConfig() + fmt.Sprintf(`
data "ecrgov_image" "test" {
  repository = %[1]q
  tag        = "legacy"
  platform   = "linux/x86_64"
}
`, name),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ecrgov_image.test", tfjsonpath.New("is_index"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.ecrgov_image.test", tfjsonpath.New("manifest_media_type"), knownvalue.StringExact(imageref.MediaTypeDockerManifestList)),
				statecheck.ExpectKnownValue("data.ecrgov_image.test", tfjsonpath.New("platforms"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.ecrgov_image.test", tfjsonpath.New("platform_digest"), lazy(func() string { return img.AMD64.Digest })),
			},
		}},
	})
}
