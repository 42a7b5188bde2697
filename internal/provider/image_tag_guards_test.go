package provider_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

func testAccGuardedTagConfig(repo, tag, digest, extra string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_image_tag" "test" {
  repository = %q
  tag        = %q
  digest     = %q
%s
}
`, repo, tag, digest, extra)
}

// Promotion enforces provenance: unsigned, SBOM-less and archived digests are refused at plan;
// a signed digest with its SBOM is promoted; an archived digest is restored first with
// restore_archived, and a restore slower than the timeout tags nothing.
func TestAccImageTag_provenanceGuards(t *testing.T) {
	acctest.ChangesRegistry(t, "the signing configuration")
	acctest.RequiresEmulator(t, "restores an archived image within a 1-minute timeout; ECR documents up to 20 minutes")
	f := newProvenanceFixture(t)
	guards := fmt.Sprintf("  require_signed = true\n  require_referrer_types = [%q]\n", spdxType)
	refused := func(tag, digest, extra, want string) resource.TestStep {
		return resource.TestStep{Config: testAccGuardedTagConfig(f.repo, tag, digest, extra), PlanOnly: true, ExpectError: errorText(want)}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			refused("archived", f.old.Digest, "", f.old.Digest+" is ARCHIVED in "+f.repo+": it answers pulls with 404"),
			refused("unsigned", f.old.Digest, "  restore_archived = true\n  require_signed = true\n", "require_signed: "+f.old.Digest+" is not signed by "+f.profile),
			refused("no-provenance", f.signed.Digest, "  require_referrer_types = [\"application/vnd.in-toto+json\"]\n",
				"has no ACTIVE referrer of type application/vnd.in-toto+json"),
			{
				Config:            testAccGuardedTagConfig(f.repo, "release", f.signed.Digest, guards),
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckTagOn(t, f.repo, "release", f.signed.Digest)},
			},
			{
				// Restored first, then tagged.
				Config: testAccGuardedTagConfig(f.repo, "release", f.signed.Digest, guards) + fmt.Sprintf(`
resource "ecrgov_image_tag" "restored" {
  repository       = %q
  tag              = "rollback"
  digest           = %q
  restore_archived = true
  timeouts = {
    create = "1m"
  }
}
`, f.repo, f.old.Digest),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("ecrgov_image_tag.restored", plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckTagOn(t, f.repo, "rollback", f.old.Digest),
					acctest.CheckAPI("ecrgov_image_tag.restored", func(ctx context.Context, _ map[string]any) error {
						img, err := acctest.Client(t).FindImage(ctx, f.repo, ecrapi.ImageID{Digest: f.old.Digest})
						if err != nil || img.Status != ecrapi.ImageStatusActive {
							return fmt.Errorf("the restored image is %v (%v), want ACTIVE", img, err)
						}
						return nil
					}),
				},
			},
			{
				// A move is a promotion too: the guards refuse the unsigned digest at plan, before
				// the tag's own rules are considered, and the tag stays where it is.
				Config:      testAccGuardedTagConfig(f.repo, "release", f.old.Digest, guards+"  allow_move = true\n"),
				PlanOnly:    true,
				ExpectError: errorText("require_signed: " + f.old.Digest + " is not signed by " + f.profile),
			},
		},
	})
}

// A restore slower than the timeout fails the apply and tags nothing; the next apply, after the
// restore finished, tags it. The emulator's restore time is set per repository (an emulator
// control tag), so the first step sees ACTIVATING and the second ACTIVE on any machine load.
func TestAccImageTag_restoreTimeout(t *testing.T) {
	acctest.RequiresEmulator(t, "the test sets how long the emulator takes to restore")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	repo := acctest.RandomName("restore")
	acctest.CreateRepository(t, repo, "IMMUTABLE")
	img := acctest.SeedImage(t, repo, "v1")
	if _, err := acctest.Client(t).UpdateImageStorageClass(context.Background(), repo, img.Digest, ecrapi.StorageClassArchive); err != nil {
		t.Fatal(err)
	}
	acctest.SetEmulatorRestoreSeconds(t, repo, 3600)
	config := func(timeout string) string {
		return testAccGuardedTagConfig(repo, "rollback", img.Digest, fmt.Sprintf("  restore_archived = true\n  timeouts = {\n    create = %q\n  }\n", timeout))
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRepositoryDestroy(t),
		Steps: []resource.TestStep{
			{Config: config("100ms"), ExpectError: errorText("is still ACTIVATING after 100ms. The restore goes on in ECR; nothing was tagged.")},
			{
				PreConfig:         func() { acctest.SetEmulatorRestoreSeconds(t, repo, 0) },
				Config:            config("1m"),
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckTagOn(t, repo, "rollback", img.Digest)},
			},
		},
	})
}

// The guards' plan reads: none is a pull, and each only when set. A create plan makes two
// DescribeImages: where the tag is now, and the digest's status.
func TestAccImageTag_guardBudget(t *testing.T) {
	acctest.ChangesRegistry(t, "the signing configuration")
	f := newProvenanceFixture(t)
	proxy := acctest.StartProxy(t)
	server := newProtocolServer(t, proxy.URL)
	typ := server.resourceType("ecrgov_image_tag")
	plan := func(extra map[string]tftypes.Value) string {
		t.Helper()
		config := map[string]tftypes.Value{"repository": tfString(f.repo), "tag": tfString("budget"), "digest": tfString(f.signed.Digest)}
		for k, v := range extra {
			config[k] = v
		}
		proxy.Reset()
		resp := server.planChange("ecrgov_image_tag", tftypes.NewValue(typ, nil), config)
		server.check("planning", nil, resp.Diagnostics)
		return fmt.Sprint(proxy.AllCalls())
	}
	if got, want := plan(nil), "map[DescribeImages:2 DescribeRepositories:1]"; got != want {
		t.Errorf("plan without guards: calls = %s, want %s", got, want)
	}
	guards := map[string]tftypes.Value{
		"require_signed":         tfBool(true),
		"require_referrer_types": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tfString(spdxType)}),
	}
	if got, want := plan(guards), "map[DescribeImageSigningStatus:1 DescribeImages:2 DescribeRepositories:1 GetSigningConfiguration:1 ListImageReferrers:1]"; got != want {
		t.Errorf("plan with guards: calls = %s, want %s", got, want)
	}
}
