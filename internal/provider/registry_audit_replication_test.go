package provider_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

// The audit judges each replication rule: REPLICATION_UNGOVERNED for a destination in this
// account whose Region has no REPLICATION template covering the rule's repositories (read in
// that Region), DELETE_REPLICATION for a rule that replicates deletions; another account's
// destination is not judged. The test owns the configuration of its source Region.
func TestAccRegistryAuditDataSource_replication(t *testing.T) {
	acctest.RequiresEmulator(t, "owns the replication configuration of a Region")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	const source = "sa-east-1"
	ctx := context.Background()
	base := acctest.RandomName("auditrepl")
	client := acctest.Client(t).InRegion(source)
	governedIn := acctest.Client(t).InRegion("eu-west-3")
	if _, err := governedIn.CreateCreationTemplate(ctx, ecrapi.CreationTemplateSpec{Prefix: base, AppliedFor: []string{"REPLICATION"}, TagMutability: "IMMUTABLE"}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = governedIn.DeleteCreationTemplate(ctx, base) })
	own := acctest.AccountID()
	ungoverned := replication.Rule{Destinations: []replication.Destination{{Region: "ap-northeast-3", RegistryID: own}}, Filters: []string{base + "/"}, DeleteReplication: true}
	governed := replication.Rule{Destinations: []replication.Destination{{Region: "eu-west-3", RegistryID: own}, {Region: "eu-west-3", RegistryID: "444455556666"}},
		Filters: []string{base + "/"}}
	for _, r := range []replication.Rule{ungoverned, governed} {
		if err := client.CreateReplicationRule(ctx, r); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = client.DeleteReplicationRule(ctx, r) })
	}
	state := newReplProtocolServer(t, source).readDataSource("ecrgov_registry_audit", map[string]tftypes.Value{"name_prefix": tfString(base + "/")})
	var rules []tftypes.Value
	if err := state["replication_rules"].As(&rules); err != nil || len(rules) != 2 {
		t.Fatalf("replication_rules = %v (%v), want 2", state["replication_rules"], err)
	}
	for i, want := range []struct{ id, findings, ungoverned string }{
		{ungoverned.Key(), "REPLICATION_UNGOVERNED DELETE_REPLICATION", "ap-northeast-3/" + own},
		{governed.Key(), "", ""},
	} {
		var attrs map[string]tftypes.Value
		_ = rules[i].As(&attrs)
		if got := stringOf(t, attrs["id"]); got != want.id {
			t.Errorf("rule %d id %q, want %q", i, got, want.id)
		}
		if got := joinStrings(t, attrs["findings"]); got != want.findings {
			t.Errorf("rule %d findings %q, want %q", i, got, want.findings)
		}
		if got := joinStrings(t, attrs["ungoverned_destinations"]); got != want.ungoverned {
			t.Errorf("rule %d ungoverned %q, want %q", i, got, want.ungoverned)
		}
	}
	if rf := joinStrings(t, state["registry_findings"]); !strings.HasSuffix(rf, "REPLICATION_UNGOVERNED DELETE_REPLICATION") {
		t.Errorf("registry_findings = %s, want both replication codes", rf)
	}
	var summary map[string]tftypes.Value
	_ = state["summary"].As(&summary)
	if s := summary["DELETE_REPLICATION"].String(); !strings.Contains(s, `"1"`) {
		t.Errorf("summary DELETE_REPLICATION = %s, want 1", s)
	}
}

// joinStrings is a list of strings joined with spaces.
func joinStrings(t *testing.T, v tftypes.Value) string {
	t.Helper()
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(elems))
	for i, e := range elems {
		out[i] = stringOf(t, e)
	}
	return strings.Join(out, " ")
}
