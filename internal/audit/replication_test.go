package audit

import (
	"slices"
	"testing"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/creationtemplate"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

func TestAssessReplicationRule(t *testing.T) {
	const own, other = "111122223333", "444455556666"
	team := []creationtemplate.Template{{Prefix: "team", AppliedFor: []string{"REPLICATION"}}}
	push := []creationtemplate.Template{{Prefix: "team", AppliedFor: []string{"CREATE_ON_PUSH"}}}
	rule := func(deletes bool, dests ...replication.Destination) replication.Rule {
		return replication.Rule{Destinations: dests, Filters: []string{"team/"}, DeleteReplication: deletes}
	}
	west, east, theirs := replication.Destination{Region: "us-west-2", RegistryID: own}, replication.Destination{Region: "us-east-2", RegistryID: own},
		replication.Destination{Region: "us-west-2", RegistryID: other}
	tests := []struct {
		name       string
		rule       replication.Rule
		templates  map[string][]creationtemplate.Template
		findings   []string
		ungoverned []string
	}{
		{"governed", rule(false, west), map[string][]creationtemplate.Template{"us-west-2": team}, nil, nil},
		{"template for another scenario", rule(false, west, east), map[string][]creationtemplate.Template{"us-west-2": push, "us-east-2": team},
			[]string{ReplicationUngoverned}, []string{"us-west-2/" + own}},
		{"another account is not judged", rule(true, theirs), map[string][]creationtemplate.Template{"us-west-2": nil},
			[]string{DeleteReplication}, nil},
		{"a Region not read is not judged", rule(false, west), map[string][]creationtemplate.Template{}, nil, nil},
		{"no templates at all", rule(true, west), map[string][]creationtemplate.Template{"us-west-2": nil},
			[]string{ReplicationUngoverned, DeleteReplication}, []string{"us-west-2/" + own}},
	}
	for _, tt := range tests {
		f := AssessReplicationRule(tt.rule, own, tt.templates)
		if !slices.Equal(f.Findings, tt.findings) || !slices.Equal(f.UngovernedDestinations, tt.ungoverned) {
			t.Errorf("%s: %+v, want findings %v, ungoverned %v", tt.name, f, tt.findings, tt.ungoverned)
		}
	}
}
