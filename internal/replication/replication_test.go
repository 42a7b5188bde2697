package replication

import (
	"strings"
	"testing"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/creationtemplate"
)

const acct = "111122223333"

func dest(region string) Destination { return Destination{Region: region, RegistryID: acct} }

func TestKey_canonical(t *testing.T) {
	a := Rule{Destinations: []Destination{dest("us-west-2"), dest("eu-west-1")}, Filters: []string{"team/", "prod/"}}
	b := Rule{Destinations: []Destination{dest("eu-west-1"), dest("us-west-2"), dest("eu-west-1")}, Filters: []string{"prod/", "team/"},
		DeleteReplication: true}
	want := "eu-west-1/111122223333,us-west-2/111122223333:prod/,team/"
	if a.Key() != want || b.Key() != want {
		t.Errorf("keys %q, %q, want both %q (order, duplicates and deleteReplication do not count)", a.Key(), b.Key(), want)
	}
	if got := (Rule{Destinations: []Destination{dest("us-west-2")}}).Key(); got != "us-west-2/111122223333:" {
		t.Errorf("no filters: key %q", got)
	}
}

func TestParseKey(t *testing.T) {
	tests := []struct {
		key, want, err string
	}{
		{key: "us-west-2/111122223333:", want: "us-west-2/111122223333:"},
		{key: "us-west-2/111122223333,eu-west-1/111122223333:team/,prod", want: "eu-west-1/111122223333,us-west-2/111122223333:prod,team/"},
		{key: "us-west-2/111122223333", err: "no \":\""},
		{key: "us-west-2:prod/", err: "not region/registry_id"},
		{key: "us-west-2/1234:prod/", err: "12-digit"},
		{key: "US/111122223333:", err: "not a Region"},
		{key: "us-west-2/111122223333:Prod/", err: "not a repository name prefix"},
		{key: ":prod/", err: "not region/registry_id"},
	}
	for _, tt := range tests {
		r, err := ParseKey(tt.key)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseKey(%q) err = %v, want %q", tt.key, err, tt.err)
			}
			continue
		}
		if err != nil || r.Key() != tt.want {
			t.Errorf("ParseKey(%q) = %q, %v; want %q", tt.key, r.Key(), err, tt.want)
		}
	}
}

