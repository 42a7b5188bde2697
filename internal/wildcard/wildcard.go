// Package wildcard is ECR's one wildcard syntax, shared by lifecycle tag patterns, tag-mutability
// exclusion filters, repository-name patterns and image lookups: '*' matches any run of
// characters, including none, and everything else matches literally over the whole value.
//
// ECR documents it for lifecycle rules ("Lifecycle policy properties", tagPatternList: "if your
// images are tagged as prod, prod1, prod2, and so on, you would use the tag pattern list prod*
// to specify all of them") and for exclusion filters (filterType WILDCARD). No Terraform imports.
package wildcard

import "strings"

// Pattern is a wildcard split at its '*'s once, so that matching allocates nothing: the
// lifecycle simulator matches every rule against every image.
type Pattern []string

// Compile prepares pattern for repeated matching.
func Compile(pattern string) Pattern { return strings.Split(pattern, "*") }

// Match reports whether value matches the compiled pattern.
func (p Pattern) Match(value string) bool {
	if len(p) == 1 {
		return p[0] == value
	}
	first, last := p[0], p[len(p)-1]
	if len(value) < len(first)+len(last) || !strings.HasPrefix(value, first) || !strings.HasSuffix(value, last) {
		return false
	}
	rest := value[len(first) : len(value)-len(last)]
	for _, mid := range p[1 : len(p)-1] {
		i := strings.Index(rest, mid)
		if i < 0 {
			return false
		}
		rest = rest[i+len(mid):]
	}
	return true
}

// MatchAny reports whether one of values matches the compiled pattern.
func (p Pattern) MatchAny(values []string) bool {
	for _, v := range values {
		if p.Match(v) {
			return true
		}
	}
	return false
}

// Match reports whether value matches pattern.
func Match(pattern, value string) bool { return Compile(pattern).Match(value) }

// MatchAny reports whether one of values matches pattern.
func MatchAny(pattern string, values []string) bool { return Compile(pattern).MatchAny(values) }
