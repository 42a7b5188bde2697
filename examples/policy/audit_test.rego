# Unit tests of audit.rego: `opa test examples/policy`. The plans are trimmed `terraform show
# -json` output holding an ecrgov_registry_audit data source.
package ecrgov.audit_test

import rego.v1

import data.ecrgov.audit

plan_with(repositories, templates) := {"prior_state": {"values": {"root_module": {"resources": [{
	"address": "data.ecrgov_registry_audit.all", "mode": "data", "type": "ecrgov_registry_audit", "name": "all",
	"values": {"repositories": repositories, "templates": templates},
}]}}}}

repo(name, findings) := {"name": name, "findings": findings}

template(prefix, findings) := {"prefix": prefix, "findings": findings}

test_a_governed_registry_passes if {
	count(audit.deny) == 0 with input as plan_with([repo("team/app", [])], [template("team", [])])
}

test_pull_time_unprotected if {
	audit.deny == {"data.ecrgov_registry_audit.all: repository team/app: a sinceImagePulled rule with no pull-time update exclusion registered; scanners keep images alive (PULL_TIME_UNPROTECTED)"} with input as plan_with([repo("team/app", ["PULL_TIME_UNPROTECTED"])], [])
}

test_scan_on_push_off if {
	audit.deny == {"data.ecrgov_registry_audit.all: repository team/app: images are not scanned on push or continuously, by the repository or the registry (SCAN_ON_PUSH_OFF)"} with input as plan_with([repo("team/app", ["SCAN_ON_PUSH_OFF"])], [])
}

test_template_tags_mutable if {
	audit.deny == {"data.ecrgov_registry_audit.all: creation template ROOT: creates repositories with mutable tags (TEMPLATE_TAGS_MUTABLE)"} with input as plan_with([], [template("ROOT", ["TEMPLATE_TAGS_MUTABLE"])])
}

test_template_no_lifecycle_policy if {
	audit.deny == {
		"data.ecrgov_registry_audit.all: creation template team: creates repositories without a lifecycle policy (TEMPLATE_NO_LIFECYCLE_POLICY)",
		"data.ecrgov_registry_audit.all: creation template team: its lifecycle policy never expires untagged images (TEMPLATE_NO_UNTAGGED_EXPIRY)",
	} with input as plan_with([], [template("team", ["TEMPLATE_NO_LIFECYCLE_POLICY", "TEMPLATE_NO_UNTAGGED_EXPIRY"])])
}

test_template_no_untagged_expiry if {
	audit.deny == {"data.ecrgov_registry_audit.all: creation template team: its lifecycle policy never expires untagged images (TEMPLATE_NO_UNTAGGED_EXPIRY)"} with input as plan_with([], [template("team", ["TEMPLATE_NO_UNTAGGED_EXPIRY"])])
}

test_settings_choose_the_codes_that_fail if {
	plan := plan_with([repo("team/app", ["AES256_NOT_KMS", "PULL_TIME_UNPROTECTED"])], [])
	audit.deny == {"data.ecrgov_registry_audit.all: repository team/app: a sinceImagePulled rule with no pull-time update exclusion registered; scanners keep images alive (PULL_TIME_UNPROTECTED)"} with input as plan with data.ecrgov.settings as {"audit_deny_findings": ["PULL_TIME_UNPROTECTED"]}
}

test_audits_in_child_modules_count if {
	plan := {"prior_state": {"values": {"root_module": {"child_modules": [{"resources": [{
		"address": "module.gov.data.ecrgov_registry_audit.all", "mode": "data", "type": "ecrgov_registry_audit", "name": "all",
		"values": {"repositories": [repo("a", ["TAGS_MUTABLE"])], "templates": []},
	}]}]}}}}
	audit.deny == {"module.gov.data.ecrgov_registry_audit.all: repository a: tags can be pushed again (TAGS_MUTABLE)"} with input as plan
}

test_unsigned_repository if {
	audit.deny == {"data.ecrgov_registry_audit.all: repository team/app: no managed-signing rule covers it; nothing pushed to it is signed (UNSIGNED_REPOSITORY)"} with input as plan_with([repo("team/app", ["UNSIGNED_REPOSITORY"])], [])
}

test_no_sbom_referrers if {
	audit.deny == {"data.ecrgov_registry_audit.all: repository team/app: a tagged, active image has no SBOM referrer (NO_SBOM_REFERRERS)"} with input as plan_with([repo("team/app", ["NO_SBOM_REFERRERS"])], [])
}

test_public_repository_and_registry_findings if {
	plan := {"prior_state": {"values": {"root_module": {"resources": [{
		"address": "data.ecrgov_registry_audit.all", "mode": "data", "type": "ecrgov_registry_audit", "name": "all",
		"values": {"repositories": [repo("team/app", ["PUBLIC_POLICY", "KMS_AWS_MANAGED_KEY"])], "templates": [], "registry_findings": ["BASIC_SCANNING"]},
	}]}}}}
	audit.deny == {
		"data.ecrgov_registry_audit.all: repository team/app: its permissions policy lets anyone reach the images (PUBLIC_POLICY)",
		"data.ecrgov_registry_audit.all: repository team/app: not encrypted with a customer-managed KMS key (Security Hub ECR.5) (KMS_AWS_MANAGED_KEY)",
		"data.ecrgov_registry_audit.all: registry: the registry uses BASIC scanning, not ENHANCED (BASIC_SCANNING)",
	} with input as plan
}

