package provider

import (
	"fmt"
)

// singletonChangedSummary is the summary of warnSingletonChanged, kept in one place.
const singletonChangedSummary = "changed outside this state since its last read"

// warnSingletonChanged is the warning of a registry singleton (scanning configuration, signing
// configuration, account setting) that Read finds different from what this state recorded at its
// last read or write. ECR offers no lock, so when two states declare the same singleton each
// records the other's configuration as "previous" and the last writer wins; this is what can be
// detected of it. Read gives it, so it is shown by the plan's refresh.
func warnSingletonChanged(diags interface{ AddWarning(string, string) }, label, id, recorded, now string) {
	diags.AddWarning(label+" ("+id+") "+singletonChangedSummary,
		fmt.Sprintf("This state recorded %s, and ECR now holds %s. Someone or something else changed it: another "+
			"Terraform state that "+
			"declares the same %s, a person, or a script. ECR has one %s per registry and no lock, so the last writer "+
			"wins and each "+
			"state records the other's settings as previous_*. Declare each registry singleton once, in one state; this "+
			"plan puts "+
			"back this state's configuration.", recorded, now, label, label))
}
