package provider_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// readDiagnostics refreshes a managed resource and returns its new state and diagnostics.
func (s *protocolServer) readDiagnostics(typeName string, state tftypes.Value) (tftypes.Value, []*tfprotov6.Diagnostic) {
	s.t.Helper()
	typ := s.resourceType(typeName)
	dv, err := tfprotov6.NewDynamicValue(typ, state)
	if err != nil {
		s.t.Fatal(err)
	}
	resp, err := s.server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: &dv})
	s.check("reading "+typeName, err, resp.Diagnostics)
	v, err := resp.NewState.Unmarshal(typ)
	if err != nil {
		s.t.Fatal(err)
	}
	return v, resp.Diagnostics
}

// TestAccRegistrySingletons_changedOutsideWarns: a registry singleton that another state (or
// anyone) changed since this state last read it is named by the refresh, with the rule "declare
// each singleton once"; a refresh that finds what was recorded says nothing.
func TestAccRegistrySingletons_changedOutsideWarns(t *testing.T) {
	acctest.RequiresEmulator(t, "changes a registry-wide account setting and the signing configuration")
	acctest.PreCheck(t)
	ctx := context.Background()
	client := acctest.Client(t)
	s := newProtocolServer(t, acctest.Endpoint())
	const summary = "changed outside this state since its last read"

	// Account setting.
	const name = "BLOB_MOUNTING"
	if err := client.PutAccountSetting(ctx, name, "DISABLED"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.PutAccountSetting(ctx, name, "DISABLED") })
	const setting = "ecrgov_account_setting"
	state := s.apply(setting, tftypes.NewValue(s.resourceType(setting), nil),
		map[string]tftypes.Value{"name": tfString(name), "value": tfString("ENABLED"), "restore_on_destroy": tfBool(true)})
	if state, diags := s.readDiagnostics(setting, state); countWarnings(diags, summary) != 0 {
		t.Errorf("a refresh that finds what was written warns: %s", diagnosticsText(diags))
	} else {
		if err := client.PutAccountSetting(ctx, name, "DISABLED"); err != nil { // as another state would
			t.Fatal(err)
		}
		state, diags = s.readDiagnostics(setting, state)
		if countWarnings(diags, summary) != 1 || !strings.Contains(diagnosticsText(diags), "Declare each registry singleton once") {
			t.Errorf("a refresh after another writer: %s, want one warning with the rule", diagnosticsText(diags))
		}
		if _, diags = s.readDiagnostics(setting, state); countWarnings(diags, summary) != 0 {
			t.Errorf("the warning repeats once the change is recorded: %s", diagnosticsText(diags))
		}
		s.apply(setting, state, nil)
	}

	// Signing configuration.
	keepSigning(t)
	const signing = "ecrgov_signing_configuration"
	typ := s.resourceType(signing)
	rules, _ := typ.AttributeTypes["rule"].(tftypes.List)
	ruleType, _ := rules.ElementType.(tftypes.Object)
	filters, _ := ruleType.AttributeTypes["repository_filter"].(tftypes.List)
	config := map[string]tftypes.Value{"restore_on_destroy": tfBool(true), "rule": tftypes.NewValue(rules, []tftypes.Value{tftypes.NewValue(ruleType, map[string]tftypes.Value{
		"signing_profile_arn": tfString(signingProfile("mine")), "repository_filter": tftypes.NewValue(filters, []tftypes.Value{}),
	})})}
	state = s.apply(signing, tftypes.NewValue(typ, nil), config)
	if _, diags := s.readDiagnostics(signing, state); countWarnings(diags, summary) != 0 {
		t.Errorf("a signing refresh that finds what was written warns: %s", diagnosticsText(diags))
	}
	if err := client.DeleteSigningConfiguration(ctx); err != nil {
		t.Fatal(err)
	}
	state, diags := s.readDiagnostics(signing, state)
	if countWarnings(diags, summary) != 1 {
		t.Errorf("a signing refresh after another writer: %s, want one warning", diagnosticsText(diags))
	}
	s.apply(signing, state, nil)
}
