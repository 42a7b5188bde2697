package provider_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

// newReplProtocolServer is newProtocolServer in replRegion, or in region.
func newReplProtocolServer(t *testing.T, region ...string) *protocolServer {
	t.Helper()
	if len(region) > 0 {
		return newProtocolServerIn(t, acctest.Endpoint(), region[0])
	}
	return newProtocolServerIn(t, acctest.Endpoint(), replRegion)
}

// replRuleConfig is rule as the configuration of an ecrgov_replication_rule.
func replRuleConfig(s *protocolServer, rule replication.Rule) map[string]tftypes.Value {
	typ := s.resourceType("ecrgov_replication_rule")
	destType, filterType := blockType(s.t, typ, "destination"), blockType(s.t, typ, "repository_filter")
	var dests, filters []tftypes.Value
	for _, d := range rule.Destinations {
		dests = append(dests, tftypes.NewValue(destType, map[string]tftypes.Value{"region": tfString(d.Region), "registry_id": tfString(d.RegistryID)}))
	}
	for _, f := range rule.Filters {
		filters = append(filters, tftypes.NewValue(filterType, map[string]tftypes.Value{"filter": tfString(f), "filter_type": tfString("PREFIX_MATCH")}))
	}
	return map[string]tftypes.Value{
		"destination":        tftypes.NewValue(tftypes.Set{ElementType: destType}, dests),
		"repository_filter":  tftypes.NewValue(tftypes.Set{ElementType: filterType}, filters),
		"delete_replication": tfBool(rule.DeleteReplication),
	}
}

// blockType is the object type of a set of nested blocks.
func blockType(t *testing.T, typ tftypes.Object, name string) tftypes.Object {
	t.Helper()
	set, ok := typ.AttributeTypes[name].(tftypes.Set)
	if !ok {
		t.Fatalf("%s is %T, not a set of blocks", name, typ.AttributeTypes[name])
	}
	obj, ok := set.ElementType.(tftypes.Object)
	if !ok {
		t.Fatalf("%s's elements are %T, not objects", name, set.ElementType)
	}
	return obj
}

