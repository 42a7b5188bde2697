package provider_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

// chaosFaults are the faults of the issue that set the defaults: 30 % throttling and 10 % server
// errors before ECR acts, and 10 % of answers lost after it acted, on every operation, creates
// included.
var chaosFaults = acctest.Faults{Throttle: 0.3, ServerErr: 0.1, Lost: 0.1}

// chaosSeed is the fault sequence's seed: 1 in `make test`; ECRGOV_CHAOS_SEED replays another
// (scripts/bench-faults.sh runs several).
func chaosSeed(t *testing.T) int64 {
	seed := int64(1)
	if v := os.Getenv("ECRGOV_CHAOS_SEED"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("ECRGOV_CHAOS_SEED=%q: %v", v, err)
		}
		seed = n
	}
	return seed
}

// TestAccReliability_chaos applies, updates, refreshes and destroys 100 resources (30
// repositories, 30 lifecycle policies, 20 mutability overlays on repositories created elsewhere,
// 20 image tags) through chaosFaults with the default provider block: no retry settings. After
// every step the registry and the state agree for the test's prefix (chaosOracle): no orphan,
// no ghost. A fault-free plan after the faulty steps is empty, so nothing needs a manual step.
func TestAccReliability_chaos(t *testing.T) {
	acctest.SetupBeforeTest(t)
	prefix := acctest.RandomName("chaos")
	const managed, governed = 30, 20
	digests := make([]string, governed)
	for i := range governed {
		name := fmt.Sprintf("%s/ext-%02d", prefix, i)
		acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityMutable)
		digests[i] = acctest.SeedImage(t, name, "build").Digest
	}
	proxy := acctest.StartProxy(t)
	proxy.SeedFaults(chaosSeed(t))
	proxy.InjectFaults("", chaosFaults)
	oracle := chaosOracle{t: t, prefix: prefix, governed: governed, digests: digests}

	quoted := make([]string, len(digests))
	for i, d := range digests {
		quoted[i] = fmt.Sprintf("%q", d)
	}
	config := func(round int, mode, filters string) string {
		return proxy.ProviderConfig() + fmt.Sprintf(`
locals {
  digests = [%[4]s]
}

resource "ecrgov_repository" "r" {
  count = %[2]d
  name  = format("%[1]s/managed-%%02d", count.index)
  tags  = { index = tostring(count.index), round = "%[5]d" }
}

resource "ecrgov_lifecycle_policy" "r" {
  count      = %[2]d
  repository = ecrgov_repository.r[count.index].name
  rule {
    priority = 1
    selection {
      tag_status   = "untagged"
      count_type   = "sinceImagePushed"
      count_unit   = "days"
      count_number = %[5]d
    }
    action {
      type = "expire"
    }
  }
}

resource "ecrgov_repository_tag_mutability" "g" {
  count                                  = %[3]d
  repository                             = format("%[1]s/ext-%%02d", count.index)
  image_tag_mutability                   = %[6]q
  image_tag_mutability_exclusion_filters = %[7]s
  restore_on_destroy                     = true
}

resource "ecrgov_image_tag" "g" {
  count      = %[3]d
  repository = format("%[1]s/ext-%%02d", count.index)
  digest     = local.digests[count.index]
  tag        = "release"
  # The oracle expects destroy to remove the release tags, immutable ones included.
  delete_tag_on_destroy = true
  depends_on            = [ecrgov_repository_tag_mutability.g]
}
`, prefix, managed, governed, strings.Join(quoted, ", "), round, mode, filters)
	}
	first, second := config(7, "IMMUTABLE", "null"), config(14, "IMMUTABLE_WITH_EXCLUSION", `["latest*"]`)

	// Parallel with the rest of the suite: most of this test is backoff.
	t.Parallel()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return oracle.agrees(nil) },
		Steps: []resource.TestStep{
			{Config: first, ConfigStateChecks: []statecheck.StateCheck{oracle}},
			{
				// Every resource changes in place: tags, policies, overlays.
				Config: second,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("ecrgov_repository.r[0]", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("ecrgov_lifecycle_policy.r[0]", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("ecrgov_repository_tag_mutability.g[0]", plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{oracle},
			},
			{
				// Without faults, the next plan is empty: nothing was left for a person to fix.
				PreConfig: proxy.ClearFaults,
				Config:    second,
				PlanOnly:  true,
			},
			{
				// The faults come back: a refresh through them finds nothing changed, and the
				// destroy that ends the test goes through them too (checked by CheckDestroy).
				PreConfig: func() { proxy.InjectFaults("", chaosFaults) },
				Config:    second,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				ConfigStateChecks: []statecheck.StateCheck{oracle},
			},
		},
	})
	injected := proxy.Injected()
	t.Logf("chaos: seed %d, faults injected %v, calls %v", chaosSeed(t), injected, proxy.AllCalls())
	for _, kind := range []string{"throttle", "5xx", "lost"} {
		if injected[kind] == 0 {
			t.Errorf("no %s faults were injected: %v", kind, injected)
		}
	}
}

