package mutability

import (
	"strings"
	"testing"
)

func TestCheckFilters(t *testing.T) {
	tests := []struct {
		name    string
		mode    string
		filters []string
		wantErr string
	}{
		{"immutable without filters", Immutable, nil, ""},
		{"mutable without filters", Mutable, nil, ""},
		{"immutable with exclusion", ImmutableWithExclusion, []string{"latest", "dev-*"}, ""},
		{"mutable with exclusion", MutableWithExclusion, []string{"release-*"}, ""},
		{"five filters", ImmutableWithExclusion, []string{"a", "b", "c", "d", "e"}, ""},
		{"exclusion mode needs filters", ImmutableWithExclusion, nil, "needs 1 to 5"},
		{"plain mode rejects filters", Immutable, []string{"latest"}, "apply only to"},
		{"six filters", MutableWithExclusion, []string{"a", "b", "c", "d", "e", "f"}, "at most 5"},
		{"bad character", ImmutableWithExclusion, []string{"lat/est"}, "not a valid exclusion filter"},
		{"too long", ImmutableWithExclusion, []string{strings.Repeat("a", 129)}, "not a valid exclusion filter"},
		{"empty filter", ImmutableWithExclusion, []string{""}, "not a valid exclusion filter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckFilters(tt.mode, tt.filters)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestTagsImmutable(t *testing.T) {
	want := map[string]bool{Mutable: false, Immutable: true, ImmutableWithExclusion: true, MutableWithExclusion: false}
	for mode, w := range want {
		if got := TagsImmutable(mode); got != w {
			t.Errorf("TagsImmutable(%s) = %v, want %v", mode, got, w)
		}
	}
}

func TestCheckMode(t *testing.T) {
	for _, m := range Modes {
		if err := CheckMode(m); err != nil {
			t.Errorf("CheckMode(%s): %v", m, err)
		}
	}
	if err := CheckMode("immutable"); err == nil {
		t.Error("lowercase mode accepted")
	}
}

func FuzzCheckFilters(f *testing.F) {
	f.Add(ImmutableWithExclusion, "latest")
	f.Add(Immutable, "")
	f.Fuzz(func(t *testing.T, mode, filter string) {
		var filters []string
		if filter != "" {
			filters = []string{filter}
		}
		err := CheckFilters(mode, filters)
		if err == nil && len(filters) > 0 && !NeedsFilters(mode) {
			t.Fatalf("filters accepted with mode %q", mode)
		}
	})
}

func TestTagImmutable(t *testing.T) {
	for _, tt := range []struct {
		mode    string
		filters []string
		tag     string
		want    bool
	}{
		{Immutable, nil, "v1", true},
		{Mutable, nil, "v1", false},
		{ImmutableWithExclusion, []string{"latest", "dev-*"}, "v1", true},
		{ImmutableWithExclusion, []string{"latest", "dev-*"}, "latest", false},
		{ImmutableWithExclusion, []string{"latest", "dev-*"}, "dev-42", false},
		{ImmutableWithExclusion, []string{"v1.*"}, "v12", true}, // '.' is literal
		{MutableWithExclusion, []string{"v*"}, "v1", true},
		{MutableWithExclusion, []string{"v*"}, "latest", false},
	} {
		if got := TagImmutable(tt.mode, tt.filters, tt.tag); got != tt.want {
			t.Errorf("TagImmutable(%s, %v, %q) = %v, want %v", tt.mode, tt.filters, tt.tag, got, tt.want)
		}
	}
}

// An unknown mode with filters is refused without inventing "<mode>_WITH_EXCLUSION" as a fix.
func TestCheckCombination_unknownModeSuggestsNothing(t *testing.T) {
	if err := CheckCombination("SOMETIMES", 1); err == nil || strings.Contains(err.Error(), "SOMETIMES_WITH_EXCLUSION") {
		t.Errorf("CheckCombination(SOMETIMES, 1) = %v, want a refusal that names no invented mode", err)
	}
	if err := CheckCombination(Immutable, 1); err == nil {
		t.Error("filters with IMMUTABLE were accepted")
	}
}
