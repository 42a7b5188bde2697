// Package replication holds ECR's private image replication rules as plain values: how a rule is
// identified, ECR's limits, and the one change a resource makes to the registry's configuration
// (its own rule, and nothing else). It has no Terraform or SDK imports.
//
// A rule is identified by its destinations and its repository filters, canonicalised: the
// destinations as "region/registry" and the filters as prefixes, each sorted and without
// duplicates. deleteReplication is a setting of the rule, not part of its identity, so it can
// change in place. Two rules with the same destinations and filters are the same rule.
package replication

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/creationtemplate"
)

// ECR's limits (API reference): ReplicationConfiguration.rules "Maximum number of 10 items";
// ReplicationRule.destinations "Maximum number of 100 items"; ReplicationRule.repositoryFilters
// "Minimum number of 1 item. Maximum number of 100 items"; RepositoryFilterValue 2-256
// characters with the model's pattern; Region 2-25 characters of [0-9a-z-]; RegistryId 12 digits.
const (
	MaxRules        = 10
	MaxDestinations = 100
	MaxFilters      = 100
)

var (
	filterPattern   = regexp.MustCompile(`^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$`)
	regionPattern   = regexp.MustCompile(`^[0-9a-z-]{2,25}$`)
	registryPattern = regexp.MustCompile(`^[0-9]{12}$`)
)

// Destination is where a rule replicates to.
type Destination struct {
	Region     string
	RegistryID string
}

func (d Destination) String() string { return d.Region + "/" + d.RegistryID }

// Rule is one replication rule. Filters are PREFIX_MATCH prefixes (the only filter type); none
// replicates every repository.
type Rule struct {
	Destinations      []Destination
	Filters           []string
	DeleteReplication bool
}

// Canonical returns the rule with its destinations and filters sorted and deduplicated.
func (r Rule) Canonical() Rule {
	out := Rule{DeleteReplication: r.DeleteReplication}
	out.Destinations = slices.Clone(r.Destinations)
	slices.SortFunc(out.Destinations, func(a, b Destination) int { return strings.Compare(a.String(), b.String()) })
	out.Destinations = slices.Compact(out.Destinations)
	out.Filters = slices.Compact(slices.Sorted(slices.Values(r.Filters)))
	return out
}

// Key identifies the rule: "destinations:filters", each part comma-separated in canonical order,
// such as "eu-west-1/111122223333,us-west-2/111122223333:prod/,team/" (no filters: nothing after
// the colon). It is the import ID of ecrgov_replication_rule.
func (r Rule) Key() string {
	c := r.Canonical()
	dests := make([]string, len(c.Destinations))
	for i, d := range c.Destinations {
		dests[i] = d.String()
	}
	return strings.Join(dests, ",") + ":" + strings.Join(c.Filters, ",")
}

// SameRule reports whether a and b are the same rule (same destinations and filters).
func SameRule(a, b Rule) bool { return a.Key() == b.Key() }

// ParseKey reads a key (Key's form) back into a rule without deleteReplication, checking each part.
func ParseKey(key string) (Rule, error) {
	dests, filters, ok := strings.Cut(key, ":")
	if !ok {
		return Rule{}, fmt.Errorf("%q has no \":\" between the destinations and the filters", key)
	}
	var r Rule
	for _, d := range strings.Split(dests, ",") {
		region, registry, ok := strings.Cut(d, "/")
		if !ok {
			return Rule{}, fmt.Errorf("destination %q is not region/registry_id", d)
		}
		r.Destinations = append(r.Destinations, Destination{Region: region, RegistryID: registry})
	}
	if filters != "" {
		r.Filters = strings.Split(filters, ",")
	}
	if err := r.Check(); err != nil {
		return Rule{}, err
	}
	return r.Canonical(), nil
}

// Problem is one broken limit, with the attribute it concerns ("destination", "repository_filter").
type Problem struct {
	Attribute string
	Index     int // the block's index, or -1 for the list as a whole
	Message   string
}

func (p Problem) Error() string { return p.Message }