// The plan names what delete replication implies, and warns when a destination in this account
// has no REPLICATION template covering the filtered repositories, reading the templates in the
// destination Region; a template that covers them, or a destination in another account, ends it.
func TestAccReplicationRule_planWarnings(t *testing.T) {
	acctest.RequiresEmulator(t, "configures replication in a Region of the tests' own")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	base := acctest.RandomName("replwarn")
	s := newReplProtocolServer(t)
	const typeName = "ecrgov_replication_rule"
	none := tftypes.NewValue(s.resourceType(typeName), nil)
	const deleting, ungoverned = "Deletions replicate to every destination", "Replicated repositories arrive ungoverned in us-west-2"

	rule := replRule([]string{base + "/"}, "us-west-2")
	rule.DeleteReplication = true
	plan := s.planChange(typeName, none, replRuleConfig(s, rule))
	text := diagnosticsText(plan.Diagnostics)
	if countWarnings(plan.Diagnostics, deleting) != 1 || !strings.Contains(text, "lifecycle policy that expires an image") {
		t.Errorf("delete_replication = true: %s, want one warning naming lifecycle expiry", text)
	}
	if countWarnings(plan.Diagnostics, ungoverned) != 1 || !strings.Contains(text, `"`+base+`/"`) {
		t.Errorf("no REPLICATION template in us-west-2: %s, want one warning naming the filter", text)
	}

	// A template in the source Region does not govern the destination's repositories.
	for _, region := range []string{replRegion, "us-west-2"} {
		inRegion := func(o *ecr.Options) { o.Region = region }
		_, err := acctest.SDK(t).CreateRepositoryCreationTemplate(context.Background(), &ecr.CreateRepositoryCreationTemplateInput{
			Prefix: aws.String(base), AppliedFor: []ecrtypes.RCTAppliedFor{ecrtypes.RCTAppliedForReplication},
		}, inRegion)
		// The prefix is random: "already exists" is an earlier attempt of this call that the
		// emulator acted on before it dropped the connection (DESIGN.md, the emulator's quirks).
		var exists *ecrtypes.TemplateAlreadyExistsException
		if err != nil && !errors.As(err, &exists) {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_, _ = acctest.SDK(t).DeleteRepositoryCreationTemplate(context.Background(), &ecr.DeleteRepositoryCreationTemplateInput{Prefix: aws.String(base)}, inRegion)
		})
		plan = s.planChange(typeName, none, replRuleConfig(s, replRule([]string{base + "/"}, "us-west-2")))
		got := countWarnings(plan.Diagnostics, ungoverned)
		if want := map[bool]int{true: 1, false: 0}[region == replRegion]; got != want {
			t.Errorf("with a template in %s: %d ungoverned warnings (%s), want %d", region, got, diagnosticsText(plan.Diagnostics), want)
		}
	}
	// A bare prefix selects more than the template's namespace.
	plan = s.planChange(typeName, none, replRuleConfig(s, replRule([]string{base}, "us-west-2")))
	if countWarnings(plan.Diagnostics, ungoverned) != 1 {
		t.Errorf("filter %q with template %q: %s, want the warning", base, base, diagnosticsText(plan.Diagnostics))
	}
	// Another account's templates are its own business; a quiet rule plans without diagnostics.
	quiet := replication.Rule{Destinations: []replication.Destination{{Region: "us-west-2", RegistryID: "444455556666"}}, Filters: []string{base + "/"}}
	if plan = s.planChange(typeName, none, replRuleConfig(s, quiet)); diagnosticsText(plan.Diagnostics) != "" {
		t.Errorf("a rule to another account: %s, want no diagnostics", diagnosticsText(plan.Diagnostics))
	}
	if _, err := replClient(t).FindReplicationRule(context.Background(), rule); !ecrapi.IsNotFound(err) {
		t.Errorf("a plan wrote the rule: %v", err)
	}
	// A rule the configuration already holds is named at plan with the import command (a warning:
	// the plan of a tainted resource's replacement meets its own rule, which the replacement removes
	// first); the create itself refuses it.
	taken := replication.Rule{Destinations: []replication.Destination{{Region: "us-west-2", RegistryID: "444455556666"}}, Filters: []string{base + "/taken/"}}
	if err := replClient(t).CreateReplicationRule(context.Background(), taken); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = replClient(t).DeleteReplicationRule(context.Background(), taken) })
	plan = s.planChange(typeName, none, replRuleConfig(s, taken))
	if countWarnings(plan.Diagnostics, "Replication rule already exists") != 1 ||
		!strings.Contains(diagnosticsText(plan.Diagnostics), "terraform import <address> "+taken.Key()) {
		t.Errorf("planning a rule the configuration holds: %s, want one warning with the import command", diagnosticsText(plan.Diagnostics))
	}
}

// A configuration that already holds ECR's 10 rules takes no 11th: refused at plan, before
// anything is written. The test fills a Region of its own.
func TestAccReplicationRule_tooManyRules(t *testing.T) {
	acctest.RequiresEmulator(t, "fills the replication configuration of a Region of its own")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	const full = "me-south-1"
	fillReplication(t, full, replication.MaxRules)
	s := newReplProtocolServer(t, full)
	plan := s.planChange("ecrgov_replication_rule", tftypes.NewValue(s.resourceType("ecrgov_replication_rule"), nil),
		replRuleConfig(s, replRule([]string{"eleventh/"}, "us-west-2")))
	if text := diagnosticsText(plan.Diagnostics); !strings.Contains(text, "Too many replication rules") || !strings.Contains(text, "holds 10 other rules") {
		t.Errorf("an 11th rule: %s, want it refused at plan", text)
	}
}

