# What may be deployed, for plans that resolve images with data.ecrgov_image. Terraform reads
# data sources while planning, so the lookups' values are in the plan's prior_state. Run with:
#   opa eval -d examples/policy -i plan.json 'data.ecrgov.deploy.deny'
#
# Every image a configuration resolves must be:
#   - pinned: image_uri is repo@sha256:... (ecr.rego checks that consumers use it);
#   - signed by every signing profile that covers its repository (include_signing = true);
#   - ACTIVE: an archived image answers pulls with 404;
#   - free of CRITICAL findings (include_scan_findings = true);
#   - with an SBOM referrer, when data.ecrgov.settings.require_sbom is true (artifact_type set
#     to an SBOM type, or include_referrers).
# A lookup that did not read what a check needs fails that check, with the input to set.
package ecrgov.deploy

import rego.v1

default configured := {}

configured := data.ecrgov.settings

require_sbom := object.get(configured, "require_sbom", false)

sbom_types := object.get(configured, "sbom_artifact_types", ["application/spdx+json", "application/vnd.cyclonedx+json"])

lookups contains r if {
	walk(object.get(input, ["prior_state", "values", "root_module"], {}), [_, r])
	is_object(r)
	r.mode == "data"
	r.type == "ecrgov_image"
	r.values.found == true
}

pinned(ref) if regex.match(`@sha256:[a-f0-9]{64}$`, ref)

deny contains msg if {
	some r in lookups
	not pinned(r.values.image_uri)
	msg := sprintf("%s: %v is not pinned by digest", [r.address, r.values.image_uri])
}

deny contains msg if {
	some r in lookups
	r.values.pullable != true
	msg := sprintf("%s: the image is %s and cannot be pulled; restore it (restore_archived on ecrgov_image_tag) or deploy an ACTIVE digest", [r.address, r.values.image_status])
}

deny contains msg if {
	some r in lookups
	r.values.signed == null
	msg := sprintf("%s: signing was not checked; set include_signing = true", [r.address])
}

deny contains msg if {
	some r in lookups
	r.values.signed == false
	msg := sprintf("%s: the image is not signed by every signing profile that covers its repository", [r.address])
}

deny contains msg if {
	some r in lookups
	r.values.scan == null
	msg := sprintf("%s: scan findings were not read; set include_scan_findings = true", [r.address])
}

deny contains msg if {
	some r in lookups
	r.values.scan.critical > 0
	msg := sprintf("%s: the image has %d CRITICAL findings", [r.address, r.values.scan.critical])
}

deny contains msg if {
	require_sbom
	some r in lookups
	not has_sbom(r.values)
	msg := sprintf("%s: no SBOM refers to the image (%s); attach one, and read referrers with artifact_type", [r.address, concat(", ", sbom_types)])
}

has_sbom(values) if {
	some ref in object.get(values, "referrers", [])
	ref.artifact_type in sbom_types
	ref.status == "ACTIVE"
}
