package lifecycle

import (
	"fmt"
	"slices"
	"strings"
)

// ParseAndValidate parses text and, when it parses, validates it. It returns the problems of
// the first stage that has any; none means the policy can be sent to ECR.
func ParseAndValidate(text string) (Policy, Problems) {
	p, err := Parse(text)
	if err != nil {
		return Policy{}, err.(Problems) //nolint:forcetypeassert // Parse only returns Problems
	}
	if ps := Validate(p); len(ps) > 0 {
		return Policy{}, ps
	}
	return p, nil
}

// Validate checks every documented rule for lifecycle policies and returns one Problem per
// violation, located at the field to fix. Quotes are from the ECR User Guide's "Lifecycle policy
// properties" unless noted.
func Validate(p Policy) Problems {
	var ps Problems
	// Service quota: "Rules per lifecycle policy: 50".
	if len(p.Rules) == 0 {
		ps = append(ps, Problem{Rule: -1, Field: "rules", Index: -1, Message: "a policy needs at least one rule"})
	}
	if len(p.Rules) > MaxRules {
		ps = append(ps, Problem{Rule: -1, Field: "rules", Index: -1, Message: fmt.Sprintf("%d rules; ECR allows at "+
			"most %d per policy", len(p.Rules), MaxRules)})
	}
	for i, r := range p.Rules {
		ps = append(ps, validateRule(i, r)...)
	}
	ps = append(ps, validateAcrossRules(p)...)
	// PutLifecyclePolicy: lifecyclePolicyText "Length Constraints: Minimum length of 100.
	// Maximum length of 30720." Checked on the canonical text, which is what is sent.
	if n := len(Canonical(p)); n > MaxPolicyChars {
		ps = append(ps, policyProblem("the policy is %d characters; ECR accepts at most %d. Merge or remove rules", n, MaxPolicyChars))
	} else if n < MinPolicyChars && len(p.Rules) > 0 {
		ps = append(ps, policyProblem("the policy is %d characters; ECR requires at least %d. Add a description to a "+
			"rule", n, MinPolicyChars))
	}
	return ps
}

