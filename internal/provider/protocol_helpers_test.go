package provider_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/provider"
)

func acctestEnabled() bool { return os.Getenv("TF_ACC") != "" }

// dynamicValue builds an object of type t from the given attributes, the rest null.
func dynamicValue(t *testing.T, typ tftypes.Object, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, at := range typ.AttributeTypes {
		if v, ok := set[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(at, nil)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func nullDynamicValue(t *testing.T, typ tftypes.Object) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// diagnosticsText renders diagnostics as "SEVERITY summary: detail" lines.
func diagnosticsText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Severity.String() + " " + d.Summary + ": " + d.Detail + "\n")
	}
	return b.String()
}

func findPolicy(t *testing.T, repo string) (string, error) {
	return acctest.Client(t).FindLifecyclePolicyByRepository(context.Background(), repo)
}

func objectType(t *testing.T, s *tfprotov6.Schema) tftypes.Object {
	t.Helper()
	o, ok := s.ValueType().(tftypes.Object)
	if !ok {
		t.Fatalf("schema type is %T, not an object", s.ValueType())
	}
	return o
}

// protocolServer is the provider served in-process over plugin protocol 6 and configured
// against endpoint, for tests that must see one call's diagnostics or count its API requests.
type protocolServer struct {
	t       *testing.T
	server  tfprotov6.ProviderServer
	schemas *tfprotov6.GetProviderSchemaResponse
	// lastPrivate is the private state the last apply returned, as Terraform would save it.
	lastPrivate []byte
}

// unconfiguredServer is the provider's protocol-6 server with its schemas, before
// ConfigureProvider: enough for validation.
func unconfiguredServer(t *testing.T) (tfprotov6.ProviderServer, *tfprotov6.GetProviderSchemaResponse) {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return server, schemas
}

// providerArgs points the provider at the emulator (or a proxy in front of it) with static test
// keys; with no endpoint (real ECR) it names only the region.
func providerArgs(endpoint string) map[string]tftypes.Value {
	if endpoint == "" {
		return map[string]tftypes.Value{"region": tfString(acctest.TestRegion())}
	}
	return map[string]tftypes.Value{
		"region": tfString(acctest.Region), "endpoint": tfString(endpoint),
		"access_key": tfString("test"), "secret_key": tfString("test"),
	}
}

func newProtocolServer(t *testing.T, endpoint string) *protocolServer {
	t.Helper()
	ctx := context.Background()
	server, schemas := unconfiguredServer(t)
	configure, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.11.4",
		Config:           dynamicValue(t, objectType(t, schemas.Provider), providerArgs(endpoint)),
	})
	if err != nil || diagnosticsText(configure.Diagnostics) != "" {
		t.Fatalf("configuring: %v %s", err, diagnosticsText(configure.Diagnostics))
	}
	return &protocolServer{t: t, server: server, schemas: schemas}
}

// readDataSource reads a data source with the given arguments (the rest null) and returns its
// state as a map of attribute values, failing the test on any error diagnostic.
func (s *protocolServer) readDataSource(typeName string, args map[string]tftypes.Value) map[string]tftypes.Value {
	s.t.Helper()
	out, _ := s.readDataSourceDiags(typeName, args)
	return out
}

// readDataSourceDiags is readDataSource that also returns the diagnostics' text (warnings).
func (s *protocolServer) readDataSourceDiags(typeName string, args map[string]tftypes.Value) (map[string]tftypes.Value, string) {
	s.t.Helper()
	typ := objectType(s.t, s.schemas.DataSourceSchemas[typeName])
	resp, err := s.server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: typeName,
		Config:   dynamicValue(s.t, typ, args),
	})
	if err != nil {
		s.t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			s.t.Fatalf("reading %s: %s", typeName, diagnosticsText(resp.Diagnostics))
		}
	}
	v, err := resp.State.Unmarshal(typ)
	if err != nil {
		s.t.Fatal(err)
	}
	out := map[string]tftypes.Value{}
	if err := v.As(&out); err != nil {
		s.t.Fatal(err)
	}
	return out, diagnosticsText(resp.Diagnostics)
}

