# Tags are immutable by default; `latest` and `dev-*` may move.
resource "ecrgov_repository" "api" {
  name                                   = "team/api"
  image_tag_mutability                   = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filters = ["latest", "dev-*"]

  tags = {
    team = "platform"
  }
}

# Fully immutable, encrypted with a customer managed key.
resource "ecrgov_repository" "payments" {
  name            = "team/payments"
  encryption_type = "KMS"
  kms_key         = "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