// Problems lists what ECR would refuse in the rule, before anything is sent.
func (r Rule) Problems() []Problem {
	var out []Problem
	switch {
	case len(r.Destinations) == 0:
		out = append(out, Problem{"destination", -1, "a replication rule needs at least one destination"})
	case len(r.Destinations) > MaxDestinations:
		out = append(out, Problem{"destination", -1, fmt.Sprintf("a replication rule has at most %d destinations "+
			"(ReplicationRule, "+
			"API reference); this one has %d", MaxDestinations, len(r.Destinations))})
	}
	seen := map[Destination]bool{}
	for i, d := range r.Destinations {
		if !regionPattern.MatchString(d.Region) {
			out = append(out, Problem{"destination", i, fmt.Sprintf("region %q is not a Region name (2-25 of a-z, 0-9, -)", d.Region)})
		}
		if !registryPattern.MatchString(d.RegistryID) {
			out = append(out, Problem{"destination", i, fmt.Sprintf("registry_id %q is not a 12-digit account ID", d.RegistryID)})
		}
		if seen[d] {
			out = append(out, Problem{"destination", i, fmt.Sprintf("destination %s is listed twice", d)})
		}
		seen[d] = true
	}
	if len(r.Filters) > MaxFilters {
		out = append(out, Problem{"repository_filter", -1, fmt.Sprintf("a replication rule has at most %d repository "+
			"filters "+
			"(ReplicationRule, API reference); this one has %d", MaxFilters, len(r.Filters))})
	}
	filters := map[string]bool{}
	for i, f := range r.Filters {
		if err := CheckFilter(f); err != nil {
			out = append(out, Problem{"repository_filter", i, err.Error()})
		}
		if filters[f] {
			out = append(out, Problem{"repository_filter", i, fmt.Sprintf("filter %q is listed twice", f)})
		}
		filters[f] = true
	}
	return out
}

// Check is Problems as one error, or nil.
func (r Rule) Check() error {
	var errs []error
	for _, p := range r.Problems() {
		errs = append(errs, p)
	}
	return errors.Join(errs...)
}

// CheckFilter checks a PREFIX_MATCH filter against the model's RepositoryFilterValue: 2-256
// characters, lowercase repository-name parts.
func CheckFilter(f string) error {
	if len(f) < 2 || len(f) > 256 {
		return fmt.Errorf("filter %q must be 2-256 characters (RepositoryFilterValue)", f)
	}
	if !filterPattern.MatchString(f) {
		return fmt.Errorf("filter %q is not a repository name prefix: lowercase letters, digits, and . _ - / between them "+
			"(RepositoryFilterValue)", f)
	}
	return nil
}

// Covers reports whether the rule replicates repository name: no filters covers every
// repository; a filter covers the names that start with it.
func (r Rule) Covers(name string) bool {
	if len(r.Filters) == 0 {
		return true
	}
	return slices.ContainsFunc(r.Filters, func(f string) bool { return strings.HasPrefix(name, f) })
}

// Find returns the index of the rule identified like want, or -1.
func Find(rules []Rule, want Rule) int {
	key := want.Key()
	return slices.IndexFunc(rules, func(r Rule) bool { return r.Key() == key })
}

// Upsert returns rules with want in place of the rule identified like old (want's own identity
// when old is nil), or appended when there is none. Every other rule is kept as it is, in order.
func Upsert(rules []Rule, old *Rule, want Rule) []Rule {
	out := slices.Clone(rules)
	at := -1
	if old != nil {
		at = Find(out, *old)
	}
	if at < 0 {
		at = Find(out, want)
	}
	if at < 0 {
		return append(out, want)
	}
	out[at] = want
	// A rule with want's identity elsewhere (when old's place was taken) would now be a twin.
	key := want.Key()
	for i := len(out) - 1; i >= 0; i-- {
		if i != at && out[i].Key() == key {
			out = slices.Delete(out, i, i+1)
		}
	}
	return out
}

// Remove returns rules without the rule identified like gone; the others are kept in order.
func Remove(rules []Rule, gone Rule) []Rule {
	key := gone.Key()
	return slices.DeleteFunc(slices.Clone(rules), func(r Rule) bool { return r.Key() == key })
}

// Holds reports whether rules hold want exactly: the same identity and the same deleteReplication.
func Holds(rules []Rule, want Rule) bool {
	at := Find(rules, want)
	return at >= 0 && rules[at].DeleteReplication == want.DeleteReplication
}

// UngovernedFilters returns the rule's filters whose repositories no template applied for
// REPLICATION covers whole ("" stands for every repository, a rule without filters). A filter is
// covered by ROOT, or by a template whose namespace ("prefix/") it starts with: the filter "team"
// also selects "teams/app", which only ROOT covers.
func (r Rule) UngovernedFilters(templates []creationtemplate.Template) []string {
	var replicating []string
	for _, t := range templates {
		if slices.Contains(t.AppliedFor, Scenario) {
			replicating = append(replicating, t.Prefix)
		}
	}
	if slices.Contains(replicating, creationtemplate.Root) {
		return nil
	}
	filters := r.Filters
	if len(filters) == 0 {
		filters = []string{""}
	}
	var out []string
	for _, f := range filters {
		covered := slices.ContainsFunc(replicating, func(p string) bool { return f != "" && strings.HasPrefix(f, strings.TrimRight(p, "/")+"/") })
		if !covered {
			out = append(out, f)
		}
	}
	return out
}

// Scenario is the creation template scenario of a replicated repository.
const Scenario = "REPLICATION"
