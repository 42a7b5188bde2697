package lifecycle

import (
	"fmt"
	"sort"
)

// Protects reports whether the policy can never expire or archive an image with these tags,
// whatever its age and however many images the repository holds, and when it can, which rule
// and why.
//
// The first rule (by priority) that selects the image is the only one that may act on it ("An
// image that matches the tagging requirements of a rule cannot be expired by a rule with a lower
// priority"), and every rule acts eventually: a since* rule once the image is old enough, an
// imageCountMoreThan rule once more than countNumber images it selects are newer. So an image is
// protected exactly when no rule of the standard storage class selects its tags: the archive
// class holds only what a standard rule archived. A protecting higher-priority rule therefore
// protects up to its count, not forever; lifecycle_simulate proves a bound.
//
// It concerns the image by itself: an image that an index references is also kept while the
// index exists, and a referrer follows its subject.
func Protects(p Policy, tags []string) (bool, string) {
	rules := append([]Rule(nil), p.Rules...)
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].RulePriority < rules[j].RulePriority })
	img := Image{Tags: tags, StorageClass: StorageClassStandard}
	for _, r := range rules {
		m := newMatcher(r.Selection)
		if !m.selects(&img) {
			continue
		}
		when := fmt.Sprintf("once the image was %s more than %d days ago", sinceWhat(r.Selection.CountType), r.Selection.CountNumber)
		if r.Selection.CountType == CountTypeImageCountMoreThan {
			when = fmt.Sprintf("once more than %d images it selects are newer", r.Selection.CountNumber)
		}
		return false, fmt.Sprintf("rule %d selects it first and would %s it %s", r.RulePriority, verb(r.Action.Type), when)
	}
	return true, "no rule selects an image with these tags"
}

func sinceWhat(countType string) string {
	switch countType {
	case CountTypeSinceImagePulled:
		return "last pulled (or pushed, if never pulled)"
	case CountTypeSinceImageTransitioned:
		return "archived"
	}
	return "pushed"
}

func verb(action string) string {
	if action == ActionTransition {
		return "archive"
	}
	return "expire"
}