// chaosOracle compares the registry with the state for the test's prefix. The state says what
// exists; the registry must hold exactly that: managed repositories with their tags and policies,
// overlays with their mode, release tags on their digests. Repositories created elsewhere that
// the state no longer governs are back to MUTABLE (restore_on_destroy) with no release tag, and
// keep their image.
type chaosOracle struct {
	t        *testing.T
	prefix   string
	governed int
	digests  []string
}

func (o chaosOracle) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	var resources []*tfjson.StateResource
	if req.State != nil && req.State.Values != nil && req.State.Values.RootModule != nil {
		resources = req.State.Values.RootModule.Resources
	}
	resp.Error = o.agrees(resources)
}

func (o chaosOracle) agrees(state []*tfjson.StateResource) error {
	ctx := context.Background()
	client := acctest.Client(o.t)
	str := func(r *tfjson.StateResource, attr string) string { s, _ := r.AttributeValues[attr].(string); return s }

	wantRepos := map[string]*tfjson.StateResource{}
	wantPolicies := map[string]string{}
	wantModes := map[string]string{}
	wantTags := map[string]string{}
	for _, r := range state {
		switch r.Type {
		case "ecrgov_repository":
			wantRepos[str(r, "name")] = r
		case "ecrgov_lifecycle_policy":
			wantPolicies[str(r, "repository")] = str(r, "policy_json")
		case "ecrgov_repository_tag_mutability":
			wantModes[str(r, "repository")] = str(r, "image_tag_mutability")
		case "ecrgov_image_tag":
			wantTags[str(r, "repository")] = str(r, "digest")
		}
	}

	all, err := client.ListRepositories(ctx)
	if err != nil {
		return err
	}
	registry := map[string]ecrapi.Repository{}
	var orphans []string
	for _, r := range all {
		if !strings.HasPrefix(r.Name, o.prefix+"/") {
			continue
		}
		registry[r.Name] = r
		if strings.HasPrefix(r.Name, o.prefix+"/managed-") && wantRepos[r.Name] == nil {
			orphans = append(orphans, r.Name)
		}
	}
	if len(orphans) > 0 {
		slices.Sort(orphans)
		return fmt.Errorf("orphans: %v are in the registry but not in state", orphans)
	}
	for name, r := range wantRepos {
		repo, ok := registry[name]
		if !ok {
			return fmt.Errorf("ghost: %s is in state but not in the registry", name)
		}
		tags, err := client.FindRepositoryTags(ctx, repo.ARN)
		if err != nil {
			return err
		}
		want, _ := r.AttributeValues["tags"].(map[string]any)
		if fmt.Sprint(tags) != fmt.Sprint(want) {
			return fmt.Errorf("%s tags = %v in the registry, %v in state", name, tags, want)
		}
		text, err := client.FindLifecyclePolicyByRepository(ctx, name)
		policy, inState := wantPolicies[name]
		switch {
		case ecrapi.IsNotFound(err) && inState:
			return fmt.Errorf("ghost: the lifecycle policy of %s is in state but not in the registry", name)
		case err == nil && !inState:
			return fmt.Errorf("orphan: %s has a lifecycle policy that is not in state", name)
		case err != nil && !ecrapi.IsNotFound(err):
			return err
		case inState && !lifecycle.EquivalentJSON(text, policy):
			return fmt.Errorf("%s policy = %s in the registry, %s in state", name, text, policy)
		}
	}
	for i := range o.governed {
		name := fmt.Sprintf("%s/ext-%02d", o.prefix, i)
		repo, ok := registry[name]
		if !ok {
			return fmt.Errorf("%s, created outside Terraform, is gone", name)
		}
		wantMode, governed := wantModes[name]
		if !governed {
			wantMode = "MUTABLE"
		}
		if repo.TagMutability != wantMode {
			return fmt.Errorf("%s mutability = %s in the registry, want %s", name, repo.TagMutability, wantMode)
		}
		if got, _ := tagDigest(o.t, name, "release"); got != wantTags[name] {
			return fmt.Errorf("%s:release is on %q in the registry, %q in state", name, got, wantTags[name])
		}
		if got, _ := tagDigest(o.t, name, "build"); got != o.digests[i] {
			return fmt.Errorf("%s:build is on %q: the image must outlive the release tag", name, got)
		}
	}
	return nil
}
