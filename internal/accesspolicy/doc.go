// Package accesspolicy reads ECR repository and registry permission policies (IAM policy
// grammar) and says who they let reach an image: the public, which accounts, with which
// actions. It turns that into finding codes that plans, the audit and policy-as-code share.
//
// What is public follows the AWS docs that checkov (CKV_AWS_32), trivy (no-public-access) and
// prowler (ecr_repositories_not_publicly_accessible) also follow: an Allow statement whose
// principal is "*" (or {"AWS": "*"}) with no condition that narrows who the caller is or where it
// calls from. Registry policies are read with REGISTRY_POLICY_SCOPE V2 semantics, the default and
// now the only scope: "Amazon ECR allows all ECR actions in the policy and enforces the registry
// policy in all ECR requests" (User Guide, "Private registry permissions").
//
// No Terraform imports, no AWS SDK.
package accesspolicy