func validateRule(i int, r Rule) Problems {
	var ps Problems
	add := func(section, field, msg string, args ...any) {
		ps = append(ps, ruleProblem(i, section, field, msg, args...))
	}
	s, a := r.Selection, r.Action

	// "you must give them each a unique value for rulePriority" — a positive integer.
	// The API model's LifecyclePolicyRulePriority is a 32-bit integer with min 1.
	if r.RulePriority < 1 {
		add("", "rulePriority", "must be a positive integer, not %d", r.RulePriority)
	} else if r.RulePriority > MaxInt32 {
		add("", "rulePriority", "%d is above %d, the largest priority ECR's model allows (a 32-bit integer)", r.RulePriority, MaxInt32)
	}

	// tagStatus: "Acceptable options are tagged, untagged, or any."
	if !slices.Contains(TagStatuses, s.TagStatus) {
		add("selection", "tagStatus", "must be one of %s, not %q", strings.Join(TagStatuses, ", "), s.TagStatus)
	}
	hasPatterns, hasPrefixes := s.TagPatternList != nil, s.TagPrefixList != nil
	switch s.TagStatus {
	case TagStatusTagged:
		// "If you specify tagged, then you must also specify a tagPrefixList value or a
		// tagPatternList value." and "you can't specify both tagPrefixList and tagPatternList".
		switch {
		case hasPatterns && hasPrefixes:
			add("selection", "tagPrefixList", "tagged rules take tagPatternList or tagPrefixList, not both; keep one")
		case len(s.TagPatternList) == 0 && len(s.TagPrefixList) == 0:
			add("selection", "tagPatternList", "tagged rules need a non-empty tagPatternList (such as [\"v*\"]) or "+
				"tagPrefixList")
		}
	case TagStatusUntagged, TagStatusAny:
		// "If you specify untagged, then you must omit both tagPrefixList and tagPatternList."
		if hasPatterns {
			add("selection", "tagPatternList", "only tagged rules take tag patterns; set tagStatus to tagged or remove the list")
		}
		if hasPrefixes {
			add("selection", "tagPrefixList", "only tagged rules take tag prefixes; set tagStatus to tagged or remove the list")
		}
	}
	for j, pat := range s.TagPatternList {
		// "There is a maximum limit of four wildcards (*) per string."
		if pat == "" {
			ps = append(ps, Problem{Rule: i, Section: "selection", Field: "tagPatternList", Index: j, Message: "a tag pattern cannot be empty"})
		} else if n := strings.Count(pat, "*"); n > MaxWildcards {
			ps = append(ps, Problem{Rule: i, Section: "selection", Field: "tagPatternList", Index: j,
				Message: fmt.Sprintf("%q has %d wildcards; ECR allows at most %d per pattern", pat, n, MaxWildcards)})
		}
	}
	for j, pre := range s.TagPrefixList {
		if pre == "" {
			ps = append(ps, Problem{Rule: i, Section: "selection", Field: "tagPrefixList", Index: j, Message: "a tag prefix cannot be empty"})
		}
	}

	// storageClass: "standard" (default) or "archive".
	if s.StorageClass != "" && !slices.Contains(StorageClasses, s.StorageClass) {
		add("selection", "storageClass", "must be standard or archive, not %q", s.StorageClass)
	}

	// countType and countUnit: "countUnit ... should be specified only when countType is
	// sinceImagePushed, sinceImagePulled or sinceImageTransitioned"; "days" is the only unit.
	if !slices.Contains(CountTypes, s.CountType) {
		add("selection", "countType", "must be one of %s, not %q", strings.Join(CountTypes, ", "), s.CountType)
	} else if s.IsSince() {
		if s.CountUnit == "" {
			add("selection", "countUnit", "%s counts days: set countUnit to \"days\"", s.CountType)
		}
	} else if s.CountUnit != "" {
		add("selection", "countUnit", "imageCountMoreThan counts images, not days: remove countUnit")
	}
	if s.CountUnit != "" && s.CountUnit != CountUnitDays {
		add("selection", "countUnit", "must be \"days\", not %q", s.CountUnit)
	}
	// countNumber: "Acceptable values are positive integers (0 is not an accepted value)".
	if s.CountNumber < 1 {
		add("selection", "countNumber", "must be a positive integer, not %d", s.CountNumber)
	} else if s.CountNumber > MaxInt32 {
		add("selection", "countNumber", "%d is above %d, the largest count ECR's model allows (a 32-bit integer)", s.CountNumber, MaxInt32)
	}

	// sinceImageTransitioned "is only valid when storageClass is archive"; every other count
	// type acts on standard images only.
	if s.CountType == CountTypeSinceImageTransitioned && s.EffectiveStorageClass() != StorageClassArchive {
		add("selection", "storageClass", "sinceImageTransitioned rules select archived images: set storageClass to "+
			"\"archive\"")
	}
	if s.CountType != CountTypeSinceImageTransitioned && slices.Contains(CountTypes, s.CountType) && s.StorageClass == StorageClassArchive {
		add("selection", "storageClass", "archived images can only be selected with countType sinceImageTransitioned")
	}

	// action.type: "expire" or "transition"; transition "requires targetStorageClass: archive".
	switch a.Type {
	case ActionExpire:
		if a.TargetStorageClass != "" {
			add("action", "targetStorageClass", "expire rules delete images: remove targetStorageClass, or use type "+
				"\"transition\"")
		}
		// "sinceImagePulled ... can only be used with the transition action".
		if s.CountType == CountTypeSinceImagePulled {
			add("action", "type", "sinceImagePulled rules can only transition images to archive, not expire them")
		}
		// Archived images have a 90-day minimum storage duration.
		if s.CountType == CountTypeSinceImageTransitioned && s.CountNumber >= 1 && s.CountNumber < MinArchiveExpDays {
			add("selection", "countNumber", "archived images can be expired no sooner than %d days after archiving; set "+
				"countNumber to %d or more", MinArchiveExpDays, MinArchiveExpDays)
		}
	case ActionTransition:
		if a.TargetStorageClass != StorageClassArchive {
			add("action", "targetStorageClass", "transition rules need targetStorageClass \"archive\"")
		}
		if s.EffectiveStorageClass() == StorageClassArchive {
			add("action", "type", "archived images cannot be transitioned again; expire them instead")
		}
	default:
		add("action", "type", "must be expire or transition, not %q", a.Type)
	}
	return ps
}