func tfString(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
func tfBool(b bool) tftypes.Value     { return tftypes.NewValue(tftypes.Bool, b) }

func stringOf(t *testing.T, v tftypes.Value) string {
	t.Helper()
	var s string
	if err := v.As(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// resourceType returns the object type of a managed resource's state.
func (s *protocolServer) resourceType(typeName string) tftypes.Object {
	return objectType(s.t, s.schemas.ResourceSchemas[typeName])
}

// apply plans and applies one change of a managed resource, as Terraform core would: the
// proposed new state is the configuration, with computed values carried from the prior state.
// config holds the configured attributes; prior is nil to create and config nil to destroy.
func (s *protocolServer) apply(typeName string, prior tftypes.Value, config map[string]tftypes.Value) tftypes.Value {
	s.t.Helper()
	ctx := context.Background()
	typ := s.resourceType(typeName)
	priorDV := nullDynamicValue(s.t, typ)
	if !prior.IsNull() {
		dv, err := tfprotov6.NewDynamicValue(typ, prior)
		if err != nil {
			s.t.Fatal(err)
		}
		priorDV = &dv
	}
	if config == nil {
		resp, err := s.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
			TypeName: typeName, PriorState: priorDV, PlannedState: nullDynamicValue(s.t, typ), Config: nullDynamicValue(s.t, typ),
		})
		s.check("destroying "+typeName, err, resp.Diagnostics)
		return tftypes.NewValue(typ, nil)
	}
	plan := s.planChange(typeName, prior, config)
	s.check("planning "+typeName, nil, plan.Diagnostics)
	resp, err := s.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: typeName, PriorState: priorDV, PlannedState: plan.PlannedState, Config: dynamicValue(s.t, typ, config),
	})
	s.check("applying "+typeName, err, resp.Diagnostics)
	s.lastPrivate = resp.Private
	v, err := resp.NewState.Unmarshal(typ)
	if err != nil {
		s.t.Fatal(err)
	}
	return v
}

// planChange plans one change as Terraform core would (see apply) and returns the response with
// its diagnostics, failing the test only when the call itself fails.
func (s *protocolServer) planChange(typeName string, prior tftypes.Value, config map[string]tftypes.Value) *tfprotov6.PlanResourceChangeResponse {
	s.t.Helper()
	typ := s.resourceType(typeName)
	priorDV := nullDynamicValue(s.t, typ)
	priorAttrs := map[string]tftypes.Value{}
	if !prior.IsNull() {
		dv, err := tfprotov6.NewDynamicValue(typ, prior)
		if err != nil {
			s.t.Fatal(err)
		}
		priorDV = &dv
		if err := prior.As(&priorAttrs); err != nil {
			s.t.Fatal(err)
		}
	}
	proposed := map[string]tftypes.Value{}
	for name, v := range priorAttrs {
		proposed[name] = v
	}
	for name, at := range typ.AttributeTypes {
		if v, ok := config[name]; ok {
			proposed[name] = v
		} else if _, ok := proposed[name]; !ok {
			proposed[name] = tftypes.NewValue(at, nil)
		}
	}
	plan, err := s.server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: priorDV, ProposedNewState: dynamicValue(s.t, typ, proposed), Config: dynamicValue(s.t, typ, config),
	})
	if err != nil {
		s.t.Fatalf("planning %s: %v", typeName, err)
	}
	return plan
}

// read refreshes a managed resource.
func (s *protocolServer) read(typeName string, state tftypes.Value) tftypes.Value {
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
	return v
}

func (s *protocolServer) check(what string, err error, diags []*tfprotov6.Diagnostic) {
	s.t.Helper()
	if err != nil {
		s.t.Fatalf("%s: %v", what, err)
	}
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			s.t.Fatalf("%s: %s", what, diagnosticsText(diags))
		}
	}
}

// validateResource runs ValidateResourceConfig on a configuration (unset attributes null) and
// returns the diagnostics' text. It needs no emulator.
func validateResource(t *testing.T, typeName string, config map[string]tftypes.Value) string {
	t.Helper()
	ctx := context.Background()
	server, schemas := unconfiguredServer(t)
	typ := objectType(t, schemas.ResourceSchemas[typeName])
	values := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range config {
		values[name] = v
	}
	resp, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typeName, Config: dynamicValue(t, typ, values)})
	if err != nil {
		t.Fatal(err)
	}
	return diagnosticsText(resp.Diagnostics)
}
