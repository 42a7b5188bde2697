# Typed rules: checked at plan time against every documented ECR rule, changed in place.
resource "ecrgov_lifecycle_policy" "app" {
  repository = ecrgov_repository.app.name

  rule {
    priority    = 1
    description = "Expire untagged images after 7 days"
    selection {
      tag_status   = "untagged"
      count_type   = "sinceImagePushed"
      count_unit   = "days"
      count_number = 7
    }
    action {
      type = "expire"
    }
  }

  rule {
    priority    = 10
    description = "Keep the last 30 releases"
    selection {
      tag_status       = "tagged"
      tag_pattern_list = ["v*"]
      count_type       = "imageCountMoreThan"
      count_number     = 30
    }
    action {
      type = "expire"
    }
  }

  rule {
    priority    = 20
    description = "Archive commit builds not pulled for 90 days"
    selection {
      tag_status       = "tagged"
      tag_pattern_list = ["sha-*"]
      count_type       = "sinceImagePulled"
      count_unit       = "days"
      count_number     = 90
    }
    action {
      type                 = "transition"
      target_storage_class = "archive"
    }
  }
}

# Or JSON, compared by meaning: reformatting or reordering never shows a diff.
resource "ecrgov_lifecycle_policy" "legacy" {
  repository = "legacy/app"
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep only one untagged image"
      selection    = { tagStatus = "untagged", countType = "imageCountMoreThan", countNumber = 1 }
      action       = { type = "expire" }
    }]
  })
}
