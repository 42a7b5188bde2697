package lifecycle

import (
	"fmt"
	"sort"
	"time"
)

// Image is what the simulator knows of one image in a repository.
type Image struct {
	Digest          string
	Tags            []string
	PushedAt        time.Time
	LastPulledAt    time.Time // zero: never pulled
	StorageClass    string    // "" or "standard", or "archive"
	LastArchivedAt  time.Time // zero: never archived
	LastActivatedAt time.Time // zero: never restored from archive
	// ReferencedBy lists the digests of manifest lists or indexes that reference this image.
	ReferencedBy []string
	// SubjectDigest is set for referrer artifacts (signatures, SBOMs): the image they describe.
	SubjectDigest string
}

// Decision says that a rule acts on an image.
type Decision struct {
	Digest       string
	Action       string // ActionExpire or ActionTransition
	RulePriority int64
	Reason       string
}

// ActionKeep is a Verdict's action for an image no rule acts on.
const ActionKeep = "keep"

// Verdict says what the policy does to one image, and why: the rule that acts on it, or the
// reason it is kept (protected by an index, within a rule's newest N, too recent for a rule, or
// selected by no rule).
type Verdict struct {
	Digest       string
	Action       string // ActionKeep, ActionExpire or ActionTransition
	RulePriority int64  // the rule that acts on or keeps the image; 0 when none selects it
	Reason       string
}

const day = 24 * time.Hour

// Simulate returns what the policy would do to images at time now: the images it acts on,
// sorted by digest. The policy should be valid (see Validate); Simulate does not check it.
func Simulate(p Policy, images []Image, now time.Time) []Decision {
	var out []Decision
	for _, v := range evaluate(p, images, now, false) {
		if v.Action != ActionKeep {
			out = append(out, Decision(v))
		}
	}
	return out
}

// Verdicts returns what the policy would do to every image at time now, kept images included,
// sorted by digest.
//
// It implements "How lifecycle policies work" in the ECR User Guide. Where the documentation
// leaves a question open, the choice is stated in a comment and in DESIGN.md.
func Verdicts(p Policy, images []Image, now time.Time) []Verdict {
	return evaluate(p, images, now, true)
}

// evaluate is the simulation; explainKept builds the reasons of kept images too, which
// Simulate, on the plan's hot path, does not need.
func evaluate(p Policy, images []Image, now time.Time, explainKept bool) []Verdict {
	rules := append([]Rule(nil), p.Rules...)
	// "Rules are applied in order of rulePriority, lowest to highest."
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].RulePriority < rules[j].RulePriority })

	byDigest := make(map[string]int, len(images))
	for i, img := range images {
		byDigest[img.Digest] = i
	}
	eligible := make([]bool, len(images))
	for i, img := range images {
		eligible[i] = isEligible(img, byDigest)
	}

	// imageCountMoreThan "sorts images by push time, newest first": one order serves every rule.
	order := make([]int, len(images))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		ia, ib := images[order[a]], images[order[b]]
		if !ia.PushedAt.Equal(ib.PushedAt) {
			return ia.PushedAt.After(ib.PushedAt)
		}
		return ia.Digest < ib.Digest // a stable answer for images pushed at the same instant
	})

	// "An image that matches the tagging requirements of a rule cannot be expired by a rule
	// with a lower priority": only the first rule (by priority) whose selection matches an image
	// may act on it, even when that rule keeps it.
	matchers := make([]matcher, len(rules))
	for r, rule := range rules {
		matchers[r] = newMatcher(rule.Selection)
	}
	first := make([]int, len(images))
	for i := range images {
		first[i] = -1
		if !eligible[i] {
			continue
		}
		for r := range matchers {
			if matchers[r].selects(&images[i]) {
				first[i] = r
				break
			}
		}
	}

	decided := make([]*Decision, len(images))
	position := make([]int, len(images)) // among the images of the first rule that selects it
	// "All rules are evaluated at the same time": each rule sees every image its selection
	// matches, including images a higher-priority rule also matches, when it counts.
	for r, rule := range rules {
		s := rule.Selection
		seen := 0
		for _, i := range order {
			img := &images[i]
			// An image whose first match is a lower-priority rule does not match this one.
			if !eligible[i] || first[i] < 0 || first[i] > r || (first[i] < r && !matchers[r].selects(img)) {
				continue
			}
			seen++
			if first[i] == r {
				position[i] = seen
			}
			// "An image is expired or transitioned by at most one rule."
			if first[i] != r || decided[i] != nil || !ruleActs(s, img, seen, now) {
				continue
			}
			decided[i] = &Decision{Digest: img.Digest, Action: rule.Action.Type, RulePriority: rule.RulePriority,
				Reason: reason(rule, img, seen)}
		}
	}

	out := make([]Verdict, 0, len(images))
	for i, img := range images {
		d := decided[i]
		if d == nil && img.SubjectDigest != "" {
			// "Referrer artifacts follow their subject image": a signature or SBOM is acted on
			// when, and as, the image it describes is.
			if s, ok := byDigest[img.SubjectDigest]; ok && decided[s] != nil {
				d = &Decision{Action: decided[s].Action, RulePriority: decided[s].RulePriority,
					Reason: fmt.Sprintf("follows its subject %s (%s)", img.SubjectDigest, decided[s].Reason)}
			}
		}
		v := Verdict{Digest: img.Digest, Action: ActionKeep}
		switch {
		case d != nil:
			v.Action, v.RulePriority, v.Reason = d.Action, d.RulePriority, d.Reason
		case !explainKept:
		case first[i] >= 0:
			v.RulePriority = rules[first[i]].RulePriority
			v.Reason = keptBy(rules[first[i]], &images[i], position[i], now)
		default:
			v.Reason = whyUnselected(img, eligible[i], byDigest, rules)
		}
		out = append(out, v)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Digest < out[b].Digest })
	return out
}

