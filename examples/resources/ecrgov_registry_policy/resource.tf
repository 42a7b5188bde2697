# Let a source account replicate into this registry. Under REGISTRY_POLICY_SCOPE V2 a registry
# policy reaches every repository, so the plan warns that ecr:CreateRepository for another account
# lets it create repositories here, and refuses a grant to everyone.
resource "ecrgov_registry_policy" "this" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ReplicationAccessCrossAccount"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["ecr:CreateRepository", "ecr:ReplicateImage"]
      Resource  = "arn:aws:ecr:us-east-1:111122223333:repository/*" # this registry's region and account
    }]
  })
  trusted_accounts = ["444455556666"]
}
