# The quickstart that `make demo` applies against the local ECR emulator.
terraform {
  required_providers {
    ecrgov = {
      source = "ecrgov/ecrgov"
    }
  }
}

variable "endpoint" {
  description = "ECR endpoint; the demo points it at the local emulator."
  type        = string
  default     = "http://127.0.0.1:4566"
}

provider "ecrgov" {
  region     = "us-east-1"
  endpoint   = var.endpoint
  access_key = "test"
  secret_key = "test"
}

# Immutable tags, with one controlled exception: `latest` may move, release tags never.
resource "ecrgov_repository" "app" {
  name                                   = "quickstart/app"
  image_tag_mutability                   = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filters = ["latest"]
  force_delete                           = true

  tags = {
    purpose = "ecrgov-quickstart"
  }
}

# What a policy check would read back.
data "ecrgov_repository" "app" {
  name = ecrgov_repository.app.name
}

output "repository_url" {
  value = ecrgov_repository.app.repository_url
}

output "tags_immutable" {
  value = data.ecrgov_repository.app.tags_immutable
}

output "tag_exceptions" {
  value = data.ecrgov_repository.app.image_tag_mutability_exclusion_filters
}
