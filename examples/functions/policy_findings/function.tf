# Assert in terraform test, or in any module, that a policy opens nothing to the public and
# grants only the listed accounts (your own included).
locals {
  pull_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PartnerPull"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
  findings = provider::ecrgov::policy_findings(local.pull_policy, ["111122223333", "444455556666"])
}

check "no_public_or_untrusted_grants" {
  assert {
    condition     = length([for f in local.findings : f if contains(["PUBLIC_POLICY", "UNTRUSTED_ACCOUNT"], f.code)]) == 0
    error_message = join("\n", [for f in local.findings : "${f.code} (${f.sid}): ${f.detail}"])
  }
}
