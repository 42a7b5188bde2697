// Package signing answers which managed-signing rules cover a repository and whether an image
// is signed by all of them. No Terraform or SDK imports.
package signing

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/wildcard"
)

// Limits of PutSigningConfiguration: "Maximum of 10 rules" (SigningConfiguration) and "Maximum
// of 100 filters per rule" (SigningRule).
const (
	MaxRules   = 10
	MaxFilters = 100
)

// profileARNPattern is an AWS Signer signing profile ARN:
// arn:aws:signer:REGION:ACCOUNT:/signing-profiles/NAME (names are 2-64 letters, digits and _).
var profileARNPattern = regexp.MustCompile(`^arn:aws(-[a-z]+)*:signer:[a-z0-9-]+:[0-9]{12}:/signing-profiles/[A-Za-z0-9_]{2,64}$`)

// CheckProfileARN reports whether s is an AWS Signer signing profile ARN.
func CheckProfileARN(s string) error {
	if !profileARNPattern.MatchString(s) {
		return fmt.Errorf("%q is not an AWS Signer signing profile ARN; expected "+
			"arn:aws:signer:REGION:123456789012:/signing-profiles/NAME", s)
	}
	return nil
}

// filterPattern is the service model's SigningRepositoryFilterValue: a repository name in which
// '*' may stand for any run of characters ("myapp/*", "*/production", "*prod*"), 1-256
// characters. Its components are separated by one of '.', '_' or '-' and by '/', as in a
// repository name, so "a..b", "-a" and "a/" are refused.
var filterPattern = regexp.MustCompile(`^(?:[a-z0-9*]+(?:[._-][a-z0-9*]+)*/)*[a-z0-9*]+(?:[._-][a-z0-9*]+)*$`)

// CheckFilter reports whether s is a WILDCARD_MATCH repository filter.
func CheckFilter(s string) error {
	if len(s) > 256 || !filterPattern.MatchString(s) {
		return fmt.Errorf("%q is not a repository filter: up to 256 lowercase letters, digits and the wildcard '*', in "+
			"components separated by '/' and single '.', '_' or '-' (for example \"myapp/*\" or \"*prod*\")", s)
	}
	return nil
}

// Rule is one signing rule: a profile, and the filters of the repositories it signs (none: every
// repository, "If no filters are specified, all images pushed to the registry are signed").
type Rule struct {
	ProfileARN string
	Filters    []string
}

// Covers reports whether the rule signs images pushed to repository.
func (r Rule) Covers(repository string) bool {
	if len(r.Filters) == 0 {
		return true
	}
	for _, f := range r.Filters {
		if wildcard.Match(f, repository) {
			return true
		}
	}
	return false
}

// Profiles returns the profiles whose rules cover repository, sorted and without repeats.
func Profiles(rules []Rule, repository string) []string {
	var out []string
	for _, r := range rules {
		if r.Covers(repository) && !slices.Contains(out, r.ProfileARN) {
			out = append(out, r.ProfileARN)
		}
	}
	slices.Sort(out)
	return out
}

// Signed reports whether an image is signed by every applicable profile: each has a COMPLETE
// status. An image with no applicable profile is not signed.
func Signed(applicable []string, complete func(profile string) bool) bool {
	if len(applicable) == 0 {
		return false
	}
	for _, p := range applicable {
		if !complete(p) {
			return false
		}
	}
	return true
}
