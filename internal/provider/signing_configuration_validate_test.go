package provider_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The signing configuration refuses a rule that repeats another and warns when a profile's rule
// for every repository makes its narrower rules meaningless; distinct rules pass.
func TestSigningConfiguration_validateConfig(t *testing.T) {
	_, schemas := unconfiguredServer(t)
	ruleList, _ := objectType(t, schemas.ResourceSchemas["ecrgov_signing_configuration"]).AttributeTypes["rule"].(tftypes.List)
	ruleType, _ := ruleList.ElementType.(tftypes.Object)
	filterList, _ := ruleType.AttributeTypes["repository_filter"].(tftypes.List)
	filterType, _ := filterList.ElementType.(tftypes.Object)
	const profile = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/platform"
	const other = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/other"
	rule := func(arn string, filters ...string) tftypes.Value {
		var fs []tftypes.Value
		for _, f := range filters {
			fs = append(fs, tftypes.NewValue(filterType, map[string]tftypes.Value{"filter": tfString(f), "filter_type": tfString("WILDCARD_MATCH")}))
		}
		return tftypes.NewValue(ruleType, map[string]tftypes.Value{
			"signing_profile_arn": tfString(arn), "repository_filter": tftypes.NewValue(filterList, fs),
		})
	}
	validate := func(rules ...tftypes.Value) string {
		return validateResource(t, "ecrgov_signing_configuration", map[string]tftypes.Value{"rule": tftypes.NewValue(ruleList, rules)})
	}
	if text := validate(rule(profile, "team/*", "prod/*"), rule(profile, "prod/*", "team/*")); !strings.Contains(text, "ERROR Duplicate signing rule") {
		t.Errorf("the same rule twice (filters reordered) was not refused:\n%s", text)
	}
	if text := validate(rule(profile), rule(profile, "team/*")); !strings.Contains(text, "WARNING Signing rule changes nothing") || strings.Contains(text, "ERROR") {
		t.Errorf("a narrower rule beside an every-repository rule was not warned about:\n%s", text)
	}
	if text := validate(rule(profile, "team/*"), rule(other, "team/*"), rule(profile, "prod/*")); text != "" {
		t.Errorf("distinct rules gave diagnostics:\n%s", text)
	}
}
