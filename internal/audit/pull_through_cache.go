package audit

import "github.com/ecrgov/terraform-provider-ecrgov/internal/pullthroughcache"

// PullThroughCacheUngoverned: no repository creation template applied for PULL_THROUGH_CACHE
// covers the rule's whole prefix, so the repositories a first pull creates get ECR's defaults
// (mutable tags, no lifecycle policy, no repository policy).
const PullThroughCacheUngoverned = "PULL_THROUGH_CACHE_UNGOVERNED"

// AllPullThroughCacheFindings lists every pull through cache rule finding code.
var AllPullThroughCacheFindings = []string{PullThroughCacheUngoverned}

// PullThroughCacheFacts are the audit's answers for one pull through cache rule.
type PullThroughCacheFacts struct {
	// Template is the prefix of the template that governs the repositories the rule creates; ""
	// when none covers the whole prefix.
	Template string
	Findings []string
}

// AssessPullThroughCacheRule computes the facts of the rule with prefix in a registry with
// templates (pullthroughcache.GoverningTemplate).
func AssessPullThroughCacheRule(prefix string, templates []pullthroughcache.Template) PullThroughCacheFacts {
	facts := PullThroughCacheFacts{Template: pullthroughcache.GoverningTemplate(prefix, templates)}
	if facts.Template == "" {
		facts.Findings = []string{PullThroughCacheUngoverned}
	}
	return facts
}
