package signing

import (
	"slices"
	"strings"
	"testing"
)

const (
	profileA = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/team_a"
	profileB = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/platform"
)

func TestProfiles(t *testing.T) {
	rules := []Rule{
		{ProfileARN: profileA, Filters: []string{"team-a/*", "*/production"}},
		{ProfileARN: profileB},
	}
	for _, tc := range []struct {
		repo string
		want []string
	}{
		{"team-a/app", []string{profileB, profileA}},
		{"team-b/production", []string{profileB, profileA}},
		{"team-b/app", []string{profileB}},
	} {
		if got := Profiles(rules, tc.repo); !slices.Equal(got, tc.want) {
			t.Errorf("Profiles(%q) = %v, want %v", tc.repo, got, tc.want)
		}
	}
	if got := Profiles(nil, "x"); got != nil {
		t.Errorf("no rules: %v", got)
	}
}

func TestSigned(t *testing.T) {
	complete := map[string]bool{profileA: true}
	if Signed(nil, func(string) bool { return true }) {
		t.Error("an image no profile applies to counts as signed")
	}
	if !Signed([]string{profileA}, func(p string) bool { return complete[p] }) {
		t.Error("COMPLETE by the only profile is not signed")
	}
	if Signed([]string{profileA, profileB}, func(p string) bool { return complete[p] }) {
		t.Error("signed by one of two profiles counts as signed")
	}
}

func TestChecks(t *testing.T) {
	if err := CheckProfileARN(profileA); err != nil {
		t.Error(err)
	}
	for _, bad := range []string{"", "arn:aws:iam::123456789012:role/x", "arn:aws:signer:us-east-1:123:/signing-profiles/x"} {
		if CheckProfileARN(bad) == nil {
			t.Errorf("CheckProfileARN(%q) = nil", bad)
		}
	}
	for _, ok := range []string{"myapp/*", "*/production", "*prod*", "*"} {
		if err := CheckFilter(ok); err != nil {
			t.Error(err)
		}
	}
	// The model's SigningRepositoryFilterValue refuses doubled or leading separators and a
	// trailing '/', which a looser character class let through to a ValidationException.
	for _, bad := range []string{"", "MyApp/*", strings.Repeat("a", 257), "a b", "a..b", "-a", "a/", "a//b", "a-/b"} {
		if CheckFilter(bad) == nil {
			t.Errorf("CheckFilter(%q) = nil", bad)
		}
	}
}

func FuzzCovers(f *testing.F) {
	f.Add("team-a/*", "team-a/app")
	f.Fuzz(func(t *testing.T, filter, repo string) {
		r := Rule{ProfileARN: profileA, Filters: []string{filter}}
		if r.Covers(repo) != slices.Contains(Profiles([]Rule{r}, repo), profileA) {
			t.Fatal("Covers and Profiles disagree")
		}
		if !strings.Contains(filter, "*") && r.Covers(repo) != (filter == repo) {
			t.Fatalf("a filter without a wildcard matches only itself: %q vs %q", filter, repo)
		}
	})
}
