package lifecycle

// Governance facts about a policy, for audits and policy-as-code.

// ExpiresUntagged reports whether the policy has a rule that expires untagged images in the
// standard storage class (tagStatus untagged, or any, with an expire action).
func (p Policy) ExpiresUntagged() bool {
	for _, r := range p.Rules {
		s := r.Selection
		if r.Action.Type == ActionExpire && s.EffectiveStorageClass() == StorageClassStandard &&
			(s.TagStatus == TagStatusUntagged || s.TagStatus == TagStatusAny) {
			return true
		}
	}
	return false
}

// KeepsAtMost returns the smallest imageCountMoreThan of an expire rule that applies to every
// tagged image (tagStatus any, or tagged with the pattern list ["*"]), and false when no rule
// bounds the number of tagged images kept. Higher-priority rules may still keep more.
func (p Policy) KeepsAtMost() (int64, bool) {
	var best int64
	found := false
	for _, r := range p.Rules {
		s := r.Selection
		coversAllTagged := s.TagStatus == TagStatusAny ||
			(s.TagStatus == TagStatusTagged && len(s.TagPrefixList) == 0 && len(s.TagPatternList) == 1 && s.TagPatternList[0] == "*")
		if r.Action.Type != ActionExpire || s.CountType != CountTypeImageCountMoreThan || s.EffectiveStorageClass() != StorageClassStandard || !coversAllTagged {
			continue
		}
		if !found || s.CountNumber < best {
			best, found = s.CountNumber, true
		}
	}
	return best, found
}

// UsesPullTime reports whether a rule counts days since the last recorded pull
// (sinceImagePulled), which any principal that reads manifests keeps resetting unless it is a
// pull-time update exclusion.
func (p Policy) UsesPullTime() bool {
	for _, r := range p.Rules {
		if r.Selection.CountType == CountTypeSinceImagePulled {
			return true
		}
	}
	return false
}