func TestProblems(t *testing.T) {
	many := func(n int, f func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	var tooManyDests []Destination
	for i := range MaxDestinations + 1 {
		tooManyDests = append(tooManyDests, Destination{Region: "r" + strings.Repeat("a", i%20+1) + string(rune('a'+i/20)), RegistryID: acct})
	}
	tests := []struct {
		name string
		rule Rule
		attr string
		want string
	}{
		{"no destination", Rule{}, "destination", "at least one destination"},
		{"101 destinations", Rule{Destinations: tooManyDests}, "destination", "at most 100 destinations"},
		{"twice", Rule{Destinations: []Destination{dest("us-west-2"), dest("us-west-2")}}, "destination", "listed twice"},
		{"bad account", Rule{Destinations: []Destination{{Region: "us-west-2", RegistryID: "12"}}}, "destination", "12-digit"},
		{"101 filters", Rule{Destinations: []Destination{dest("us-west-2")},
			Filters: many(MaxFilters+1, func(i int) string { return "p" + strings.Repeat("x", i+1) })}, "repository_filter", "at most 100"},
		{"short filter", Rule{Destinations: []Destination{dest("us-west-2")}, Filters: []string{"a"}}, "repository_filter", "2-256"},
		{"upper filter", Rule{Destinations: []Destination{dest("us-west-2")}, Filters: []string{"Team/"}}, "repository_filter", "prefix"},
	}
	for _, tt := range tests {
		ps := tt.rule.Problems()
		if len(ps) == 0 || ps[0].Attribute != tt.attr || !strings.Contains(ps[0].Message, tt.want) {
			t.Errorf("%s: problems %+v, want %s: %q", tt.name, ps, tt.attr, tt.want)
		}
	}
	ok := Rule{Destinations: []Destination{dest("us-west-2")}, Filters: []string{"team/", "prod"}}
	if ps := ok.Problems(); len(ps) != 0 {
		t.Errorf("a valid rule: %+v", ps)
	}
}

func TestCovers(t *testing.T) {
	all := Rule{Destinations: []Destination{dest("us-west-2")}}
	team := Rule{Destinations: []Destination{dest("us-west-2")}, Filters: []string{"team/", "prod"}}
	for name, want := range map[string]bool{"team/app": true, "production": true, "teams/app": false, "app": false} {
		if team.Covers(name) != want {
			t.Errorf("team.Covers(%q) = %v", name, !want)
		}
		if !all.Covers(name) {
			t.Errorf("a rule without filters does not cover %q", name)
		}
	}
}

func TestUpsertAndRemove(t *testing.T) {
	theirs := Rule{Destinations: []Destination{dest("ap-south-1")}}
	ours := Rule{Destinations: []Destination{dest("us-west-2")}, Filters: []string{"team/"}}
	other := Rule{Destinations: []Destination{dest("eu-west-1")}}
	rules := []Rule{theirs, other}

	added := Upsert(rules, nil, ours)
	if len(added) != 3 || added[2].Key() != ours.Key() || added[0].Key() != theirs.Key() {
		t.Fatalf("add: %+v", added)
	}
	if len(rules) != 2 {
		t.Fatal("Upsert changed its input")
	}
	// Changing deleteReplication keeps the rule in place.
	flipped := ours
	flipped.DeleteReplication = true
	if got := Upsert(added, &ours, flipped); len(got) != 3 || !got[2].DeleteReplication || !Holds(got, flipped) || Holds(got, ours) {
		t.Errorf("flip: %+v", got)
	}
	// A new identity takes the old one's place; a twin of the new identity does not survive.
	moved := Rule{Destinations: []Destination{dest("us-west-2"), dest("us-east-2")}, Filters: []string{"team/"}}
	got := Upsert(append(added, moved), &ours, moved)
	if len(got) != 3 || got[2].Key() != moved.Key() || Find(got, ours) >= 0 {
		t.Errorf("move: %+v", got)
	}
	if got := Remove(added, ours); len(got) != 2 || Find(got, ours) >= 0 || got[1].Key() != other.Key() {
		t.Errorf("remove: %+v", got)
	}
	if got := Remove(rules, ours); len(got) != 2 {
		t.Errorf("removing what is not there: %+v", got)
	}
}

func FuzzParseKey(f *testing.F) {
	for _, s := range []string{"us-west-2/111122223333:", "a/1:b", "us-west-2/111122223333,eu-west-1/111122223333:prod/,team/", ":", ",:,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, key string) {
		r, err := ParseKey(key)
		if err != nil {
			return
		}
		// A parsed key is valid and canonical: parsing its own key gives the same rule.
		again, err := ParseKey(r.Key())
		if err != nil || again.Key() != r.Key() {
			t.Errorf("ParseKey(%q) -> %q, which parses to %q, %v", key, r.Key(), again.Key(), err)
		}
	})
}

func TestUngovernedFilters(t *testing.T) {
	tpl := func(prefix string, scenarios ...string) creationtemplate.Template {
		return creationtemplate.Template{Prefix: prefix, AppliedFor: scenarios}
	}
	rule := func(filters ...string) Rule {
		return Rule{Destinations: []Destination{dest("us-west-2")}, Filters: filters}
	}
	tests := []struct {
		name      string
		rule      Rule
		templates []creationtemplate.Template
		want      []string
	}{
		{"namespace covers its filter", rule("team/", "team/app"), []creationtemplate.Template{tpl("team", "REPLICATION")}, nil},
		{"a bare prefix selects more than the namespace", rule("team"), []creationtemplate.Template{tpl("team", "REPLICATION")}, []string{"team"}},
		{"wrong scenario", rule("team/"), []creationtemplate.Template{tpl("team", "CREATE_ON_PUSH")}, []string{"team/"}},
		{"ROOT covers all", rule("team", "x/"), []creationtemplate.Template{tpl("ROOT", "REPLICATION")}, nil},
		{"no filter needs ROOT", rule(), []creationtemplate.Template{tpl("team", "REPLICATION")}, []string{""}},
		{"only one covered", rule("team/", "ops/"), []creationtemplate.Template{tpl("team", "REPLICATION")}, []string{"ops/"}},
	}
	for _, tt := range tests {
		got := tt.rule.UngovernedFilters(tt.templates)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
