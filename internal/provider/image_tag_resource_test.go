package provider_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/mutability"
)

const tagAddr = "ecrgov_image_tag.test"

func testAccImageTagConfig(repo, tag, digest, extra string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_image_tag" "test" {
  repository = %[1]q
  tag        = %[2]q
  digest     = %[3]q
  %[4]s
}
`, repo, tag, digest, extra)
}

// tagDigest asks the API which digest a tag is on ("" when the tag does not exist).
func tagDigest(t *testing.T, repo, tag string) (string, []string) {
	t.Helper()
	d, err := acctest.Client(t).FindImage(context.Background(), repo, ecrapi.ImageID{Tag: tag})
	if ecrapi.IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return d.Digest, d.Tags
}

func testAccCheckTagOn(t *testing.T, repo, tag, want string) statecheck.StateCheck {
	return acctest.CheckAPI(tagAddr, func(context.Context, map[string]any) error {
		if got, _ := tagDigest(t, repo, tag); got != want {
			return fmt.Errorf("%s:%s is on %q in ECR, want %s", repo, tag, got, want)
		}
		return nil
	})
}

// testAccCheckImageTagDestroy asks the API what destroy left: a tag that is immutable in its
// repository is kept on its digest unless delete_tag_on_destroy was set, any other promoted tag
// is gone; and the image a removed tag named is still there when it had other tags.
func testAccCheckImageTagDestroy(t *testing.T, repo string, keptDigest string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		var resources []*terraform.ResourceState
		for _, m := range s.Modules {
			for _, rs := range m.Resources {
				if rs.Type == "ecrgov_image_tag" {
					resources = append(resources, rs)
				}
			}
		}
		for _, rs := range resources {
			a := rs.Primary.Attributes
			repository, err := acctest.Client(t).FindRepositoryByName(context.Background(), a["repository"])
			if ecrapi.IsNotFound(err) {
				continue // the repository went, and its tags with it
			}
			if err != nil {
				return err
			}
			kept := a["delete_tag_on_destroy"] != "true" && mutability.TagImmutable(repository.TagMutability, repository.ExclusionFilters, a["tag"])
			d, _ := tagDigest(t, a["repository"], a["tag"])
			switch {
			case kept && d != a["digest"]:
				return fmt.Errorf("tag %s is immutable and must be kept on %s by destroy; it is on %q", rs.Primary.ID, a["digest"], d)
			case !kept && d != "":
				return fmt.Errorf("tag %s still exists", rs.Primary.ID)
			}
		}
		if keptDigest != "" {
			_, err := acctest.Client(t).FindImage(context.Background(), repo, ecrapi.ImageID{Digest: keptDigest})
			if err != nil {
				return fmt.Errorf("image %s should have survived the removal of the promoted tag: %w", keptDigest, err)
			}
		}
		return nil
	}
}

func TestAccImageTag_basic(t *testing.T) {
	acctest.SetupBeforeTest(t)
	repo := acctest.RandomName("promo")
	acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityImmutable)
	img := acctest.SeedImage(t, repo, "build-42")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckImageTagDestroy(t, repo, img.Digest),
		Steps: []resource.TestStep{
			{
				Config: testAccImageTagConfig(repo, "v1.4.2", img.Digest, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(tagAddr, tfjsonpath.New("id"), knownvalue.StringExact(repo+":v1.4.2")),
					statecheck.ExpectKnownValue(tagAddr, tfjsonpath.New("image_uri"), knownvalue.StringExact(repoURL(repo)+"@"+img.Digest)),
					statecheck.ExpectKnownValue(tagAddr, tfjsonpath.New("manifest_media_type"), knownvalue.StringExact(imageref.MediaTypeOCIManifest)),
					testAccCheckTagOn(t, repo, "v1.4.2", img.Digest),
				},
			},
			{
				// The guards change in place.
				Config: testAccImageTagConfig(repo, "v1.4.2", img.Digest, "allow_untag_last = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tagAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(tagAddr, tfjsonpath.New("allow_untag_last"), knownvalue.Bool(true)),
					testAccCheckTagOn(t, repo, "v1.4.2", img.Digest),
				},
			},
			{ResourceName: tagAddr, ImportState: true, ImportStateId: repo + ":v1.4.2", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"allow_untag_last"}},
			{ResourceName: tagAddr, ImportState: true, ImportStateId: "no-tag-here", ExpectError: errorText(`The import ID is repository:tag`)},
		},
	})
}

// The tag is removed outside Terraform (the image keeps its build tag): Read drops it from state
// and the plan puts it back on the same digest.
func TestAccImageTag_disappears(t *testing.T) {
	acctest.SetupBeforeTest(t)
	repo := acctest.RandomName("promo")
	acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityImmutable)
	img := acctest.SeedImage(t, repo, "build-7")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckImageTagDestroy(t, repo, img.Digest),
		Steps: []resource.TestStep{
			{Config: testAccImageTagConfig(repo, "v2.0.0", img.Digest, "")},
			{
				PreConfig: func() {
					if err := acctest.Client(t).RemoveTag(context.Background(), repo, "v2.0.0"); err != nil {
						t.Fatal(err)
					}
					if d, _ := tagDigest(t, repo, "v2.0.0"); d != "" {
						t.Fatalf("the tag is still on %s after removing it", d)
					}
				},
				Config: testAccImageTagConfig(repo, "v2.0.0", img.Digest, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tagAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckTagOn(t, repo, "v2.0.0", img.Digest)},
			},
		},
	})
}

func TestAccImageTag_multiArchIndex(t *testing.T) {
	acctest.SetupBeforeTest(t)
	repo := acctest.RandomName("promo")
	acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityImmutable)
	img := acctest.SeedMultiArchIndex(t, repo, "sha-abc123")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckImageTagDestroy(t, repo, img.Index.Digest),
		Steps: []resource.TestStep{{
			Config: testAccImageTagConfig(repo, "stable", img.Index.Digest, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tagAddr, tfjsonpath.New("manifest_media_type"), knownvalue.StringExact(imageref.MediaTypeOCIIndex)),
				testAccCheckTagOn(t, repo, "stable", img.Index.Digest),
				acctest.CheckAPI(tagAddr, func(ctx context.Context, _ map[string]any) error {
					m, err := acctest.Client(t).FindManifest(ctx, repo, img.Index.Digest)
					if err != nil {
						return err
					}
					if string(m.Body) != string(img.Index.Bytes) {
						return fmt.Errorf("the promoted index is not byte-identical")
					}
					return nil
				}),
			},
		}},
	})
}

// TestAccImageTag_crossRepository promotes a digest from a build repository to a release one.
func TestAccImageTag_crossRepository(t *testing.T) {
	acctest.SetupBeforeTest(t)
	src, dst := acctest.RandomName("builds"), acctest.RandomName("releases")
	acctest.CreateRepository(t, src, ecrtypes.ImageTagMutabilityMutable)
	acctest.CreateRepository(t, dst, ecrtypes.ImageTagMutabilityImmutable)
	img := acctest.SeedImage(t, src, "build-7")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckImageTagDestroy(t, src, img.Digest),
		Steps: []resource.TestStep{{
			Config: testAccImageTagConfig(dst, "v2.0.0", img.Digest, fmt.Sprintf(`source_repository = %q
  allow_untag_last  = true`, src)),
			ConfigStateChecks: []statecheck.StateCheck{testAccCheckTagOn(t, dst, "v2.0.0", img.Digest)},
		}},
	})
}

func TestAccImageTag_immutableConflict(t *testing.T) {
	acctest.SetupBeforeTest(t)
	repo := acctest.RandomName("promo")
	acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityImmutable)
	first := acctest.SeedImage(t, repo, "v1")
	other := acctest.SeedImage(t, repo, "v2")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      testAccImageTagConfig(repo, "v1", other.Digest, ""),
			PlanOnly:    true,
			ExpectError: errorText(`Tag v1 is already on ` + first.Digest + `, and it is immutable in ` + repo + ` (IMMUTABLE): it cannot be moved to ` + other.Digest),
		}},
	})
}

// TestAccImageTag_allowMove: in a mutable repository, moving a tag needs allow_move.
func TestAccImageTag_allowMove(t *testing.T) {
	acctest.SetupBeforeTest(t)
	repo := acctest.RandomName("promo")
	acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityMutable)
	old := acctest.SeedImage(t, repo, "prod")
	acctest.SeedImage(t, repo, "old-build")
	next := acctest.SeedImage(t, repo, "next-build")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckImageTagDestroy(t, repo, next.Digest),
		Steps: []resource.TestStep{
			{
				Config:      testAccImageTagConfig(repo, "prod", next.Digest, ""),
				ExpectError: errorText(`Tag prod is already on ` + old.Digest + `. Moving a tag changes what every consumer of ` + repo + `:prod pulls; set allow_move = true`),
			},
			{
				PreConfig: func() {
					if d, _ := tagDigest(t, repo, "prod"); d != old.Digest {
						t.Fatalf("the refused promotion moved prod to %s", d)
					}
				},
				Config:            testAccImageTagConfig(repo, "prod", next.Digest, "allow_move = true"),
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckTagOn(t, repo, "prod", next.Digest)},
			},
		},
	})
}

// TestAccImageTag_untagLastGuard: destroying the last tag of an image (which makes ECR delete
// the image) fails until allow_untag_last is set.
func TestAccImageTag_untagLastGuard(t *testing.T) {
	acctest.SetupBeforeTest(t)
	repo := acctest.RandomName("promo")
	acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityMutable)
	img := acctest.SeedImage(t, repo, "tmp")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckImageTagDestroy(t, repo, ""),
		Steps: []resource.TestStep{
			{Config: testAccImageTagConfig(repo, "release", img.Digest, "")},
			{
				PreConfig: func() {
					if err := acctest.Client(t).RemoveTag(context.Background(), repo, "tmp"); err != nil {
						t.Fatal(err)
					}
				},
				Config:      testAccImageTagConfig(repo, "release", img.Digest, ""),
				Destroy:     true,
				ExpectError: errorText(`release is the last tag of ` + img.Digest + `. ECR deletes an image when its last tag is removed`),
			},
			{
				PreConfig: func() {
					if d, _ := tagDigest(t, repo, "release"); d != img.Digest {
						t.Fatal("the refused destroy removed the tag")
					}
				},
				Config: testAccImageTagConfig(repo, "release", img.Digest, "allow_untag_last = true"),
			},
		},
	})
}

// TestAccImageTag_movedOutside: a tag moved to another digest outside Terraform is detected and
// the plan puts it back; a tag deleted outside is recreated.
func TestAccImageTag_movedOutside(t *testing.T) {
	acctest.SetupBeforeTest(t)
	repo := acctest.RandomName("promo")
	acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityMutable)
	img := acctest.SeedImage(t, repo, "build-1")
	other := acctest.SeedImage(t, repo, "build-2")
	cfg := testAccImageTagConfig(repo, "prod", img.Digest, "allow_move = true")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckImageTagDestroy(t, repo, img.Digest),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					if err := acctest.PutManifest(context.Background(), acctest.SDK(t), repo, "prod", other); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				// Moved back in place: no destroy (which would refuse: the last tag guard), no
				// replacement.
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tagAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(tagAddr, tfjsonpath.New("digest"), knownvalue.StringExact(img.Digest)),
					plancheck.ExpectKnownValue(tagAddr, tfjsonpath.New("current_digest"), knownvalue.StringExact(img.Digest)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckTagOn(t, repo, "prod", img.Digest),
					acctest.CheckAPI(tagAddr, func(context.Context, map[string]any) error {
						if _, tags := tagDigest(t, repo, "build-2"); !slices.Contains(tags, "build-2") {
							return fmt.Errorf("restoring prod must not touch build-2")
						}
						return nil
					}),
				},
			},
			{
				PreConfig: func() {
					if err := acctest.Client(t).RemoveTag(context.Background(), repo, "prod"); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tagAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckTagOn(t, repo, "prod", img.Digest)},
			},
		},
	})
}

// TestAccImageTag_digestChange: changing digest is a move. In an IMMUTABLE repository it fails at
// plan, with or without allow_move, and the tag stays; in a mutable repository it needs
// allow_move, and then the tag moves in place with one PutImage and the old image is kept.
func TestAccImageTag_digestChange(t *testing.T) {
	acctest.SetupBeforeTest(t)
	locked, open := acctest.RandomName("promo"), acctest.RandomName("promo")
	acctest.CreateRepository(t, locked, ecrtypes.ImageTagMutabilityImmutable)
	acctest.CreateRepository(t, open, ecrtypes.ImageTagMutabilityMutable)
	v1, v2 := acctest.SeedImage(t, locked, "build-1"), acctest.SeedImage(t, locked, "build-2")
	o1, o2 := acctest.SeedImage(t, open, "build-1"), acctest.SeedImage(t, open, "build-2")
	proxy := acctest.StartProxy(t)
	cfg := func(repo, digest, extra string) string {
		return proxy.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_image_tag" "test" {
  repository = %[1]q
  tag        = "v1.0.0"
  digest     = %[2]q
  %[3]s
}
`, repo, digest, extra)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckImageTagDestroy(t, open, o2.Digest),
		Steps: []resource.TestStep{
			{Config: cfg(locked, v1.Digest, "")},
			{
				Config:      cfg(locked, v2.Digest, ""),
				ExpectError: errorText(`Changing digest moves tag v1.0.0 from ` + v1.Digest + ` to ` + v2.Digest + `: every consumer of ` + locked + `:v1.0.0 would pull other bits. Set allow_move = true`),
			},
			{
				Config:      cfg(locked, v2.Digest, "allow_move = true"),
				ExpectError: errorText(`Tags in ` + locked + ` are immutable (IMMUTABLE): v1.0.0 stays on ` + v1.Digest),
			},
			{
				PreConfig: func() {
					if d, _ := tagDigest(t, locked, "v1.0.0"); d != v1.Digest {
						t.Fatalf("a refused plan moved the tag to %s", d)
					}
				},
				Config: cfg(locked, v1.Digest, "allow_untag_last = true"),
			},
			{
				// Another repository: a replacement, which is not a move.
				Config: cfg(open, o1.Digest, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tagAddr, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectKnownValue(tagAddr, tfjsonpath.New("image_uri"), knownvalue.StringExact(repoURL(open)+"@"+o1.Digest)),
				}},
			},
			{
				PreConfig: proxy.Reset,
				Config:    cfg(open, o2.Digest, "allow_move = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tagAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(tagAddr, tfjsonpath.New("image_uri"), knownvalue.StringExact(repoURL(open)+"@"+o2.Digest)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckTagOn(t, open, "v1.0.0", o2.Digest),
					acctest.CheckAPI(tagAddr, func(context.Context, map[string]any) error {
						if n := proxy.Calls("PutImage"); n != 1 {
							return fmt.Errorf("PutImage calls = %d, want 1", n)
						}
						if n := proxy.Calls("BatchDeleteImage"); n != 0 {
							return fmt.Errorf("the move deleted something (%d BatchDeleteImage calls)", n)
						}
						if d, _ := tagDigest(t, open, "build-1"); d != o1.Digest {
							return fmt.Errorf("the image the tag left is gone")
						}
						return nil
					}),
				},
			},
		},
	})
}

func TestAccImageTag_badInput(t *testing.T) {
	acctest.SetupBeforeTest(t)
	repo := acctest.RandomName("promo")
	acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityImmutable)
	img := acctest.SeedImage(t, repo, "v1")
	absent := acctest.ImageManifest(t, nil).Digest
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckImageTagDestroy(t, repo, img.Digest),
		Steps: []resource.TestStep{
			{Config: testAccImageTagConfig(repo, ".bad", img.Digest, ""), PlanOnly: true, ExpectError: errorText(`".bad" is not a valid image tag`)},
			{Config: testAccImageTagConfig(repo, "v2", "sha256:123", ""), PlanOnly: true, ExpectError: errorText(`"sha256:123" is not a valid image digest`)},
			{Config: testAccImageTagConfig(repo, "v2", absent, ""), PlanOnly: true, ExpectError: errorText(absent + ` is not in ` + repo + `. The digest must already be there`)},
			{Config: testAccImageTagConfig(acctest.RandomName("norepo"), "v2", img.Digest, ""), PlanOnly: true, ExpectError: errorText(`does not exist. Create it first`)},
		},
	})
}
