// Package scanning answers which repositories a registry scanning configuration scans, so a plan
// can say which repositories a change would stop scanning. No Terraform or SDK imports.
package scanning

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/wildcard"
)

// Scan types and frequencies, as the API names them.
const (
	Basic          = "BASIC"
	Enhanced       = "ENHANCED"
	ScanOnPush     = "SCAN_ON_PUSH"
	ContinuousScan = "CONTINUOUS_SCAN"
	Manual         = "MANUAL"
)

// Limits of the API model: at most 2 rules (RegistryScanningRuleList), at most 100 filters a
// rule (ScanningRepositoryFilterList), each 1-255 characters.
const (
	MaxRules          = 2
	MaxFilters        = 100
	MaxFilterLength   = 255
	filterPatternText = `^[a-z0-9*](?:[._\-/a-z0-9*]?[a-z0-9*]+)*$`
)

var filterPattern = regexp.MustCompile(filterPatternText)

// CheckFilter reports whether s is a repository filter ECR accepts: the API model's
// ScanningRepositoryFilterValue pattern, where '*' is the wildcard.
func CheckFilter(s string) error {
	if len(s) == 0 || len(s) > MaxFilterLength {
		return fmt.Errorf("a repository filter has 1 to %d characters, not %d", MaxFilterLength, len(s))
	}
	if !filterPattern.MatchString(s) {
		return fmt.Errorf("%q is not a repository filter: lowercase letters, digits, '.', '_', '-', '/' and the "+
			"wildcard '*', "+
			"starting and ending with a letter, digit or '*' (for example \"prod/*\" or \"*\")", s)
	}
	return nil
}

// CheckFrequency reports whether a rule's frequency is available with the scan type: "When the
// ENHANCED scan type is specified, the supported scan frequencies are CONTINUOUS_SCAN and
// SCAN_ON_PUSH. When the BASIC scan type is specified, the SCAN_ON_PUSH scan frequency is
// supported." (API reference, RegistryScanningRule.)
func CheckFrequency(scanType, frequency string) error {
	if frequency == ContinuousScan && scanType != Enhanced {
		return fmt.Errorf("CONTINUOUS_SCAN needs scan_type = \"ENHANCED\"; BASIC scanning supports SCAN_ON_PUSH")
	}
	return nil
}

// Rule is one scanning rule.
type Rule struct {
	Frequency string
	Filters   []string
}

// Config is a registry scanning configuration.
type Config struct {
	ScanType string
	Rules    []Rule
}

// Scans reports whether the configuration scans a repository without anyone asking: a
// SCAN_ON_PUSH or CONTINUOUS_SCAN rule matches its name or, with BASIC scanning, the repository's
// own scanOnPush is on (ENHANCED scanning ignores the repository setting).
func (c Config) Scans(name string, repositoryScanOnPush bool) bool {
	if c.ScanType != Enhanced && repositoryScanOnPush {
		return true
	}
	for _, r := range c.Rules {
		if r.Frequency != ScanOnPush && r.Frequency != ContinuousScan {
			continue
		}
		for _, f := range r.Filters {
			if FilterMatches(f, name) {
				return true
			}
		}
	}
	return false
}

// FilterMatches reports whether a scanning filter matches a repository name: "a filter with no
// wildcard will match all repository names that contain the filter. A filter with a wildcard (*)
// matches on any repository name where the wildcard replaces zero or more characters." (User
// Guide, "Filters to choose which repositories are scanned".) So "prod" matches
// "repo-prod-repo", while "*prod" matches only names that end in "prod".
func FilterMatches(filter, name string) bool {
	if !strings.Contains(filter, "*") {
		return strings.Contains(name, filter)
	}
	return wildcard.Match(filter, name)
}
