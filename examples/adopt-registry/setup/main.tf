# What the adoption starts from: a repository another tool created, mutable, with a lifecycle
# policy written as JSON. scripts/test-latest.sh applies it, then adopts it from ../.
terraform {
  required_providers {
    ecrgov = { source = "ecrgov/ecrgov" }
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

resource "ecrgov_repository" "legacy" {
  name                 = "adopt-example/legacy"
  image_tag_mutability = "MUTABLE"
  force_delete         = true
}

resource "ecrgov_lifecycle_policy" "legacy" {
  repository = ecrgov_repository.legacy.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 14 }
      action       = { type = "expire" }
    }]
  })
}
