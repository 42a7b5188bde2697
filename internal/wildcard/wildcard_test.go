package wildcard

import (
	"regexp"
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, value string
		want           bool
	}{
		// Lifecycle tag patterns.
		{"prod*", "prod", true}, {"prod*", "prod-1", true}, {"prod*", "preprod", false},
		{"*-rc", "v1-rc", true}, {"*-rc", "v1-rc1", false}, {"v*.*", "v1.2", true}, {"v*.*", "v12", false},
		{"*", "", true}, {"a*b*c", "abc", true}, {"a*b*c", "aXbYc", true}, {"a*b*c", "acb", false},
		{"exact", "exact", true}, {"exact", "exactly", false}, {"**", "x", true}, {"a*a", "a", false},
		// Exclusion filters: '.' is literal, unlike the regex moto uses.
		{"latest", "latest", true}, {"latest", "latest2", false}, {"dev-*", "dev-123", true}, {"dev-*", "dev", false},
		{"*-rc*", "v1-rc2", true}, {"v1.*", "v1.2", true}, {"v1.*", "v12", false}, {"*", "anything", true},
		// Repository names.
		{"team/*", "team/app", true}, {"team/*", "other/app", false}, {"*/app", "a/b/app", true},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.value); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.value, got, tt.want)
		}
	}
}

func TestMatchAny(t *testing.T) {
	if !MatchAny("v*", []string{"latest", "v1"}) {
		t.Error("MatchAny missed v1")
	}
	if MatchAny("v*", []string{"latest", "dev"}) || MatchAny("v*", nil) {
		t.Error("MatchAny matched a value that does not match")
	}
}

// FuzzMatch checks the allocation-free matcher against an anchored regular expression, the
// obvious (slower) reading of the same syntax.
func FuzzMatch(f *testing.F) {
	for _, s := range [][2]string{{"prod*", "prod-1"}, {"a*b*c", "aXbYc"}, {"*", ""}, {"a*a", "a"}, {"v1.*", "v12"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, value string) {
		parts := strings.Split(pattern, "*")
		for i, p := range parts {
			parts[i] = regexp.QuoteMeta(p)
		}
		re, err := regexp.Compile(`^(?s:` + strings.Join(parts, ".*") + `)$`)
		if err != nil {
			t.Skip()
		}
		if got, want := Match(pattern, value), re.MatchString(value); got != want {
			t.Fatalf("Match(%q, %q) = %v, the regular expression says %v", pattern, value, got, want)
		}
	})
}
