# Let every account of the organisation pull, and one CI account push. A statement that let
# everyone pull ("Principal": "*") without the PrincipalOrgID condition would fail the plan.
resource "ecrgov_repository_policy" "app" {
  repository = "team/app"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "OrgPull"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
      },
      {
        Sid       = "CIPush"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::444455556666:role/ci" }
        Action    = ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"]
      },
    ]
  })

  # A principal of any other account fails the plan, naming its statement.
  trusted_accounts = ["444455556666"]

  # Put back the policy this resource replaced when it is destroyed.
  restore_on_destroy = true
}

# The plan carries the analysis for policy-as-code: here one WRITE_TO_OTHER_ACCOUNT warning.
output "repository_policy_findings" {
  value = ecrgov_repository_policy.app.findings
}
