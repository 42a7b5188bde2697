# Registry audit findings, for plans that read data.ecrgov_registry_audit. Terraform reads data
# sources while planning, so their values are in the plan's prior_state. Run with:
#   opa eval -d examples/policy -i plan.json 'data.ecrgov.audit.deny'
# Settings: data.ecrgov.settings.audit_deny_findings lists the finding codes that fail the plan
# (default: every code); trim it while a registry is being brought under governance.
package ecrgov.audit

import rego.v1

default configured := {}

configured := data.ecrgov.settings

all_codes := [
	"TAGS_MUTABLE", "BROAD_TAG_EXCEPTION", "NO_LIFECYCLE_POLICY", "NO_UNTAGGED_EXPIRY", "POLICY_UNREADABLE",
	"SCAN_ON_PUSH_OFF", "AES256_NOT_KMS", "KMS_AWS_MANAGED_KEY", "PULL_TIME_UNPROTECTED", "UNSIGNED_REPOSITORY",
	"NO_SBOM_REFERRERS", "TEMPLATE_TAGS_MUTABLE", "TEMPLATE_NO_LIFECYCLE_POLICY", "TEMPLATE_NO_UNTAGGED_EXPIRY",
	"PUBLIC_POLICY", "UNTRUSTED_ACCOUNT", "WILDCARD_ACTION", "WRITE_TO_OTHER_ACCOUNT", "NOT_PRINCIPAL", "REGISTRY_WIDE_GRANT",
	"BASIC_SCANNING",
	"PULL_THROUGH_CACHE_UNGOVERNED",
	"REPLICATION_UNGOVERNED", "DELETE_REPLICATION",
]

denied := object.get(configured, "audit_deny_findings", all_codes)

# Every ecrgov_registry_audit data source in the plan, in any module.
audits contains r if {
	walk(object.get(input, ["prior_state", "values", "root_module"], {}), [_, r])
	is_object(r)
	r.mode == "data"
	r.type == "ecrgov_registry_audit"
}

explain := {
	"TAGS_MUTABLE": "tags can be pushed again",
	"BROAD_TAG_EXCEPTION": "the exclusion filter \"*\" makes every tag an exception",
	"NO_LIFECYCLE_POLICY": "no lifecycle policy",
	"NO_UNTAGGED_EXPIRY": "untagged images are never expired",
	"POLICY_UNREADABLE": "the lifecycle policy could not be parsed",
	"SCAN_ON_PUSH_OFF": "images are not scanned on push or continuously, by the repository or the registry",
	"AES256_NOT_KMS": "encrypted with AES256, not a KMS key",
	"KMS_AWS_MANAGED_KEY": "not encrypted with a customer-managed KMS key (Security Hub ECR.5)",
	"PUBLIC_POLICY": "its permissions policy lets anyone reach the images",
	"UNTRUSTED_ACCOUNT": "its permissions policy grants an account outside trusted_accounts",
	"WILDCARD_ACTION": "its permissions policy allows every ECR action to another account",
	"WRITE_TO_OTHER_ACCOUNT": "its permissions policy allows another account to write",
	"NOT_PRINCIPAL": "its permissions policy allows with NotPrincipal or NotAction",
	"REGISTRY_WIDE_GRANT": "the registry policy grants more than replication and pull through cache, in every repository",
	"BASIC_SCANNING": "the registry uses BASIC scanning, not ENHANCED",
	"PULL_TIME_UNPROTECTED": "a sinceImagePulled rule with no pull-time update exclusion registered; scanners keep images alive",
	"UNSIGNED_REPOSITORY": "no managed-signing rule covers it; nothing pushed to it is signed",
	"NO_SBOM_REFERRERS": "a tagged, active image has no SBOM referrer",
	"TEMPLATE_TAGS_MUTABLE": "creates repositories with mutable tags",
	"TEMPLATE_NO_LIFECYCLE_POLICY": "creates repositories without a lifecycle policy",
	"TEMPLATE_NO_UNTAGGED_EXPIRY": "its lifecycle policy never expires untagged images",
	"PULL_THROUGH_CACHE_UNGOVERNED": "no PULL_THROUGH_CACHE creation template covers its prefix; the repositories it creates get ECR's defaults",
	"REPLICATION_UNGOVERNED": "replicates to a Region of this account where no REPLICATION creation template governs the repositories it creates",
	"DELETE_REPLICATION": "replicates deletions: a lifecycle expiry or tag removal in the source deletes in every destination",
}

# Replication codes are reported per rule (replication_rules); registry_findings repeats them.
replication_codes := {"REPLICATION_UNGOVERNED", "DELETE_REPLICATION"}

deny contains msg if {
	some a in audits
	some repo in a.values.repositories
	some code in repo.findings
	code in denied
	msg := sprintf("%s: repository %s: %s (%s)", [a.address, repo.name, explain[code], code])
}

deny contains msg if {
	some a in audits
	some t in object.get(a.values, "templates", [])
	some code in t.findings
	code in denied
	msg := sprintf("%s: creation template %s: %s (%s)", [a.address, t.prefix, explain[code], code])
}

deny contains msg if {
	some a in audits
	some code in object.get(a.values, "registry_findings", [])
	code in denied
	not code in replication_codes
	msg := sprintf("%s: registry: %s (%s)", [a.address, explain[code], code])
}

deny contains msg if {
	some a in audits
	some r in object.get(a.values, "pull_through_caches", [])
	some code in r.findings
	code in denied
	msg := sprintf("%s: pull through cache rule %s (%s): %s (%s)", [a.address, r.ecr_repository_prefix, r.upstream_registry_url, explain[code], code])
}

# A finding the audit could not judge (its role lacks a permission, listed in
# missing_permissions) fails like the finding itself: an unknown is not compliance.
deny contains msg if {
	some a in audits
	some code in object.get(a.values, "unknown_findings", [])
	code in denied
	missing := concat(", ", object.get(a.values, "missing_permissions", []))
	msg := sprintf("%s: could not judge %s (%s): the audit lacks %s", [a.address, code, explain[code], missing])
}

deny contains msg if {
	some a in audits
	some r in object.get(a.values, "replication_rules", [])
	some code in r.findings
	code in denied
	detail := object.get({"REPLICATION_UNGOVERNED": sprintf(" (%s)", [concat(", ", r.ungoverned_destinations)])}, code, "")
	msg := sprintf("%s: replication rule %s: %s%s (%s)", [a.address, r.id, explain[code], detail, code])
}
