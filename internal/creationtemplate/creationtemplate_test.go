package creationtemplate

import (
	"slices"
	"strings"
	"testing"
)

func TestCheckPrefix(t *testing.T) {
	for _, tc := range []struct {
		prefix, wantErr string
	}{
		{"ROOT", ""},
		{"prod", ""},
		{"prod/team-a/app_1", ""},
		{"ecr-public", ""},
		{"", "a prefix is a namespace"},
		{"prod/", `ECR appends the "/" itself, so write "prod"`},
		// No fix is offered that is itself invalid.
		{"/bad/", "not a repository namespace"},
		{"Bad/Prefix/", "not a repository namespace"},
		{"Prod", "not a repository namespace"},
		{"root", ""}, // only upper-case ROOT is special; "root" is an ordinary namespace
		{"prod//team", "not a repository namespace"},
		{"-prod", "not a repository namespace"},
		// The model's Prefix separates components with ".", "_", "__" or a run of "-".
		{"team__a/app--b", ""},
		{"team___a", "not a repository namespace"},
		{"team.-a", "not a repository namespace"},
		{strings.Repeat("a", 257), "at most 256"},
	} {
		err := CheckPrefix(tc.prefix)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("CheckPrefix(%q) = %v, want nil", tc.prefix, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("CheckPrefix(%q) = %v, want an error containing %q", tc.prefix, err, tc.wantErr)
		}
	}
}

func TestGoverning(t *testing.T) {
	push, cache := []string{"CREATE_ON_PUSH"}, []string{"PULL_THROUGH_CACHE"}
	templates := []Template{
		{Prefix: "ROOT", AppliedFor: push},
		{Prefix: "prod", AppliedFor: push},
		{Prefix: "prod/team", AppliedFor: push},
		{Prefix: "prod/cache", AppliedFor: cache},
	}
	for _, tc := range []struct {
		name, scenario string
		want           string // "" for none
	}{
		// The User Guide's example: prod/team wins over prod for prod/team/...
		{"prod/team/app", "CREATE_ON_PUSH", "prod/team"},
		{"prod/app", "CREATE_ON_PUSH", "prod"},
		// "prod" is a namespace: it does not cover "production/app" or "prod" itself.
		{"production/app", "CREATE_ON_PUSH", "ROOT"},
		{"prod", "CREATE_ON_PUSH", "ROOT"},
		{"app", "CREATE_ON_PUSH", "ROOT"},
		// A template applied for another scenario does not take the push.
		{"prod/cache/app", "CREATE_ON_PUSH", "prod"},
		{"prod/cache/app", "PULL_THROUGH_CACHE", "prod/cache"},
		{"prod/app", "PULL_THROUGH_CACHE", ""},
		{"prod/cache/app", "", "prod/cache"},
		{"prod/team/app", "REPLICATION", ""},
	} {
		got := ""
		if i := Governing(tc.name, templates, tc.scenario); i >= 0 {
			got = templates[i].Prefix
		}
		if got != tc.want {
			t.Errorf("Governing(%q, %q) = %q, want %q", tc.name, tc.scenario, got, tc.want)
		}
	}
	// A template applied for no scenario governs nothing, whatever the scenario asked.
	for _, scenario := range append([]string{""}, Scenarios...) {
		if i := Governing("team/app", []Template{{Prefix: "team"}, {Prefix: "ROOT", AppliedFor: []string{}}}, scenario); i != -1 {
			t.Errorf("Governing(%q) over templates applied for nothing = %d, want -1", scenario, i)
		}
	}
	if i := Governing("app", nil, ""); i != -1 {
		t.Errorf("Governing with no templates = %d, want -1", i)
	}
}

func TestShadowing(t *testing.T) {
	others := []string{"ROOT", "prod", "prod/team", "prod/team/x", "production", "dev"}
	for _, tc := range []struct {
		prefix string
		want   []string
	}{
		{"prod", []string{"prod/team", "prod/team/x"}},
		{"prod/team", []string{"prod/team/x"}},
		{"dev", nil},
		{"ROOT", []string{"dev", "prod", "prod/team", "prod/team/x", "production"}},
	} {
		if got := Shadowing(tc.prefix, others); !slices.Equal(got, tc.want) {
			t.Errorf("Shadowing(%q) = %v, want %v", tc.prefix, got, tc.want)
		}
	}
}

// FuzzGoverning checks Governing against the rule stated directly: the chosen template covers
// the name, and no covering template has a longer namespace; ROOT only when no namespace covers.
func FuzzGoverning(f *testing.F) {
	f.Add("prod/team/app", "prod", "prod/team", "ROOT")
	f.Add("a/b", "a", "a/b", "b")
	f.Add("x", "ROOT", "x", "x/y")
	f.Fuzz(func(t *testing.T, name, p1, p2, p3 string) {
		push := []string{CreateOnPush}
		templates := []Template{{Prefix: p1, AppliedFor: push}, {Prefix: p2, AppliedFor: push}, {Prefix: p3, AppliedFor: push}}
		got := Governing(name, templates, "")
		for i, tpl := range templates {
			if !Covers(tpl.Prefix, name) {
				if i == got {
					t.Fatalf("Governing chose %q, which does not cover %q", tpl.Prefix, name)
				}
				continue
			}
			if got < 0 {
				t.Fatalf("Governing chose nothing, but %q covers %q", tpl.Prefix, name)
			}
			if specificity(tpl.Prefix) > specificity(templates[got].Prefix) {
				t.Fatalf("Governing chose %q for %q, but %q is more specific", templates[got].Prefix, name, tpl.Prefix)
			}
		}
	})
}
