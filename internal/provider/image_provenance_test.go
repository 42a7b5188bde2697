package provider_test

import (
	"context"
	"fmt"
	"testing"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

const spdxType = "application/spdx+json"

// provenanceFixture is a repository covered by a signing rule, with an image pushed before the
// rule (unsigned, then archived) and one after it (signed, with an SBOM referrer).
type provenanceFixture struct {
	repo, profile string
	old, signed   seed.Manifest
	sbom          seed.Manifest
}

func newProvenanceFixture(t *testing.T) provenanceFixture {
	t.Helper()
	ctx := context.Background()
	keepSigning(t)
	f := provenanceFixture{repo: acctest.RandomName("prov") + "/app", profile: signingProfile("release")}
	acctest.CreateRepository(t, f.repo, ecrtypes.ImageTagMutabilityImmutable)
	f.old = acctest.SeedImage(t, f.repo, "old")
	if err := acctest.Client(t).PutSigningConfiguration(ctx, []ecrapi.SigningRule{{ProfileARN: f.profile, Filters: []string{f.repo}}}); err != nil {
		t.Fatal(err)
	}
	f.signed = acctest.SeedImage(t, f.repo, "new")
	waitSigningComplete(t, f.repo, f.signed.Digest) // ECR signs asynchronously, after the push
	f.sbom = seed.ReferrerManifest(f.signed, spdxType)
	if err := seed.Put(ctx, acctest.SDK(t), f.repo, "", f.sbom); err != nil {
		t.Fatal(err)
	}
	if _, err := acctest.Client(t).UpdateImageStorageClass(ctx, f.repo, f.old.Digest, ecrapi.StorageClassArchive); err != nil {
		t.Fatal(err)
	}
	return f
}

// Signing, referrers and the archive status through Terraform, and the call budget: each read
// only when asked for, and never a manifest.
func TestAccImageDataSource_provenance(t *testing.T) {
	acctest.ChangesRegistry(t, "the signing configuration")
	f := newProvenanceFixture(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig() + fmt.Sprintf(`
data "ecrgov_image" "signed" {
  repository      = %[1]q
  tag             = "new"
  include_signing = true
  artifact_type   = %[2]q
}

data "ecrgov_image" "old" {
  repository      = %[1]q
  tag             = "old"
  include_signing = true
}

data "ecrgov_images" "all" {
  repository      = %[1]q
  tag_status      = "TAGGED"
  include_signing = true
}
`, f.repo, spdxType),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ecrgov_image.signed", tfjsonpath.New("signed"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.ecrgov_image.signed", tfjsonpath.New("signing"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"profile_arn": knownvalue.StringExact(f.profile), "status": knownvalue.StringExact("COMPLETE"),
						"failure_code": knownvalue.Null(), "failure_reason": knownvalue.Null(),
					}),
				})),
				statecheck.ExpectKnownValue("data.ecrgov_image.signed", tfjsonpath.New("referrers"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"digest": knownvalue.StringExact(f.sbom.Digest), "artifact_type": knownvalue.StringExact(spdxType), "status": knownvalue.StringExact("ACTIVE"),
					}),
				})),
				statecheck.ExpectKnownValue("data.ecrgov_image.signed", tfjsonpath.New("pullable"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.ecrgov_image.old", tfjsonpath.New("signed"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.ecrgov_image.old", tfjsonpath.New("image_status"), knownvalue.StringExact("ARCHIVED")),
				statecheck.ExpectKnownValue("data.ecrgov_image.old", tfjsonpath.New("pullable"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.ecrgov_images.all", tfjsonpath.New("images"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"digest": knownvalue.StringExact(f.signed.Digest), "signed": knownvalue.Bool(true), "pullable": knownvalue.Bool(true)}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"digest": knownvalue.StringExact(f.old.Digest), "signed": knownvalue.Bool(false), "pullable": knownvalue.Bool(false)}),
				})),
			},
		}},
	})

	proxy := acctest.StartProxy(t)
	server := newProtocolServer(t, proxy.URL)
	read := func(what string, args map[string]tftypes.Value, want string) {
		t.Helper()
		proxy.Reset()
		args["repository"], args["tag"] = tfString(f.repo), tfString("new")
		server.readDataSource("ecrgov_image", args)
		if got := fmt.Sprint(proxy.AllCalls()); got != want {
			t.Errorf("%s: calls = %s, want %s", what, got, want)
		}
	}
	read("a plain lookup", map[string]tftypes.Value{}, "map[DescribeImages:1]")
	read("with signing", map[string]tftypes.Value{"include_signing": tfBool(true)}, "map[DescribeImageSigningStatus:1 DescribeImages:1 GetSigningConfiguration:1]")
	read("with an artifact type", map[string]tftypes.Value{"artifact_type": tfString(spdxType)}, "map[DescribeImages:1 ListImageReferrers:1]")
}
