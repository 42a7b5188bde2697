package imageref

import (
	"strings"
	"testing"
)

func TestCheckRepositoryName(t *testing.T) {
	valid := []string{"ab", "team/app", "team/app-api", "a.b_c-d/e", "x/y/z", strings.Repeat("a", 256)}
	invalid := []string{"a", "", "Team/app", "team//app", "/team", "team/", "app-", "-app", "a..b", "app:tag", strings.Repeat("a", 257)}
	for _, n := range valid {
		if err := CheckRepositoryName(n); err != nil {
			t.Errorf("CheckRepositoryName(%q) = %v, want nil", n, err)
		}
	}
	for _, n := range invalid {
		if err := CheckRepositoryName(n); err == nil {
			t.Errorf("CheckRepositoryName(%q) = nil, want an error", n)
		}
	}
}

func FuzzCheckRepositoryName(f *testing.F) {
	f.Add("team/app")
	f.Fuzz(func(t *testing.T, name string) {
		if CheckRepositoryName(name) == nil && (strings.ToLower(name) != name || len(name) < 2) {
			t.Fatalf("accepted %q", name)
		}
	})
}
