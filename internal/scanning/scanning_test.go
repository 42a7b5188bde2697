package scanning

import (
	"strings"
	"testing"
)

// The User Guide's table ("Filters to choose which repositories are scanned"): names across,
// filters down. The emulator's TestAccEmulator_scanningFilterTable checks the same table.
func TestFilterMatchesUserGuideTable(t *testing.T) {
	names := []string{"prod", "repo-prod", "prod-repo", "repo-prod-repo", "prodrepo"}
	table := map[string][]bool{
		"prod":      {true, true, true, true, true},
		"*prod":     {true, true, false, false, false},
		"prod*":     {true, false, true, false, true},
		"*prod*":    {true, true, true, true, true},
		"prod*repo": {false, false, true, false, true},
	}
	for filter, want := range table {
		for i, name := range names {
			if got := FilterMatches(filter, name); got != want[i] {
				t.Errorf("FilterMatches(%q, %q) = %v, want %v", filter, name, got, want[i])
			}
		}
	}
}

func TestScans(t *testing.T) {
	basic := Config{ScanType: Basic, Rules: []Rule{{Frequency: ScanOnPush, Filters: []string{"prod/*"}}}}
	enhanced := Config{ScanType: Enhanced, Rules: []Rule{
		{Frequency: ContinuousScan, Filters: []string{"prod/*"}},
		{Frequency: Manual, Filters: []string{"dev/*"}},
	}}
	for _, tc := range []struct {
		cfg        Config
		name       string
		scanOnPush bool
		want       bool
	}{
		{basic, "prod/app", false, true},
		{basic, "dev/app", false, false},
		{basic, "dev/app", true, true},     // BASIC keeps the repository's own scanOnPush
		{enhanced, "dev/app", true, false}, // ENHANCED ignores it, and MANUAL scans nothing by itself
		{enhanced, "prod/app", false, true},
		{Config{ScanType: Basic}, "app", false, false},
		// A filter without a wildcard matches every name that contains it, so moving a rule from
		// "*" to "prod" keeps scanning team/prod-api.
		{Config{ScanType: Enhanced, Rules: []Rule{{Frequency: ScanOnPush, Filters: []string{"prod"}}}}, "team/prod-api", false, true},
	} {
		if got := tc.cfg.Scans(tc.name, tc.scanOnPush); got != tc.want {
			t.Errorf("%+v Scans(%q, %v) = %v, want %v", tc.cfg, tc.name, tc.scanOnPush, got, tc.want)
		}
	}
}

func TestCheckFilterAndFrequency(t *testing.T) {
	for _, ok := range []string{"*", "prod/*", "team-a/app.v2", "*app*"} {
		if err := CheckFilter(ok); err != nil {
			t.Errorf("CheckFilter(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "Prod/*", "prod/", "-prod", strings.Repeat("a", 256)} {
		if err := CheckFilter(bad); err == nil {
			t.Errorf("CheckFilter(%q) = nil, want an error", bad)
		}
	}
	if err := CheckFrequency(Basic, ContinuousScan); err == nil {
		t.Error("CONTINUOUS_SCAN with BASIC accepted")
	}
	if err := CheckFrequency(Enhanced, ContinuousScan); err != nil {
		t.Error(err)
	}
}

func FuzzCheckFilter(f *testing.F) {
	f.Add("prod/*")
	f.Add("a..b")
	f.Fuzz(func(t *testing.T, s string) {
		if CheckFilter(s) == nil && (len(s) == 0 || strings.ToLower(s) != s || strings.HasSuffix(s, "/")) {
			t.Fatalf("CheckFilter accepted %q", s)
		}
	})
}
