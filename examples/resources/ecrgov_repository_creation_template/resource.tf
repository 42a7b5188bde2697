# Every repository that a push creates under team/ gets immutable tags (with `latest` as the one
# exception), a lifecycle policy and the team's tags, however it was created.
resource "ecrgov_repository_creation_template" "team" {
  prefix      = "team"
  applied_for = ["CREATE_ON_PUSH", "REPLICATION"]
  description = "Governed defaults for team/ repositories"

  image_tag_mutability                   = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filters = ["latest"]

  rule {
    priority    = 1
    description = "Expire untagged images after 7 days"
    selection {
      tag_status   = "untagged"
      count_type   = "sinceImagePushed"
      count_unit   = "days"
      count_number = 7
    }
    action { type = "expire" }
  }

  rule {
    priority    = 2
    description = "Keep the last 100 images"
    selection {
      tag_status   = "any"
      count_type   = "imageCountMoreThan"
      count_number = 100
    }
    action { type = "expire" }
  }

  # Resource tags and KMS need a role for ECR to assume when it creates the repository.
  resource_tags   = { owner = "team" }
  custom_role_arn = "arn:aws:iam::123456789012:role/ecr-repository-creation"
}

# A pull through cache refreshes cached tags by pushing them again, so its template keeps tags
# mutable; ROOT covers every repository that no other template covers.
resource "ecrgov_repository_creation_template" "cache" {
  prefix               = "ROOT"
  applied_for          = ["PULL_THROUGH_CACHE"]
  image_tag_mutability = "MUTABLE"
  lifecycle_policy = jsonencode({
    rules = [{
      rulePriority = 1
      selection    = { tagStatus = "any", countType = "sinceImagePushed", countUnit = "days", countNumber = 90 }
      action       = { type = "expire" }
    }]
  })
}