cache(prefix, url, findings) := {"ecr_repository_prefix": prefix, "upstream_registry_url": url, "findings": findings}

plan_with_caches(caches) := {"prior_state": {"values": {"root_module": {"resources": [{
	"address": "data.ecrgov_registry_audit.all", "mode": "data", "type": "ecrgov_registry_audit", "name": "all",
	"values": {"repositories": [], "templates": [], "pull_through_caches": caches},
}]}}}}

test_pull_through_cache_ungoverned if {
	audit.deny == {"data.ecrgov_registry_audit.all: pull through cache rule docker-hub (registry-1.docker.io): no PULL_THROUGH_CACHE creation template covers its prefix; the repositories it creates get ECR's defaults (PULL_THROUGH_CACHE_UNGOVERNED)"} with input as plan_with_caches([cache("docker-hub", "registry-1.docker.io", ["PULL_THROUGH_CACHE_UNGOVERNED"]), cache("quay", "quay.io", [])])
}

test_a_governed_cache_passes if {
	count(audit.deny) == 0 with input as plan_with_caches([cache("quay", "quay.io", [])])
}

test_an_audit_before_pull_through_caches_passes if {
	count(audit.deny) == 0 with input as plan_with([], [])
}

test_settings_can_leave_out_ungoverned_caches if {
	plan := plan_with_caches([cache("docker-hub", "registry-1.docker.io", ["PULL_THROUGH_CACHE_UNGOVERNED"])])
	count(audit.deny) == 0 with input as plan with data.ecrgov.settings as {"audit_deny_findings": ["TAGS_MUTABLE"]}
}

test_unknown_findings_are_denied if {
	audit.deny == {"data.ecrgov_registry_audit.all: could not judge UNSIGNED_REPOSITORY (no managed-signing rule covers it; nothing pushed to it is signed): the audit lacks ecr:GetSigningConfiguration"} with input as {"prior_state": {"values": {"root_module": {"resources": [{
		"address": "data.ecrgov_registry_audit.all", "mode": "data", "type": "ecrgov_registry_audit", "name": "all",
		"values": {
			"repositories": [repo("team/app", [])], "templates": [],
			"missing_permissions": ["ecr:GetSigningConfiguration"], "unknown_findings": ["UNSIGNED_REPOSITORY"],
		},
	}]}}}}
}

test_unknown_findings_not_denied_are_ignored if {
	count(audit.deny) == 0 with input as {"prior_state": {"values": {"root_module": {"resources": [{
		"address": "data.ecrgov_registry_audit.all", "mode": "data", "type": "ecrgov_registry_audit", "name": "all",
		"values": {"repositories": [], "missing_permissions": ["ecr:GetSigningConfiguration"], "unknown_findings": ["UNSIGNED_REPOSITORY"]},
	}]}}}}
		with data.ecrgov.settings as {"audit_deny_findings": ["TAGS_MUTABLE"]}
}

replication_plan(rules, registry_findings) := {"prior_state": {"values": {"root_module": {"resources": [{
	"address": "data.ecrgov_registry_audit.all", "mode": "data", "type": "ecrgov_registry_audit", "name": "all",
	"values": {"repositories": [], "templates": [], "replication_rules": rules, "registry_findings": registry_findings},
}]}}}}

test_replication_rules_fail_per_rule_once if {
	rules := [
		{"id": "us-west-2/111122223333:team/", "ungoverned_destinations": ["us-west-2/111122223333"], "findings": ["REPLICATION_UNGOVERNED", "DELETE_REPLICATION"]},
		{"id": "eu-west-1/111122223333:ops/", "ungoverned_destinations": [], "findings": []},
	]
	audit.deny == {
		"data.ecrgov_registry_audit.all: replication rule us-west-2/111122223333:team/: replicates to a Region of this account where no REPLICATION creation template governs the repositories it creates (us-west-2/111122223333) (REPLICATION_UNGOVERNED)",
		"data.ecrgov_registry_audit.all: replication rule us-west-2/111122223333:team/: replicates deletions: a lifecycle expiry or tag removal in the source deletes in every destination (DELETE_REPLICATION)",
	} with input as replication_plan(rules, ["REPLICATION_UNGOVERNED", "DELETE_REPLICATION"])
}

test_delete_replication_can_be_allowed if {
	rules := [{"id": "us-west-2/111122223333:", "ungoverned_destinations": [], "findings": ["DELETE_REPLICATION"]}]
	count(audit.deny) == 0 with input as replication_plan(rules, ["DELETE_REPLICATION"]) with data.ecrgov.settings as {"audit_deny_findings": ["REPLICATION_UNGOVERNED"]}
}
