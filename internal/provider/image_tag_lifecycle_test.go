package provider_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// A release tag is re-pointed by the destroy-then-create path (a renamed resource, a for_each
// key change, -replace, a move into a module) only where the update path would move it: never
// where the tag is immutable, and with allow_move where it is mutable. The create plan refuses
// it on tag, and the tag stays where it was.

const releaseTag = "v9.9.9"

// takenTagRepos are the three kinds of repository: where the release tag is immutable (plainly,
// and under exclusion filters that do not match it) and where it is mutable.
var takenTagRepos = []struct {
	mode    ecrtypes.ImageTagMutability
	filters []string
}{
	{ecrtypes.ImageTagMutabilityImmutable, nil},
	{ecrtypes.ImageTagMutabilityImmutableWithExclusion, []string{"latest*"}},
	{ecrtypes.ImageTagMutabilityMutable, nil},
}

// tagPath renders the configuration before (second = false) and after the destroy-then-create
// change, promoting digest.
type tagPath struct {
	name   string
	config func(t *testing.T, repo, digest, extra string, second bool) string
	taint  bool // the second step is a -replace of the unchanged address
	module bool // the configuration has a module, which must be installed
}

func releaseResource(name, repo, digest, extra string) string {
	return fmt.Sprintf(`
resource "ecrgov_image_tag" %[1]q {
  repository = %[2]q
  tag        = %[5]q
  digest     = %[3]q
  %[4]s
}
`, name, repo, digest, extra, releaseTag)
}

