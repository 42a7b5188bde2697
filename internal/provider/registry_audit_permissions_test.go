package provider_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// TestAccRegistryAudit_missingPermissions: an auditor role without one of the reads the audit
// can do without still gets an audit. The proxy answers AccessDeniedException for those
// operations, as ECR answers a role without the permission. The audit is made, with a warning
// naming the permission; each refused call is made once (AccessDeniedException is not retried);
// the findings it cannot judge are in unknown_findings and nowhere else, and the attributes
// they come from are null; everything else is judged as usual.
func TestAccRegistryAudit_missingPermissions(t *testing.T) {
	acctest.SetupBeforeTest(t)
	acctest.RequiresEmulator(t, "the proxy answers AccessDeniedException")
	t.Parallel()
	for _, tc := range []struct {
		name        string
		denied      []string
		wantUnknown []string
		nullRepo    []string // repository attributes that must be null
		nullTop     []string // top-level attributes that must be null
	}{
		{
			name:   "templates and signing",
			denied: []string{"DescribeRepositoryCreationTemplates", "GetSigningConfiguration"},
			wantUnknown: []string{
				"UNSIGNED_REPOSITORY", "TEMPLATE_TAGS_MUTABLE", "TEMPLATE_NO_LIFECYCLE_POLICY", "TEMPLATE_NO_UNTAGGED_EXPIRY",
				"PULL_THROUGH_CACHE_UNGOVERNED", "REPLICATION_UNGOVERNED",
			},
			nullRepo: []string{"creation_template", "creation_templates", "signing_profiles"},
			nullTop:  []string{"templates", "pull_through_caches"},
		},
		{
			name:        "replication configuration",
			denied:      []string{"DescribeRegistry"},
			wantUnknown: []string{"REPLICATION_UNGOVERNED", "DELETE_REPLICATION"},
			nullTop:     []string{"replication_rules"},
		},
		{
			name:        "pull through cache rules",
			denied:      []string{"DescribePullThroughCacheRules"},
			wantUnknown: []string{"PULL_THROUGH_CACHE_UNGOVERNED"},
			nullTop:     []string{"pull_through_caches"},
		},
		{
			name:        "scanning",
			denied:      []string{"GetRegistryScanningConfiguration", "BatchGetRepositoryScanningConfiguration"},
			wantUnknown: []string{"SCAN_ON_PUSH_OFF", "BASIC_SCANNING"},
			nullRepo:    []string{"scanned", "scan_frequency"},
			nullTop:     []string{"scan_type"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prefix := acctest.RandomName("perm")
			acctest.CreateRepository(t, prefix+"/app", "MUTABLE")
			proxy := acctest.StartProxy(t)
			for _, op := range tc.denied {
				proxy.InjectFaults(op, acctest.Faults{Permanent: map[string]string{op: "AccessDeniedException"}})
			}
			server := newProtocolServer(t, proxy.URL)
			proxy.Reset()
			out, diags := server.readDataSourceDiags("ecrgov_registry_audit", map[string]tftypes.Value{"name_prefix": tfString(prefix + "/")})

			var permissions []string
			for _, op := range tc.denied {
				permissions = append(permissions, "ecr:"+op)
				if n := proxy.Calls(op); n != 1 {
					t.Errorf("%s calls = %d, want 1 (AccessDeniedException is not retried)", op, n)
				}
				if !strings.Contains(diags, "WARNING") || !strings.Contains(diags, "ecr:"+op) {
					t.Errorf("diagnostics %q: want a warning naming ecr:%s", diags, op)
				}
			}
			if strings.Contains(diags, "ERROR") {
				t.Fatalf("diagnostics %q: want no error", diags)
			}
			if got := tfStrings(t, out["missing_permissions"]); !slices.Equal(got, permissions) {
				t.Errorf("missing_permissions = %v, want %v", got, permissions)
			}
			if got := tfStrings(t, out["unknown_findings"]); !slices.Equal(got, tc.wantUnknown) {
				t.Errorf("unknown_findings = %v, want %v", got, tc.wantUnknown)
			}
			for _, name := range tc.nullTop {
				if !out[name].IsNull() {
					t.Errorf("%s = %v, want null", name, out[name])
				}
			}
			var repos []tftypes.Value
			if err := out["repositories"].As(&repos); err != nil || len(repos) != 1 {
				t.Fatalf("repositories = %v (%v), want the one repository", out["repositories"], err)
			}
			repo := map[string]tftypes.Value{}
			if err := repos[0].As(&repo); err != nil {
				t.Fatal(err)
			}
			for _, name := range tc.nullRepo {
				if !repo[name].IsNull() {
					t.Errorf("repository %s = %v, want null", name, repo[name])
				}
			}
			findings := tfStrings(t, repo["findings"])
			if !slices.Contains(findings, "TAGS_MUTABLE") {
				t.Errorf("findings = %v, want TAGS_MUTABLE still judged", findings)
			}
			summary := map[string]tftypes.Value{}
			if err := out["summary"].As(&summary); err != nil {
				t.Fatal(err)
			}
			for _, code := range tc.wantUnknown {
				if slices.Contains(findings, code) {
					t.Errorf("findings = %v: %s is unknown, not a finding", findings, code)
				}
				if _, ok := summary[code]; ok {
					t.Errorf("summary counts %s, which is unknown", code)
				}
			}
			if _, ok := summary["TAGS_MUTABLE"]; !ok {
				t.Error("summary lacks TAGS_MUTABLE, which was judged")
			}
		})
	}
}

func tfStrings(t *testing.T, v tftypes.Value) []string {
	t.Helper()
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(elems))
	for _, e := range elems {
		out = append(out, stringOf(t, e))
	}
	return out
}
