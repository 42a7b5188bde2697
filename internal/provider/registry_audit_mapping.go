package provider

// auditComplianceMapping maps the audit's finding codes to the checks of other tools that look
// at the same thing, so that a finding can be matched with a Security Hub control, an AWS Config
// rule, an AWS Control Tower control, or a checkov, trivy or prowler check. Only identifiers
// checked against their tools' documentation are listed; "—" means none is known to us.
const auditComplianceMapping = "Finding codes and the checks of other tools that look at the same thing:\n\n| " +
	"code | Security Hub | AWS Config | Control Tower | checkov | trivy | prowler " +
	"|\n|---|---|---|---|---|---|---|\n| `TAGS_MUTABLE` | ECR.2 | `ecr-private-tag-immutability-enabled` | — | " +
	"CKV_AWS_51 | AVD-AWS-0031 | — |\n| `NO_LIFECYCLE_POLICY` | ECR.3 | `ecr-private-lifecycle-policy-configured` | " +
	"CT.ECR.PR.1 | — | — | `ecr_repositories_lifecycle_policy_enabled` |\n| `SCAN_ON_PUSH_OFF` | ECR.1 | " +
	"`ecr-private-image-scanning-enabled` | CT.ECR.PR.2 | CKV_AWS_163 | AVD-AWS-0030 | " +
	"`ecr_registry_scan_images_on_push_enabled` |\n| `KMS_AWS_MANAGED_KEY` | ECR.5 | " +
	"`ecr-repository-cmk-encryption-enabled` | — | CKV_AWS_136 | AVD-AWS-0033 | — |\n| `AES256_NOT_KMS` | ECR.5 | " +
	"`ecr-repository-cmk-encryption-enabled` | — | CKV_AWS_136 | AVD-AWS-0033 | — |\n| `PUBLIC_POLICY` | — | — | — " +
	"| CKV_AWS_32 | AVD-AWS-0032 | `ecr_repositories_not_publicly_accessible` |\n| `BASIC_SCANNING` | — | — | — | — " +
	"| — | `ecr_registry_enhanced_scanning_enabled` |\n\nThe other codes (`BROAD_TAG_EXCEPTION`, " +
	"`NO_UNTAGGED_EXPIRY`, `PULL_TIME_UNPROTECTED`, `UNSIGNED_REPOSITORY`, `NO_SBOM_REFERRERS`, the access codes " +
	"other than `PUBLIC_POLICY`, and the `TEMPLATE_*` codes) are ecrgov's own.\n\n`PULL_THROUGH_CACHE_UNGOVERNED` " +
	"is ecrgov's own as well.\n\nThe replication codes (`REPLICATION_UNGOVERNED`, `DELETE_REPLICATION`) are " +
	"ecrgov's own too: no tool above checks the replication configuration.\n\n"
