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

# Mutable tags and no lifecycle policy.
resource "ecrgov_repository" "mutable" {
  name                 = "policy-example/mutable"
  image_tag_mutability = "MUTABLE"
}

# An exception outside the allow-list, and a policy that keeps untagged images forever and has
# no max_affected_images guard.
resource "ecrgov_repository" "dev_exception" {
  name                                   = "policy-example/dev-exception"
  image_tag_mutability                   = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filters = ["latest", "dev-*"]
}

resource "ecrgov_lifecycle_policy" "dev_exception" {
  repository = ecrgov_repository.dev_exception.name

  rule {
    priority = 1
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

# A template that creates repositories with mutable tags and no lifecycle policy.
resource "ecrgov_repository_creation_template" "weak" {
  prefix               = "policy-example-weak"
  applied_for          = ["CREATE_ON_PUSH"]
  image_tag_mutability = "MUTABLE"
}

# A repository made public on purpose (allow_public): the provider lets the plan through, and
# the policy-as-code review denies it unless the repository is an allowed public one.
resource "ecrgov_repository_policy" "public" {
  repository   = ecrgov_repository.mutable.name
  allow_public = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicPull"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}