// Two new rules planned in one walk count against ECR's limit together: with nine rules in the
// registry, the first of two new ones plans, the second is refused at plan, before any write.
func TestAccReplicationRule_tooManyRulesInOnePlan(t *testing.T) {
	acctest.RequiresEmulator(t, "fills the replication configuration of a Region of its own")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	const region = "eu-north-1"
	client := acctest.Client(t).InRegion(region)
	ctx := context.Background()
	nine := fillReplication(t, region, replication.MaxRules-1)
	s := newReplProtocolServer(t, region)
	none := tftypes.NewValue(s.resourceType("ecrgov_replication_rule"), nil)
	first := s.planChange("ecrgov_replication_rule", none, replRuleConfig(s, replRule([]string{"tenth/"}, "us-west-2")))
	if text := diagnosticsText(first.Diagnostics); strings.Contains(text, "Too many replication rules") {
		t.Fatalf("the tenth rule: %s, want it planned", text)
	}
	second := s.planChange("ecrgov_replication_rule", none, replRuleConfig(s, replRule([]string{"eleventh/"}, "us-west-2")))
	if text := diagnosticsText(second.Diagnostics); !strings.Contains(text, "Too many replication rules") ||
		!strings.Contains(text, "adds 1 more") {
		t.Errorf("the eleventh rule in the same plan: %s, want it refused at plan", text)
	}
	if rules, err := client.FindReplicationRules(ctx); err != nil || len(rules) != len(nine) {
		t.Errorf("the registry holds %d rules (%v), want the %d it had: a plan writes nothing", len(rules), err, len(nine))
	}
}

// fillReplication writes n rules into the replication configuration of a Region of the test's
// own, and removes them when the test ends.
func fillReplication(t *testing.T, region string, n int) []replication.Rule {
	t.Helper()
	client := acctest.Client(t).InRegion(region)
	ctx := context.Background()
	var rules []replication.Rule
	t.Cleanup(func() {
		for _, r := range rules {
			_ = client.DeleteReplicationRule(ctx, r)
		}
	})
	for i := range n {
		r := replRule([]string{fmt.Sprintf("fill%d/", i)}, "us-west-2")
		if err := client.CreateReplicationRule(ctx, r); err != nil {
			t.Fatal(err)
		}
		rules = append(rules, r)
	}
	return rules
}

// The calls of a replication rule's create, refresh, update and delete: each change is one
// read-modify-write (DescribeRegistry, PutReplicationConfiguration, DescribeRegistry to confirm);
// the plan of a change reads the configuration, and the templates of a destination Region in this
// account once; the registry ID is read once per run.
func TestAccReplicationRule_callBudget(t *testing.T) {
	acctest.RequiresEmulator(t, "configures replication in a Region of its own")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	proxy := acctest.StartProxy(t)
	server := newProtocolServerIn(t, proxy.URL, "ap-southeast-2")
	expect := func(op, want string) {
		t.Helper()
		if got := fmt.Sprint(proxy.AllCalls()); got != want {
			t.Errorf("%s: calls = %s, want %s", op, got, want)
		}
		proxy.Reset()
	}
	base := acctest.RandomName("budget")
	rule := replRule([]string{base + "/"}, "us-west-2")
	none := tftypes.NewValue(tftypes.Object{}, nil)
	proxy.Reset()
	state := server.apply("ecrgov_replication_rule", none, replRuleConfig(server, rule))
	// The registry ID (once per run), the plan's read, the change's read and its read-back.
	expect("create", "map[DescribeRegistry:4 DescribeRepositoryCreationTemplates:1 PutReplicationConfiguration:1]")
	state = server.read("ecrgov_replication_rule", state)
	expect("refresh", "map[DescribeRegistry:1]")
	wider := replRule([]string{base + "/", base + "-b/"}, "us-west-2")
	state = server.apply("ecrgov_replication_rule", state, replRuleConfig(server, wider))
	expect("update", "map[DescribeRegistry:3 DescribeRepositoryCreationTemplates:1 PutReplicationConfiguration:1]")
	server.apply("ecrgov_replication_rule", state, nil)
	expect("delete", "map[DescribeRegistry:2 PutReplicationConfiguration:1]")
}
