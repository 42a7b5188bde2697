package sweep_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/sweep"
)

// The sweeper against the emulator: a dry run deletes nothing and says what it would; a run
// deletes exactly the prefixed leftovers older than the bound, images and all, and leaves the
// rest; a bound younger than everything sweeps nothing.
func TestAccSweep(t *testing.T) {
	acctest.SetupBeforeTest(t)
	acctest.RequiresEmulator(t, "creates leftovers on purpose, with their own prefix")
	ctx := context.Background()
	client := acctest.Client(t)
	// A prefix of this test's own, so that a parallel test's repositories are never swept.
	prefix := acctest.RandomName("sweep") + "-"
	old1, old2, other := prefix+"a", prefix+"b", "keep-"+acctest.RandomName("sweep")
	for _, name := range []string{old1, old2, other} {
		acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutable)
	}
	acctest.SeedImage(t, old1, "v1")
	role, keepRole := "arn:aws:iam::123456789012:role/"+prefix+"scanner", "arn:aws:iam::123456789012:role/keep-scanner-"+prefix
	for _, arn := range []string{role, keepRole} {
		if err := client.RegisterPullTimeExclusion(ctx, arn); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = client.DeregisterPullTimeExclusion(ctx, arn) })
	}
	oldTemplate, keepTemplate := prefix+"tpl", "keep-"+prefix+"tpl"
	for _, p := range []string{oldTemplate, keepTemplate} {
		if _, err := client.CreateCreationTemplate(ctx, ecrapi.CreationTemplateSpec{Prefix: p, AppliedFor: []string{"REPLICATION"}, TagMutability: "IMMUTABLE"}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = client.DeleteCreationTemplate(ctx, p) })
	}
	exists := func(name string) bool {
		_, err := client.FindRepositoryByName(ctx, name)
		return err == nil
	}

	if r, err := sweep.Run(ctx, client, sweep.Options{Prefix: prefix, OlderThan: time.Hour}); err != nil || len(r.Repositories)+len(r.PullTimeExclusions) != 1 {
		t.Fatalf("a 1h bound swept %+v, %v; want only the exclusion (it has no age)", r, err)
	}
	if err := client.RegisterPullTimeExclusion(ctx, role); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	r, err := sweep.Run(ctx, client, sweep.Options{Prefix: prefix, DryRun: true, Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(r.Repositories)
	if !slices.Equal(r.Repositories, []string{old1, old2}) || !slices.Equal(r.PullTimeExclusions, []string{role}) || !slices.Equal(r.CreationTemplates, []string{oldTemplate}) {
		t.Fatalf("dry run reported %+v", r)
	}
	if !exists(old1) || !exists(old2) || !strings.Contains(out.String(), "would delete repository "+old1) {
		t.Fatalf("the dry run deleted something or said nothing:\n%s", out.String())
	}

	out.Reset()
	if _, err := sweep.Run(ctx, client, sweep.Options{Prefix: prefix, Out: &out}); err != nil {
		t.Fatal(err)
	}
	if exists(old1) || exists(old2) || !exists(other) {
		t.Fatalf("after the sweep: %s %v, %s %v, %s %v; want only the unprefixed one left", old1, exists(old1), old2, exists(old2), other, exists(other))
	}
	if err := client.FindPullTimeExclusionByPrincipal(ctx, role); !ecrapi.IsNotFound(err) {
		t.Errorf("the prefixed exclusion survived: %v", err)
	}
	if err := client.FindPullTimeExclusionByPrincipal(ctx, keepRole); err != nil {
		t.Errorf("an exclusion without the prefix was swept: %v", err)
	}
	if _, err := client.FindCreationTemplateByPrefix(ctx, oldTemplate); !ecrapi.IsNotFound(err) {
		t.Errorf("the prefixed template survived: %v", err)
	}
	if _, err := client.FindCreationTemplateByPrefix(ctx, keepTemplate); err != nil {
		t.Errorf("a template without the prefix was swept: %v", err)
	}
	if !strings.Contains(out.String(), "deleted 2 repositories, 1 repository creation templates and 1 pull time update exclusions") {
		t.Errorf("summary:\n%s", out.String())
	}
}
