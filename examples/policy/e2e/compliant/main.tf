terraform {
  required_providers {
    ecrgov = {
      source = "ecrgov/ecrgov"
    }
  }
}

variable "endpoint" {
  type    = string
  default = "http://127.0.0.1:4566"
}

provider "ecrgov" {
  region     = "us-east-1"
  endpoint   = var.endpoint
  access_key = "test"
  secret_key = "test"
}

resource "ecrgov_repository" "app" {
  name                                   = "policy-example/compliant"
  image_tag_mutability                   = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filters = ["latest"]
}

resource "ecrgov_lifecycle_policy" "app" {
  repository          = ecrgov_repository.app.name
  max_affected_images = 0

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
}

# Repositories created by a push under policy-example-team/ are governed the same way.
resource "ecrgov_repository_creation_template" "team" {
  prefix      = "policy-example-team"
  applied_for = ["CREATE_ON_PUSH"]

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
}
