// Package creationtemplate answers which repository creation template governs a repository
// name, the rule ECR applies when it creates a repository on a push, a pull through cache or a
// replication. It has no Terraform or SDK imports, so the provider's resource, function and audit
// and the tests share one reading of the rule.
package creationtemplate

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Root is the prefix of the template that applies "to all repositories in your registry that
// don't have an associated creation template" (API reference, CreateRepositoryCreationTemplate).
const Root = "ROOT"

// CreateOnPush is the scenario of a push to a repository that does not exist.
const CreateOnPush = "CREATE_ON_PUSH"

// Scenarios are the repository creation scenarios a template can be applied for.
var Scenarios = []string{CreateOnPush, "PULL_THROUGH_CACHE", "REPLICATION"}

// MaxPrefixLength is the API model's limit on a prefix.
const MaxPrefixLength = 256

// namespacePattern is the API model's Prefix pattern without its optional trailing "/": ECR
// appends the "/" itself ("There is always an assumed / applied to the end of the prefix").
// Components are separated by ".", "_", "__" or a run of "-", as in the model's RepositoryName.
var namespacePattern = regexp.MustCompile(`^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$`)

// CheckPrefix reports whether s is a prefix a template can take: ROOT, or a repository
// namespace such as "prod" or "prod/team". A trailing "/" is refused because ECR assumes it:
// "prod/" and "prod" would name the same namespace.
func CheckPrefix(s string) error {
	switch {
	case s == Root:
		return nil
	case s == "":
		return fmt.Errorf("a prefix is a namespace such as %q, or %s for every repository no other template covers", "prod/team", Root)
	case len(s) > MaxPrefixLength:
		return fmt.Errorf("%q is %d characters; a prefix has at most %d", s, len(s), MaxPrefixLength)
	case strings.HasSuffix(s, "/") && namespacePattern.MatchString(strings.TrimRight(s, "/")):
		// Suggest the prefix without the "/" only when that one is valid.
		return fmt.Errorf("%q ends with \"/\"; ECR appends the \"/\" itself, so write %q", s, strings.TrimRight(s, "/"))
	case !namespacePattern.MatchString(s):
		return fmt.Errorf("%q is not a repository namespace: lowercase letters and digits, separated by \".\", \"_\", \"__\", \"-\" (one or more) or \"/\" (for example %q)", s, "prod/team")
	}
	return nil
}

// Covers reports whether a template with prefix applies to a repository created at name.
// ROOT covers every name; a namespace covers the names that start with it and "/".
func Covers(prefix, name string) bool {
	return prefix == Root || strings.HasPrefix(name, strings.TrimRight(prefix, "/")+"/")
}

// specificity orders the templates that cover a name: a longer namespace is more specific, and
// ROOT is the least specific of all.
func specificity(prefix string) int {
	if prefix == Root {
		return 0
	}
	return len(strings.TrimRight(prefix, "/")) + 1
}

// Template is what the rule needs to know of a template.
type Template struct {
	Prefix     string
	AppliedFor []string
}

// Governing returns the index in templates of the template that governs a repository created at
// name, or -1 when none does. It is the most specific covering template: "In a registry
// containing two templates, if one template has the prefix "prod" and the other has the prefix
// "prod/team", the template with the prefix "prod/team" will be applied to all repositories
// whose names start with "prod/team/"" (User Guide, repository creation templates); ROOT only
// when no namespace covers the name.
//
// With a scenario, only templates applied for it are considered, so a more specific template
// applied only for PULL_THROUGH_CACHE does not take a push from a CREATE_ON_PUSH one. ECR does
// not document that case; DESIGN.md says so. An empty scenario considers every template applied
// for at least one scenario: a template applied for none is never used to create anything.
func Governing(name string, templates []Template, scenario string) int {
	best, bestRank := -1, -1
	for i, t := range templates {
		if len(t.AppliedFor) == 0 || (scenario != "" && !slices.Contains(t.AppliedFor, scenario)) {
			continue
		}
		if !Covers(t.Prefix, name) {
			continue
		}
		if rank := specificity(t.Prefix); rank > bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}

// Shadowing returns the prefixes among others that govern part of prefix's namespace more
// specifically: repositories created there get their settings, not prefix's. For ROOT that is
// every other template. The result is sorted.
func Shadowing(prefix string, others []string) []string {
	var out []string
	for _, o := range others {
		if o == prefix || o == Root {
			continue
		}
		if prefix == Root || Covers(prefix, o) {
			out = append(out, o)
		}
	}
	slices.Sort(out)
	return out
}
