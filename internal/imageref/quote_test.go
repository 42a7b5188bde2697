package imageref

import (
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	if got := Quote("team/app"); got != `"team/app"` {
		t.Errorf("Quote of a short value = %s", got)
	}
	long := strings.Repeat("x", 10000)
	got := Quote(long)
	if len(got) > 100 || !strings.Contains(got, "(10000 characters)") {
		t.Errorf("Quote of a 10,000-character value = %s (%d bytes), want it shortened with its length", got, len(got))
	}
}

func TestCheckRepositoryPatternAndPrefix(t *testing.T) {
	for _, ok := range []string{"imm/*", "*", "*/app", "team/app-*"} {
		if err := CheckRepositoryPattern(ok); err != nil {
			t.Errorf("CheckRepositoryPattern(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "Team/*", "a b*", strings.Repeat("a", 257)} {
		if err := CheckRepositoryPattern(bad); err == nil {
			t.Errorf("CheckRepositoryPattern(%q) accepted", bad)
		}
	}
	for _, ok := range []string{"", "t", "team/", "team/app-", "team/app", "a.b_c/"} {
		if err := CheckRepositoryNamePrefix(ok); err != nil {
			t.Errorf("CheckRepositoryNamePrefix(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"Team/", "team//", "/team", "-team", "team/-", "team/app--"} {
		if err := CheckRepositoryNamePrefix(bad); err == nil {
			t.Errorf("CheckRepositoryNamePrefix(%q) accepted", bad)
		}
	}
	if err := CheckRepositoryNamePrefix(strings.Repeat("A", 10000)); err == nil || len(err.Error()) > 400 {
		t.Errorf("a 10,000-character prefix: %v, want a short error", err)
	}
}
