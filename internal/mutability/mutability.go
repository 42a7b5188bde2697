// Package mutability holds ECR's rules for image tag mutability and its exclusion filters.
// It has no Terraform imports; the provider's validators and the registry audit call it.
package mutability

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/wildcard"
)

// Modes are the values of ECR's ImageTagMutability.
// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
const (
	Mutable                = "MUTABLE"
	Immutable              = "IMMUTABLE"
	ImmutableWithExclusion = "IMMUTABLE_WITH_EXCLUSION"
	MutableWithExclusion   = "MUTABLE_WITH_EXCLUSION"
)

// Modes lists every mode, for schema enums and docs.
var Modes = []string{Mutable, Immutable, ImmutableWithExclusion, MutableWithExclusion}

// Filter limits from ImageTagMutabilityExclusionFilter: 1 to 5 filters, each 1 to 128 of
// [0-9a-zA-Z._*-]. The filter type is always WILDCARD.
const (
	MinFilters = 1
	MaxFilters = 5
)

var filterPattern = regexp.MustCompile(`^[0-9a-zA-Z._*-]{1,128}$`)

// NeedsFilters reports whether mode is one of the *_WITH_EXCLUSION modes, which require filters;
// the plain modes forbid them.
func NeedsFilters(mode string) bool {
	return strings.HasSuffix(mode, "_WITH_EXCLUSION")
}

// TagsImmutable reports whether pushing an existing tag is rejected for the tags that are not
// excluded: true for IMMUTABLE and IMMUTABLE_WITH_EXCLUSION.
func TagsImmutable(mode string) bool {
	return mode == Immutable || mode == ImmutableWithExclusion
}

// CheckMode reports whether mode is a known ECR mode.
func CheckMode(mode string) error {
	if !slices.Contains(Modes, mode) {
		return fmt.Errorf("%q is not a tag mutability mode; use one of %s", mode, strings.Join(Modes, ", "))
	}
	return nil
}

// CheckFilter reports whether f is a valid WILDCARD exclusion filter.
func CheckFilter(f string) error {
	if !filterPattern.MatchString(f) {
		return fmt.Errorf("%q is not a valid exclusion filter: use 1 to 128 letters, digits, '.', '_', '-' or the "+
			"wildcard '*'", f)
	}
	return nil
}

// CheckCombination checks that a *_WITH_EXCLUSION mode has filters and a plain mode has none.
func CheckCombination(mode string, filterCount int) error {
	switch {
	case NeedsFilters(mode) && filterCount == 0:
		return fmt.Errorf("%s needs 1 to %d exclusion filters, such as [\"latest\"]; or use %s", mode, MaxFilters, strings.TrimSuffix(mode, "_WITH_EXCLUSION"))
	case !NeedsFilters(mode) && filterCount > 0:
		if !slices.Contains(Modes, mode) {
			// Still refused, but without suggesting "<it>_WITH_EXCLUSION", which would invent a mode.
			return fmt.Errorf("exclusion filters apply only to %s and %s", ImmutableWithExclusion, MutableWithExclusion)
		}
		return fmt.Errorf("exclusion filters apply only to %s and %s; use %s_WITH_EXCLUSION, or remove the filters", ImmutableWithExclusion, MutableWithExclusion, mode)
	}
	return nil
}

// CheckFilters checks everything ECR checks about a mode and its filters: the combination, the
// count and each filter. filters is nil when none were given.
func CheckFilters(mode string, filters []string) error {
	if err := CheckCombination(mode, len(filters)); err != nil {
		return err
	}
	if len(filters) > MaxFilters {
		return fmt.Errorf("%d exclusion filters given; ECR allows at most %d", len(filters), MaxFilters)
	}
	for _, f := range filters {
		if err := CheckFilter(f); err != nil {
			return err
		}
	}
	return nil
}

// TagImmutable reports whether a repository with this mode and these exclusion filters refuses
// to move tag to other bits: every tag under IMMUTABLE, the tags no filter matches under
// IMMUTABLE_WITH_EXCLUSION, and the tags a filter matches under MUTABLE_WITH_EXCLUSION.
func TagImmutable(mode string, filters []string, tag string) bool {
	excluded := slices.ContainsFunc(filters, func(f string) bool { return wildcard.Match(f, tag) })
	switch mode {
	case Immutable:
		return true
	case ImmutableWithExclusion:
		return !excluded
	case MutableWithExclusion:
		return excluded
	}
	return false
}
