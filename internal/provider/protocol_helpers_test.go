package provider_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
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
	return ecrapi.FindLifecyclePolicyByRepository(context.Background(), acctest.Client(t), "", repo)
}

func objectType(t *testing.T, s *tfprotov6.Schema) tftypes.Object {
	t.Helper()
	o, ok := s.ValueType().(tftypes.Object)
	if !ok {
		t.Fatalf("schema type is %T, not an object", s.ValueType())
	}
	return o
}