// keptBy explains why the first rule that selects an image keeps it.
func keptBy(rule Rule, img *Image, position int, now time.Time) string {
	s := rule.Selection
	if s.CountType == CountTypeImageCountMoreThan {
		return fmt.Sprintf("rule %d selects it first and keeps it: #%d of the newest %d it keeps", rule.RulePriority, position, s.CountNumber)
	}
	at, what := sinceTime(s.CountType, img)
	if at.IsZero() {
		return fmt.Sprintf("rule %d selects it first; it has no %s time, so the rule does not act on it", rule.RulePriority, what)
	}
	return fmt.Sprintf("rule %d selects it first and keeps it: %s %s, %d days ago, not more than %d",
		rule.RulePriority, what, at.UTC().Format(time.RFC3339), int(now.Sub(at)/day), s.CountNumber)
}

// whyUnselected explains an image that no rule selects: protected by an index or following its
// subject, or outside every rule's storage class or tags.
func whyUnselected(img Image, eligible bool, byDigest map[string]int, rules []Rule) string {
	if !eligible {
		for _, idx := range img.ReferencedBy {
			if _, ok := byDigest[idx]; ok {
				return fmt.Sprintf("protected: index %s references it", idx)
			}
		}
		return fmt.Sprintf("follows its subject %s, which is kept", img.SubjectDigest)
	}
	class := imageStorageClass(&img)
	for _, r := range rules {
		if r.Selection.EffectiveStorageClass() == class {
			return "no rule selects it"
		}
	}
	return fmt.Sprintf("it is in the %s storage class, which no rule selects", class)
}

// isEligible reports whether a rule may act on the image by itself.
func isEligible(img Image, byDigest map[string]int) bool {
	// "Images that are referenced by a manifest list or image index are not expired or
	// archived while the manifest list or index exists." Choice: an index that is itself acted
	// on in this run still protects its children in this run; they become candidates later.
	// Choice: protected images neither act nor count toward imageCountMoreThan.
	for _, idx := range img.ReferencedBy {
		if _, ok := byDigest[idx]; ok {
			return false
		}
	}
	// Referrers follow their subject instead of being selected themselves. Choice: a referrer
	// whose subject is not in the repository is an ordinary image.
	if img.SubjectDigest != "" {
		if _, ok := byDigest[img.SubjectDigest]; ok {
			return false
		}
	}
	return true
}

// ruleActs reports whether a rule whose selection matches img acts on it; seen is the image's
// position (1-based) among the rule's matches, newest first.
func ruleActs(s Selection, img *Image, seen int, now time.Time) bool {
	switch s.CountType {
	case CountTypeImageCountMoreThan:
		// "imageCountMoreThan ... the images beyond countNumber, ordered by push time" are
		// acted on: the newest countNumber are kept.
		return int64(seen) > s.CountNumber
	case CountTypeSinceImagePushed, CountTypeSinceImagePulled, CountTypeSinceImageTransitioned:
		at, _ := sinceTime(s.CountType, img)
		return !at.IsZero() && now.Sub(at) > time.Duration(s.CountNumber)*day
	}
	return false
}

// sinceTime is the instant a since* count type counts from, and what it is.
func sinceTime(countType string, img *Image) (time.Time, string) {
	switch countType {
	case CountTypeSinceImagePushed:
		// sinceImagePushed: images pushed more than countNumber days ago.
		return img.PushedAt, "pushed"
	case CountTypeSinceImagePulled:
		// sinceImagePulled uses "the last recorded pull time"; an image never pulled counts
		// from its push; one restored from archive and not pulled since counts from its
		// restore ("last activated") time.
		at, what := img.PushedAt, "pushed"
		if !img.LastPulledAt.IsZero() {
			at, what = img.LastPulledAt, "last pulled"
		}
		if !img.LastActivatedAt.IsZero() && img.LastActivatedAt.After(at) {
			at, what = img.LastActivatedAt, "restored"
		}
		return at, what
	case CountTypeSinceImageTransitioned:
		// sinceImageTransitioned counts from the time the image was archived. Choice: an
		// archived image with no archive time is not acted on.
		return img.LastArchivedAt, "archived"
	}
	return time.Time{}, ""
}

// reason explains a decision; it is built only for images that are acted on.
func reason(rule Rule, img *Image, seen int) string {
	s := rule.Selection
	if s.CountType == CountTypeImageCountMoreThan {
		return fmt.Sprintf("rule %d: #%d newest of the images it selects, more than %d", rule.RulePriority, seen, s.CountNumber)
	}
	at, what := sinceTime(s.CountType, img)
	return fmt.Sprintf("rule %d: %s %s, more than %d days ago", rule.RulePriority, what, at.UTC().Format(time.RFC3339), s.CountNumber)
}
