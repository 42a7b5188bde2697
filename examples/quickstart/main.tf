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

# Clean-up that never touches releases in use: keep the last 30 `v*` releases, expire untagged
# images after 7 days, and archive commit builds (`sha-*`) nobody pulled for 90 days.
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

# Repositories that a push creates under quickstart/ get the same governance: ECR creates them
# from this template, IMMUTABLE with `latest` as the one exception and untagged images expired.
resource "ecrgov_repository_creation_template" "quickstart" {
  prefix                                 = "quickstart"
  applied_for                            = ["CREATE_ON_PUSH"]
  description                            = "ecrgov quickstart: governed by default"
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
    action {
      type = "expire"
    }
  }
}

output "new_repositories_governed_by" {
  description = "The template ECR would use for a push to quickstart/new-service, which does not exist yet."
  value       = provider::ecrgov::creation_template_for("quickstart/new-service", [ecrgov_repository_creation_template.quickstart])
}

# What a policy check would read back.
data "ecrgov_repository" "app" {
  name = ecrgov_lifecycle_policy.app.repository
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

output "has_lifecycle_policy" {
  value = data.ecrgov_repository.app.has_lifecycle_policy
}

# What the policy would do to the images in the repository right now, evaluated offline.
data "ecrgov_lifecycle_preview" "app" {
  repository = ecrgov_lifecycle_policy.app.repository
}

output "lifecycle_preview" {
  value = {
    expire     = data.ecrgov_lifecycle_preview.app.expire_count
    transition = data.ecrgov_lifecycle_preview.app.transition_count
    keep       = data.ecrgov_lifecycle_preview.app.keep_count
  }
}

# Pin by digest: resolve `latest` (a multi-arch index) to the digest that names these exact bits.
# allow_missing keeps the first plan working before any image is pushed. This lookup is one
# DescribeImages call and reads no manifest, so planning never counts as a pull of the image.
# (`platform = "linux/arm64"` would also give the arm64 image's digest; it reads the index with
# BatchGetImage, which ECR records as a pull: exclude the principal that runs Terraform first,
# with ecrgov_pull_time_update_exclusion.)
data "ecrgov_image" "latest" {
  repository    = ecrgov_repository.app.name
  tag           = "latest"
  allow_missing = true
}

output "pinned_image_uri" {
  description = "What a task definition should reference: <repository>@sha256:..."
  value       = data.ecrgov_image.latest.image_uri
}

check "pinned" {
  assert {
    condition     = data.ecrgov_image.latest.found ? provider::ecrgov::is_digest_pinned(data.ecrgov_image.latest.image_uri) : true
    error_message = "The quickstart image URI is not pinned by digest."
  }
}
