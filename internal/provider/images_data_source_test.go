package provider_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

func TestAccImagesDataSource_filters(t *testing.T) {
	name := acctest.RandomName("imgs")
	var s *seededImages
	future := time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testAccImagesConfig(name, `tag_status = "SOME"`), ExpectError: errorText(`tag_status value must be one of`)},
			{Config: testAccImagesConfig(name, `pushed_after = "yesterday"`), ExpectError: errorText(`"yesterday" is not an RFC 3339 timestamp`)},
			{Config: testAccImagesConfig(name, `limit = 0`), ExpectError: errorText(`limit value must be at least 1`)},
			{Config: testAccImagesConfig(name, "tag_status = \"untagged\"\n  tag_pattern = \"v*\""), ExpectError: errorText(`tag_pattern contradicts tag_status`)},
			{
				PreConfig: func() { s = seedImageRepository(t, name) },
				// v1, v2, an untagged image, and an index (tagged multi) over 3 untagged manifests.
				Config: testAccImagesConfig(name, ``) + testAccImagesConfigNamed("tagged", name, `tag_status = "TAGGED"`) +
					testAccImagesConfigNamed("untagged", name, `tag_status = "untagged"`) + testAccImagesConfigNamed("releases", name, `tag_pattern = "v*"`) +
					testAccImagesConfigNamed("newest", name, `limit = 1`) + testAccImagesConfigNamed("future", name, fmt.Sprintf(`pushed_after = %q`, future)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.ecrgov_images.test", tfjsonpath.New("images"), knownvalue.ListSizeExact(7)),
					statecheck.ExpectKnownValue("data.ecrgov_images.tagged", tfjsonpath.New("images"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownValue("data.ecrgov_images.untagged", tfjsonpath.New("images"), knownvalue.ListSizeExact(4)),
					// Newest first: v2 was pushed after v1.
					statecheck.ExpectKnownValue("data.ecrgov_images.releases", tfjsonpath.New("images"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"digest": lazy(func() string { return s.v2.Digest }),
							"tags":      knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("v2")}),
							"image_uri": lazy(func() string { return repoURL(name) + "@" + s.v2.Digest }), "image_status": knownvalue.StringExact("ACTIVE")}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"digest": lazy(func() string { return s.v1.Digest })}),
					})),
					statecheck.ExpectKnownValue("data.ecrgov_images.newest", tfjsonpath.New("images"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"digest": lazy(func() string { return s.multi.Index.Digest })}),
					})),
					statecheck.ExpectKnownValue("data.ecrgov_images.future", tfjsonpath.New("images"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

func testAccImagesConfig(name, args string) string {
	return acctest.ProviderConfig() + testAccImagesConfigNamed("test", name, args)
}

func testAccImagesConfigNamed(label, name, args string) string {
	return fmt.Sprintf(`
data "ecrgov_images" %[1]q {
  repository = %[2]q
  %[3]s
}
`, label, name, args)
}
