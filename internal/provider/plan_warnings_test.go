package provider_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// countWarnings counts the warnings whose summary contains summary.
func countWarnings(diags []*tfprotov6.Diagnostic, summary string) int {
	n := 0
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityWarning && strings.Contains(d.Summary, summary) {
			n++
		}
	}
	return n
}

// TestAccRepositoryCreationTemplate_pullThroughCacheWarningOnce: Terraform validates a
// configuration twice per plan (validate walk, then plan walk), so a warning given by
// ValidateResourceConfig is shown twice. The immutable pull-through-cache warning is given once,
// by the plan.
func TestAccRepositoryCreationTemplate_pullThroughCacheWarningOnce(t *testing.T) {
	acctest.SetupBeforeTest(t)
	t.Parallel()
	const summary = "A pull through cache cannot refresh immutable tags"
	config := map[string]tftypes.Value{
		"prefix":      tfString(acctest.RandomName("ptcwarn")),
		"applied_for": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tfString("PULL_THROUGH_CACHE")}),
	}
	if text := validateResource(t, "ecrgov_repository_creation_template", config); strings.Contains(text, summary) {
		t.Errorf("ValidateResourceConfig warns (%q): Terraform shows it once per validation, twice per plan", text)
	}
	s := newProtocolServer(t, acctest.Endpoint())
	plan := s.planChange("ecrgov_repository_creation_template", tftypes.NewValue(s.resourceType("ecrgov_repository_creation_template"), nil), config)
	if n := countWarnings(plan.Diagnostics, summary); n != 1 {
		t.Errorf("the plan gives %d warnings %q (%s), want 1", n, summary, diagnosticsText(plan.Diagnostics))
	}
}

// TestAccPullTimeUpdateExclusion_alreadyExcludedAtPlan: a principal excluded outside this state
// is named at plan, as a template prefix that is taken is, instead of only failing at apply.
func TestAccPullTimeUpdateExclusion_alreadyExcludedAtPlan(t *testing.T) {
	acctest.SetupBeforeTest(t)
	t.Parallel()
	taken, free := testAccRoleARN(acctest.RandomName("taken")), testAccRoleARN(acctest.RandomName("free"))
	if err := acctest.Client(t).RegisterPullTimeExclusion(context.Background(), taken); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = acctest.Client(t).DeregisterPullTimeExclusion(context.Background(), taken) })
	s := newProtocolServer(t, acctest.Endpoint())
	const typeName = "ecrgov_pull_time_update_exclusion"
	none := tftypes.NewValue(s.resourceType(typeName), nil)

	plan := s.planChange(typeName, none, map[string]tftypes.Value{"principal_arn": tfString(taken)})
	if n := countWarnings(plan.Diagnostics, "already exists"); n != 1 || !strings.Contains(diagnosticsText(plan.Diagnostics), "terraform import <address> "+taken) {
		t.Errorf("planning an exclusion that exists: %s, want one warning with the import command", diagnosticsText(plan.Diagnostics))
	}
	plan = s.planChange(typeName, none, map[string]tftypes.Value{"principal_arn": tfString(free)})
	if text := diagnosticsText(plan.Diagnostics); text != "" {
		t.Errorf("planning a new exclusion: %s, want no diagnostics", text)
	}
	if err := acctest.Client(t).FindPullTimeExclusionByPrincipal(context.Background(), free); err == nil {
		t.Error("a plan registered the exclusion")
	}
}