var tagPaths = []tagPath{
	{name: "rename", config: func(_ *testing.T, repo, digest, extra string, second bool) string {
		name := "release"
		if second {
			name = "release_v2"
		}
		return acctest.ProviderConfig() + releaseResource(name, repo, digest, extra)
	}},
	{name: "forEachKey", config: func(_ *testing.T, repo, digest, extra string, second bool) string {
		key := "a"
		if second {
			key = "b"
		}
		return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_image_tag" "release" {
  for_each   = toset([%[4]q])
  repository = %[1]q
  tag        = %[5]q
  digest     = %[2]q
  %[3]s
}
`, repo, digest, extra, key, releaseTag)
	}},
	{name: "replace", taint: true, config: func(_ *testing.T, repo, digest, extra string, _ bool) string {
		return acctest.ProviderConfig() + releaseResource("release", repo, digest, extra)
	}},
	{name: "moduleMove", module: true, config: func(t *testing.T, repo, digest, extra string, second bool) string {
		if !second {
			return acctest.ProviderConfig() + releaseResource("release", repo, digest, extra)
		}
		return acctest.ProviderConfig() + fmt.Sprintf(`
module "release" {
  source = %[1]q
}
`, releaseModule(t, repo, digest, extra))
	}},
}

// requiredProviders names the provider as the test framework serves it; a module, and a
// configuration given as a directory, must say it themselves.
func requiredProviders() string {
	namespace := os.Getenv("TF_ACC_PROVIDER_NAMESPACE")
	if namespace == "" {
		namespace = "hashicorp"
	}
	return fmt.Sprintf("terraform {\n  required_providers {\n    ecrgov = { source = %q }\n  }\n}\n", "registry.terraform.io/"+namespace+"/ecrgov")
}

// configDirectory writes cfg into a directory of its own and returns its path.
func configDirectory(t *testing.T, cfg string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(requiredProviders()+cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// releaseModule writes a module holding the release resource and returns its absolute path
// (the framework copies no directories into its working directory).
func releaseModule(t *testing.T, repo, digest, extra string) string {
	t.Helper()
	return configDirectory(t, releaseResource("release", repo, digest, extra))
}

func TestAccImageTag_createOnTakenTag(t *testing.T) {
	for _, p := range tagPaths {
		for _, r := range takenTagRepos {
			t.Run(p.name+"/"+string(r.mode), func(t *testing.T) { testAccImageTagCreateOnTakenTag(t, p, r.mode, r.filters) })
		}
	}
}

// testAccImageTagCreateOnTakenTag promotes A to the release tag, then takes path p to put it
// on B: refused at plan on tag, with the tag still on A. Where the tag is immutable, the same
// path with digest A applies (destroy keeps the tag, create finds it in place); where it is
// mutable, allow_move lets it move to B.
func testAccImageTagCreateOnTakenTag(t *testing.T, p tagPath, mode ecrtypes.ImageTagMutability, filters []string) {
	acctest.SetupBeforeTest(t)
	repo := acctest.RandomName("taken")
	acctest.CreateRepository(t, repo, mode, filters...)
	a, b := acctest.SeedImage(t, repo, "build-a"), acctest.SeedImage(t, repo, "build-b")
	immutable := mode != ecrtypes.ImageTagMutabilityMutable
	var taint []string
	if p.taint {
		taint = []string{"ecrgov_image_tag.release"}
	}
	want := `Tag ` + releaseTag + ` is already on ` + a.Digest + `. Moving a tag changes what every consumer of ` + repo + `:` + releaseTag +
		` pulls; set allow_move = true to move it to ` + b.Digest + ` on purpose.`
	last := resource.TestStep{Config: p.config(t, repo, b.Digest, "allow_move = true", true), Taint: taint}
	finalDigest := b.Digest
	if immutable {
		want = `Tag ` + releaseTag + ` is already on ` + a.Digest + `, and it is immutable in ` + repo + ` (` + string(mode) + `): it cannot be moved to ` + b.Digest + `.`
		last = resource.TestStep{Config: p.config(t, repo, a.Digest, "", true), Taint: taint}
		finalDigest = a.Digest
	}
	last.PreConfig = func() {
		if d, _ := tagDigest(t, repo, releaseTag); d != a.Digest {
			t.Fatalf("a refused plan moved %s to %q", releaseTag, d)
		}
	}
	last.ConfigStateChecks = []statecheck.StateCheck{acctest.CheckAPI(firstTagAddress(p), func(context.Context, map[string]any) error {
		if d, _ := tagDigest(t, repo, releaseTag); d != finalDigest {
			return fmt.Errorf("%s is on %q, want %s", releaseTag, d, finalDigest)
		}
		return nil
	})}
	// Destroyed by an empty configuration (the test framework cannot read for_each state back
	// for CheckDestroy): an immutable tag stays where it is, a mutable one goes.
	destroyed := resource.TestStep{Config: acctest.ProviderConfig(), ConfigStateChecks: []statecheck.StateCheck{apiOutcome(func() error {
		d, _ := tagDigest(t, repo, releaseTag)
		if immutable && d != finalDigest {
			return fmt.Errorf("destroy must keep the immutable %s on %s; it is on %q", releaseTag, finalDigest, d)
		}
		if !immutable && d != "" {
			return fmt.Errorf("destroy must remove the mutable %s; it is on %s", releaseTag, d)
		}
		return nil
	})}}
	steps := []resource.TestStep{
		{Config: p.config(t, repo, a.Digest, "", false)},
		{Config: p.config(t, repo, b.Digest, "", true), Taint: taint, ExpectError: errorText(want + ` To manage the existing tag, import it`)},
		last,
		destroyed,
	}
	if !p.module {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             testAccCheckImageTagDestroy(t, repo, ""),
			Steps:                    steps,
		})
		return
	}
	// The framework installs modules only in the init it runs for a step with its own providers,
	// and only for a configuration given as a directory.
	for i := range steps {
		steps[i].ProtoV6ProviderFactories = acctest.ProtoV6ProviderFactories
		steps[i].ConfigDirectory = config.StaticDirectory(configDirectory(t, steps[i].Config))
		steps[i].Config = ""
	}
	resource.ParallelTest(t, resource.TestCase{CheckDestroy: testAccCheckImageTagDestroy(t, repo, ""), Steps: steps})
}

// apiOutcome is a state check that asks only the API, for outcomes after a resource has left
// the state.
type apiOutcome func() error

func (f apiOutcome) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

// firstTagAddress is the address of the release resource after path p.
func firstTagAddress(p tagPath) string {
	switch p.name {
	case "rename":
		return "ecrgov_image_tag.release_v2"
	case "forEachKey":
		return `ecrgov_image_tag.release["b"]`
	case "moduleMove":
		return "module.release.ecrgov_image_tag.release"
	}
	return "ecrgov_image_tag.release"
}

// planDestroy plans the destroy of state and returns the plan's diagnostics.
func (s *protocolServer) planDestroy(typeName string, state tftypes.Value) string {
	s.t.Helper()
	typ := s.resourceType(typeName)
	prior, err := tfprotov6.NewDynamicValue(typ, state)
	if err != nil {
		s.t.Fatal(err)
	}
	resp, err := s.server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: &prior, ProposedNewState: nullDynamicValue(s.t, typ), Config: nullDynamicValue(s.t, typ),
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return diagnosticsText(resp.Diagnostics)
}

// TestAccImageTag_destroyKeepsImmutableTag: destroying a tag that is immutable in its repository
// leaves it in ECR, and the plan says so; delete_tag_on_destroy removes it; a mutable tag is
// removed without a warning.
func TestAccImageTag_destroyKeepsImmutableTag(t *testing.T) {
	acctest.SetupBeforeTest(t)
	locked, open := acctest.RandomName("keep"), acctest.RandomName("keep")
	acctest.CreateRepository(t, locked, ecrtypes.ImageTagMutabilityImmutableWithExclusion, "latest*")
	acctest.CreateRepository(t, open, ecrtypes.ImageTagMutabilityMutable)
	img, other := acctest.SeedImage(t, locked, "build-1"), acctest.SeedImage(t, open, "build-1")
	s := newProtocolServer(t, acctest.Endpoint())
	const typeName = "ecrgov_image_tag"
	for _, tc := range []struct {
		repo, tag, digest string
		deleteTag         bool
		kept              bool
	}{
		{locked, "v1.0.0", img.Digest, false, true},
		{locked, "v1.0.1", img.Digest, true, false},
		{locked, "latest-main", img.Digest, false, false}, // excluded, so mutable
		{open, "v1.0.0", other.Digest, false, false},
	} {
		state := s.apply(typeName, tftypes.NewValue(s.resourceType(typeName), nil), map[string]tftypes.Value{
			"repository": tfString(tc.repo), "tag": tfString(tc.tag), "digest": tfString(tc.digest), "delete_tag_on_destroy": tfBool(tc.deleteTag),
		})
		warned := strings.Contains(s.planDestroy(typeName, state), "so destroy leaves it on "+tc.digest)
		if warned != tc.kept {
			t.Errorf("%s:%s: destroy plan warned = %v, want %v", tc.repo, tc.tag, warned, tc.kept)
		}
		s.apply(typeName, state, nil)
		d, _ := tagDigest(t, tc.repo, tc.tag)
		if kept := d == tc.digest; kept != tc.kept {
			t.Errorf("%s:%s: after destroy the tag is on %q; kept = %v, want %v", tc.repo, tc.tag, d, kept, tc.kept)
		}
	}
}

// TestAccImageTag_archivedPromotedDigest: once the promoted digest is archived, refresh records
// it, the plan warns that the tag cannot be pulled, and restore_archived plans an in-place update
// that restores it.
func TestAccImageTag_archivedPromotedDigest(t *testing.T) {
	acctest.SetupBeforeTest(t)
	repo := acctest.RandomName("archived")
	acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityImmutable)
	img := acctest.SeedImage(t, repo, "build-1")
	s := newProtocolServer(t, acctest.Endpoint())
	const typeName = "ecrgov_image_tag"
	config := map[string]tftypes.Value{"repository": tfString(repo), "tag": tfString("release"), "digest": tfString(img.Digest)}
	state := s.apply(typeName, tftypes.NewValue(s.resourceType(typeName), nil), config)
	ctx := context.Background()
	if _, err := acctest.Client(t).UpdateImageStorageClass(ctx, repo, img.Digest, ecrapi.StorageClassArchive); err != nil {
		t.Fatal(err)
	}
	state = s.read(typeName, state)
	if got := stateString(t, state, "digest_status"); got != ecrapi.ImageStatusArchived {
		t.Fatalf("digest_status after refresh = %q, want ARCHIVED", got)
	}
	plan := s.planChange(typeName, state, config)
	if text := diagnosticsText(plan.Diagnostics); !strings.Contains(text, "is ARCHIVED: every pull of "+repo+":release answers 404") {
		t.Fatalf("plan of an archived promoted digest: diagnostics = %q, want a warning that it cannot be pulled", text)
	}
	config["restore_archived"] = tfBool(true)
	plan = s.planChange(typeName, state, config)
	planned, err := plan.PlannedState.Unmarshal(s.resourceType(typeName))
	if err != nil {
		t.Fatal(err)
	}
	if got := stateString(t, planned, "digest_status"); got != ecrapi.ImageStatusActive {
		t.Fatalf("planned digest_status with restore_archived = %q, want ACTIVE", got)
	}
	state = s.apply(typeName, state, config)
	got, err := acctest.Client(t).FindImage(ctx, repo, ecrapi.ImageID{Digest: img.Digest})
	if err != nil || got.Status != ecrapi.ImageStatusActive {
		t.Fatalf("after the update with restore_archived the image is %v (%v), want ACTIVE", got, err)
	}
	if got := stateString(t, state, "digest_status"); got != ecrapi.ImageStatusActive {
		t.Fatalf("digest_status after the restore = %q, want ACTIVE", got)
	}
}

func stateString(t *testing.T, v tftypes.Value, name string) string {
	t.Helper()
	attrs := map[string]tftypes.Value{}
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return stringOf(t, attrs[name])
}
