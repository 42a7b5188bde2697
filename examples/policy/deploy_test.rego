# Unit tests of deploy.rego: `opa test examples/policy`. The plans are trimmed `terraform show
# -json` output holding ecrgov_image lookups.
package ecrgov.deploy_test

import rego.v1

import data.ecrgov.deploy

digest := "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b"

good := {
	"found": true, "image_uri": concat("", ["123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app@", digest]),
	"pullable": true, "image_status": "ACTIVE", "signed": true,
	"scan": {"status": "COMPLETE", "critical": 0, "high": 2},
	"referrers": [{"digest": digest, "artifact_type": "application/spdx+json", "status": "ACTIVE"}],
}

plan_with(values) := {"prior_state": {"values": {"root_module": {"resources": [{
	"address": "data.ecrgov_image.app", "mode": "data", "type": "ecrgov_image", "name": "app", "values": values,
}]}}}}

test_a_signed_active_clean_image_passes if {
	count(deploy.deny) == 0 with input as plan_with(good) with data.ecrgov.settings as {"require_sbom": true}
}

test_unsigned if {
	deploy.deny == {"data.ecrgov_image.app: the image is not signed by every signing profile that covers its repository"} with input as plan_with(object.union(good, {"signed": false})) with data.ecrgov.settings as {}
}

test_signing_not_read if {
	deploy.deny == {"data.ecrgov_image.app: signing was not checked; set include_signing = true"} with input as plan_with(object.union(good, {"signed": null}))
}

test_archived if {
	deploy.deny == {"data.ecrgov_image.app: the image is ARCHIVED and cannot be pulled; restore it (restore_archived on ecrgov_image_tag) or deploy an ACTIVE digest"} with input as plan_with(object.union(good, {"pullable": false, "image_status": "ARCHIVED"}))
}

test_critical_findings if {
	deploy.deny == {"data.ecrgov_image.app: the image has 3 CRITICAL findings"} with input as plan_with(object.union(good, {"scan": {"status": "COMPLETE", "critical": 3}}))
}

test_scan_not_read if {
	deploy.deny == {"data.ecrgov_image.app: scan findings were not read; set include_scan_findings = true"} with input as plan_with(object.union(good, {"scan": null}))
}

test_sbom_required_only_when_asked if {
	no_sbom := object.union(good, {"referrers": []})
	count(deploy.deny) == 0 with input as plan_with(no_sbom) with data.ecrgov.settings as {}
	deploy.deny == {"data.ecrgov_image.app: no SBOM refers to the image (application/spdx+json, application/vnd.cyclonedx+json); attach one, and read referrers with artifact_type"} with input as plan_with(no_sbom) with data.ecrgov.settings as {"require_sbom": true}
}

test_a_missing_image_is_not_judged if {
	count(deploy.deny) == 0 with input as plan_with({"found": false})
}
