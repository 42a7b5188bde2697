# ECR signs every image pushed to prod/ and payments/ repositories with the platform's AWS
# Signer profile; the configuration in place before is recorded in previous_rules.
resource "ecrgov_signing_configuration" "this" {
  rule {
    signing_profile_arn = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/platform"
    repository_filter {
      filter = "prod/*"
    }
    repository_filter {
      filter = "payments/*"
    }
  }
}
