package provider_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// keepOneRelease keeps the newest v* image.
const keepOneRelease = `{"rules":[{"rulePriority":1,"description":"keep the newest release","selection":{"tagStatus":"tagged","tagPatternList":["v*"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}`

// TestAccLifecyclePolicy_maxAffectedImages: the guard fails the plan when the policy would act
// on more images than allowed, before anything is changed, and lets it through otherwise.
func TestAccLifecyclePolicy_maxAffectedImages(t *testing.T) {
	name := acctest.RandomName("guard")
	config := func(limit int) string {
		return acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_lifecycle_policy" "test" {
  repository          = %[1]q
  policy              = %[2]q
  max_affected_images = %[3]d
}
`, name, keepOneRelease, limit)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckLifecyclePolicyDestroy(t),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityImmutable)
					for _, tag := range []string{"v1", "v2", "v3"} {
						acctest.SeedImage(t, name, tag)
					}
				},
				Config:      config(1),
				ExpectError: errorText(`would expire 2 images and archive 0 of the 3 in the repository`),
			},
			{
				// The failed plan changed nothing: the repository still has no policy.
				PreConfig: func() { testAccCheckNoLifecyclePolicy(t, name) },
				Config:    config(2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("max_affected_images"), knownvalue.Int64Exact(2)),
					testAccCheckLifecyclePolicyAPI(t, keepOneRelease),
				},
			},
		},
	})
}

func testAccCheckNoLifecyclePolicy(t *testing.T, repo string) {
	t.Helper()
	if _, err := findPolicy(t, repo); err == nil {
		t.Fatalf("%s has a lifecycle policy after a plan that failed", repo)
	}
}

// TestAccLifecyclePolicy_planWarning captures the plan's diagnostics by calling the provider's
// PlanResourceChange directly: the warning says how many images the policy would expire and
// names them.
func TestAccLifecyclePolicy_planWarning(t *testing.T) {
	if !acctestEnabled() {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	name := acctest.RandomName("warn")
	acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityImmutable)
	var digests []string
	for _, tag := range []string{"v1", "v2", "v3"} {
		digests = append(digests, acctest.SeedImage(t, name, tag).Digest)
	}

	ctx := context.Background()
	ps := newProtocolServer(t, acctest.Endpoint())
	server, schemas := ps.server, ps.schemas
	policyType := objectType(t, schemas.ResourceSchemas["ecrgov_lifecycle_policy"])
	ruleList := policyType.AttributeTypes["rule"]
	cfg := map[string]tftypes.Value{
		"repository": tftypes.NewValue(tftypes.String, name),
		"policy":     tftypes.NewValue(tftypes.String, keepOneRelease),
		"rule":       tftypes.NewValue(ruleList, []tftypes.Value{}),
	}
	proposed := map[string]tftypes.Value{
		"id":          tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"policy_json": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
	}
	for k, v := range cfg {
		proposed[k] = v
	}
	plan, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName:         "ecrgov_lifecycle_policy",
		PriorState:       nullDynamicValue(t, policyType),
		ProposedNewState: dynamicValue(t, policyType, proposed),
		Config:           dynamicValue(t, policyType, cfg),
	})
	if err != nil {
		t.Fatal(err)
	}
	text := diagnosticsText(plan.Diagnostics)
	for _, want := range []string{"WARNING lifecycle policy (" + name + ") will act on images", "would expire 2 images and archive 0 of the 3"} {
		if !strings.Contains(text, want) {
			t.Errorf("plan diagnostics lack %q:\n%s", want, text)
		}
	}
	// The three were pushed within the same second, so which one is "newest" is the
	// simulator's tie-break; exactly two of them are listed, each with its tag.
	listed := 0
	for i, d := range digests {
		if strings.Contains(text, fmt.Sprintf("%s (v%d)", d, i+1)) {
			listed++
		}
	}
	if listed != 2 {
		t.Errorf("want exactly 2 of the seeded images listed with their tags, got %d:\n%s", listed, text)
	}
}

// TestAccLifecyclePolicy_impactCheckOncePerPlan drives the walks as Terraform does, one provider
// process (protocol server) per walk, and counts DescribeImages through the proxy:
//   - the plan of a new policy checks once;
//   - the plan of a change, which refreshes the policy first, checks once;
//   - the apply walk's re-plan of that change, which refreshes nothing, does not check again;
//   - a policy for a repository ecrgov_repository creates in the same run never checks.
func TestAccLifecyclePolicy_impactCheckOncePerPlan(t *testing.T) {
	if !acctestEnabled() {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	name := acctest.RandomName("once")
	acctest.CreateRepository(t, name, ecrtypes.ImageTagMutabilityImmutable)
	for _, tag := range []string{"v1", "v2", "v3"} {
		acctest.SeedImage(t, name, tag)
	}
	proxy := acctest.StartProxy(t)
	walk := func() *protocolServer { return newProtocolServer(t, proxy.URL) }
	policyConfig := func(repo, policy string) map[string]tftypes.Value {
		ruleList := walk().resourceType("ecrgov_lifecycle_policy").AttributeTypes["rule"]
		return map[string]tftypes.Value{
			"repository": tfString(repo), "policy": tfString(policy), "rule": tftypes.NewValue(ruleList, []tftypes.Value{}),
		}
	}
	describes := func(what string, want int, plan *tfprotov6.PlanResourceChangeResponse, wantWarning bool) {
		t.Helper()
		if got := proxy.Calls("DescribeImages"); got != want {
			t.Errorf("%s: DescribeImages calls = %d, want %d", what, got, want)
		}
		if got := strings.Contains(diagnosticsText(plan.Diagnostics), "will act on images"); got != wantWarning {
			t.Errorf("%s: impact warning shown = %v, want %v:\n%s", what, got, wantWarning, diagnosticsText(plan.Diagnostics))
		}
		proxy.Reset()
	}
	null := tftypes.NewValue(walk().resourceType("ecrgov_lifecycle_policy"), nil)
	keepTwo := strings.Replace(keepOneRelease, `"countNumber":1`, `"countNumber":2`, 1)

	// The plan of a new policy, then its apply walk.
	proxy.Reset()
	plan := walk()
	describes("plan of a new policy", 1, plan.planChange("ecrgov_lifecycle_policy", null, policyConfig(name, keepOneRelease)), true)
	state := walk().apply("ecrgov_lifecycle_policy", null, policyConfig(name, keepOneRelease))
	proxy.Reset()

	// The plan of a change refreshes, then plans; the apply walk only re-plans and applies.
	plan = walk()
	state = plan.read("ecrgov_lifecycle_policy", state)
	proxy.Reset()
	describes("plan of a change", 1, plan.planChange("ecrgov_lifecycle_policy", state, policyConfig(name, keepTwo)), true)
	apply := walk()
	describes("apply walk's re-plan", 0, apply.planChange("ecrgov_lifecycle_policy", state, policyConfig(name, keepTwo)), false)
	state = apply.apply("ecrgov_lifecycle_policy", state, policyConfig(name, keepTwo))

	// A repository created in the same run: its policy is not checked.
	fresh := acctest.RandomName("once")
	plan = walk()
	repoNull := tftypes.NewValue(plan.resourceType("ecrgov_repository"), nil)
	repoPlan := plan.planChange("ecrgov_repository", repoNull, map[string]tftypes.Value{"name": tfString(fresh), "force_delete": tfBool(true)})
	plan.check("planning the repository", nil, repoPlan.Diagnostics)
	proxy.Reset()
	describes("a new repository's new policy", 0, plan.planChange("ecrgov_lifecycle_policy", null, policyConfig(fresh, keepOneRelease)), false)

	walk().apply("ecrgov_lifecycle_policy", state, nil)
}