// validateAcrossRules checks what involves more than one rule. Priorities are unique across the
// whole policy; the other constraints hold within one storage class, because a rule selects only
// images of its own class ("Combining archive and expire rules" in the User Guide's lifecycle
// policy examples has a tagStatus any rule for standard images and another for archived ones,
// and real ECR accepts that shape: terraform-provider-aws's testAccLifecyclePolicyConfig_storageClass).
func validateAcrossRules(p Policy) Problems {
	var ps Problems
	seenPriority := map[int64]int{}
	anyRuleBy := map[string]int{}       // storage class -> the tagStatus any rule
	maxPriorityBy := map[string]int64{} // storage class -> its highest priority
	untaggedBy := map[string]int{}
	prefixesBy := map[string]int{}
	for i, r := range p.Rules {
		s := r.Selection
		class := s.EffectiveStorageClass()
		maxPriorityBy[class] = max(maxPriorityBy[class], r.RulePriority)
		// "you must give them each a unique value for rulePriority".
		if first, dup := seenPriority[r.RulePriority]; dup && r.RulePriority >= 1 {
			ps = append(ps, ruleProblem(i, "", "rulePriority", "%d is already the priority of rules[%d]; priorities must "+
				"be unique", r.RulePriority, first))
		} else {
			seenPriority[r.RulePriority] = i
		}
		switch s.TagStatus {
		case TagStatusAny:
			// "There can be only one rule with a tagStatus of any" — per storage class.
			if first, dup := anyRuleBy[class]; dup {
				ps = append(ps, ruleProblem(i, "selection", "tagStatus", "rules[%d] already uses tagStatus any for %s "+
					"images; only one rule per storage class may", first, class))
			} else {
				anyRuleBy[class] = i
			}
		case TagStatusUntagged:
			// Only one rule per storage class may select untagged images.
			if first, dup := untaggedBy[class]; dup {
				ps = append(ps, ruleProblem(i, "selection", "tagStatus", "rules[%d] already selects untagged %s images; only "+
					"one rule per storage class may", first, class))
			} else {
				untaggedBy[class] = i
			}
		case TagStatusTagged:
			// Rules that act on the same storage class must have distinct tag prefixes.
			if len(s.TagPrefixList) > 0 {
				key := class + "\x00" + strings.Join(tagSet(s.TagPrefixList), "\x00")
				if first, dup := prefixesBy[key]; dup {
					ps = append(ps, ruleProblem(i, "selection", "tagPrefixList", "rules[%d] already selects %s images with "+
						"these tag prefixes; merge the rules or change the prefixes", first, class))
				} else {
					prefixesBy[key] = i
				}
			}
		}
	}
	// "A rule with a tagStatus value of any must have the highest value for rulePriority" — among
	// the rules of its storage class, since it is evaluated last among them.
	for _, class := range StorageClasses {
		if i, ok := anyRuleBy[class]; ok && p.Rules[i].RulePriority != maxPriorityBy[class] {
			ps = append(ps, ruleProblem(i, "", "rulePriority", "a tagStatus any rule is evaluated last among the %s "+
				"rules, so it needs their highest rulePriority (more than %d)", class, maxPriorityBy[class]))
		}
	}
	return ps
}
