package audit

import "slices"

// UnknownWithout maps each read the audit can do without to the finding codes it cannot judge
// without it. An auditor whose role lacks one of these permissions still gets an audit; these
// codes are then reported as unknown, never as absent.
var UnknownWithout = map[string][]string{
	"ecr:GetRegistryScanningConfiguration":        {ScanOnPushOff, BasicScanning},
	"ecr:BatchGetRepositoryScanningConfiguration": {ScanOnPushOff},
	"ecr:DescribeRepositoryCreationTemplates":     slices.Concat(AllTemplateFindings, AllPullThroughCacheFindings, []string{ReplicationUngoverned}),
	"ecr:DescribePullThroughCacheRules":           AllPullThroughCacheFindings,
	"ecr:DescribeRegistry":                        AllReplicationFindings,
	"ecr:GetSigningConfiguration":                 {UnsignedRepository},
	"ecr:ListPullTimeUpdateExclusions":            {PullTimeUnprotected},
}

// UnknownCodes is the finding codes that cannot be judged without the given permissions, each
// once, in the order of AllFindings, AllTemplateFindings, BasicScanning,
// AllPullThroughCacheFindings, then AllReplicationFindings.
func UnknownCodes(missing []string) []string {
	var out []string
	for _, code := range slices.Concat(AllFindings, AllTemplateFindings, []string{BasicScanning}, AllPullThroughCacheFindings, AllReplicationFindings) {
		for _, permission := range missing {
			if slices.Contains(UnknownWithout[permission], code) && !slices.Contains(out, code) {
				out = append(out, code)
			}
		}
	}
	return out
}
