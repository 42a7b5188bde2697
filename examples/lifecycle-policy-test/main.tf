# A module that owns a lifecycle policy, unit-tested offline with `terraform test` and
# provider::ecrgov::lifecycle_simulate (see tests/). Run: terraform test
terraform {
  required_providers {
    ecrgov = {
      source = "ecrgov/ecrgov"
    }
  }
}

variable "releases_to_keep" {
  type    = number
  default = 3
}

locals {
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Never expire production releases"
        selection    = { tagStatus = "tagged", tagPatternList = ["prod-*"], countType = "imageCountMoreThan", countNumber = 9999 }
        action       = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep the last releases"
        selection    = { tagStatus = "tagged", tagPatternList = ["v*"], countType = "imageCountMoreThan", countNumber = var.releases_to_keep }
        action       = { type = "expire" }
      },
      {
        rulePriority = 3
        description  = "Expire untagged images after 7 days"
        selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 7 }
        action       = { type = "expire" }
      },
    ]
  })
}

output "policy" {
  value = local.policy
}

output "policy_errors" {
  value = provider::ecrgov::lifecycle_policy_errors(local.policy)
}
