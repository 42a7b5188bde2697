package audit

import (
	"github.com/ecrgov/terraform-provider-ecrgov/internal/creationtemplate"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

// Replication finding codes: about one rule of the registry's replication configuration.
const (
	// ReplicationUngoverned: a destination in the registry's own account has no creation template
	// applied for REPLICATION covering the repositories the rule replicates, so ECR creates them
	// there with default settings (mutable tags, no lifecycle policy).
	ReplicationUngoverned = "REPLICATION_UNGOVERNED"
	// DeleteReplication: the rule replicates deletions: a lifecycle expiry or tag removal in the
	// source deletes in every destination, which is then no backup.
	DeleteReplication = "DELETE_REPLICATION"
)

// AllReplicationFindings lists every replication finding code, in the order they are reported.
var AllReplicationFindings = []string{ReplicationUngoverned, DeleteReplication}

// ReplicationFacts are the audit's answers for one replication rule.
type ReplicationFacts struct {
	// UngovernedDestinations are the destinations (region/registry) in the registry's own account
	// whose templates leave some replicated repositories ungoverned.
	UngovernedDestinations []string
	Findings               []string
}

// AssessReplicationRule judges one rule. templates holds the creation templates of each
// destination Region in the registry's own account that could be read; a Region missing from it
// is not judged (another account's templates are never read).
func AssessReplicationRule(
	rule replication.Rule, registry string, templates map[string][]creationtemplate.Template,
) ReplicationFacts {
	var f ReplicationFacts
	for _, d := range rule.Canonical().Destinations {
		regionTemplates, read := templates[d.Region]
		if d.RegistryID != registry || !read {
			continue
		}
		if len(rule.UngovernedFilters(regionTemplates)) > 0 {
			f.UngovernedDestinations = append(f.UngovernedDestinations, d.String())
		}
	}
	if len(f.UngovernedDestinations) > 0 {
		f.Findings = append(f.Findings, ReplicationUngoverned)
	}
	if rule.DeleteReplication {
		f.Findings = append(f.Findings, DeleteReplication)
	}
	return f
}
