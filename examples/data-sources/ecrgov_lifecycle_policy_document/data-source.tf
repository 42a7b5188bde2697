# Keep aws_ecr_lifecycle_policy, but get ecrgov's plan-time checks and canonical JSON.
data "ecrgov_lifecycle_policy_document" "releases" {
  rule {
    priority = 1
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
    priority = 10
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
}

resource "aws_ecr_lifecycle_policy" "app" {
  repository = "team/app"
  policy     = data.ecrgov_lifecycle_policy_document.releases.json
}
