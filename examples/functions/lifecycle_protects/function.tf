# In terraform test: prove that the repository's lifecycle policy can never expire or archive the
# digest production runs, which is promoted under a deployed-prod-* tag.
resource "ecrgov_lifecycle_policy" "app" {
  repository = "team/app"

  rule {
    priority = 1
    selection {
      tag_status   = "untagged"
      count_type   = "sinceImagePushed"
      count_unit   = "days"
      count_number = 7
    }
    action { type = "expire" }
  }

  rule {
    priority = 2
    selection {
      tag_status       = "tagged"
      tag_pattern_list = ["v*"]
      count_type       = "imageCountMoreThan"
      count_number     = 30
    }
    action { type = "expire" }
  }
}

check "deployed_digests_are_never_cleaned_up" {
  assert {
    condition     = provider::ecrgov::lifecycle_protects(ecrgov_lifecycle_policy.app.policy_json, ["deployed-prod-2026-11-28"])
    error_message = "A lifecycle rule selects deployed-prod-* images: production's digest could be expired or archived."
  }
}
