# Let a source account replicate into this registry. Under REGISTRY_POLICY_SCOPE V2 a registry
# policy reaches every repository, so the plan warns that ecr:CreateRepository for another account
# lets it create repositories here, and refuses a grant to everyone.
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

resource "ecrgov_registry_policy" "this" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ReplicationAccessCrossAccount"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["ecr:CreateRepository", "ecr:ReplicateImage"]
      Resource  = "arn:aws:ecr:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:repository/*"
    }]
  })
  trusted_accounts = ["444455556666"]
}
