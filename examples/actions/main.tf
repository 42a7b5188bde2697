# Actions (Terraform 1.14+): imperative steps that belong to an apply. Invoke one directly:
#
#   terraform apply -invoke=action.ecrgov_archive_image.old_release
#
# or from a resource's lifecycle with action_trigger, as the scan below runs after a promotion.
terraform {
  required_providers {
    ecrgov = { source = "ecrgov/ecrgov" }
  }
}

variable "endpoint" {
  type    = string
  default = "http://127.0.0.1:4566"
}

variable "repository" {
  type    = string
  default = "adopt-example/legacy"
}

provider "ecrgov" {
  region     = "us-east-1"
  endpoint   = var.endpoint
  access_key = "test"
  secret_key = "test"
}

data "ecrgov_image" "old_release" {
  repository = var.repository
  tag        = "v1.0.0"
}

data "ecrgov_image" "release" {
  repository = var.repository
  tag        = "v1.2.0"
}

# Archive an old release nobody deploys; refused for tags matching protected_tag_patterns.
action "ecrgov_archive_image" "old_release" {
  config {
    repository             = var.repository
    digest                 = data.ecrgov_image.old_release.digest
    protected_tag_patterns = ["deployed-*", "latest"]
  }
}

# Bring it back: restore, and wait until it can be pulled.
action "ecrgov_restore_image" "old_release" {
  config {
    repository = var.repository
    digest     = data.ecrgov_image.old_release.digest
    timeout    = "5m"
  }
}

action "ecrgov_start_image_scan" "release" {
  config {
    repository = var.repository
    digest     = data.ecrgov_image.release.digest
    timeout    = "10m"
  }
}

# Promote the release, then scan it, in the same apply.
resource "ecrgov_image_tag" "stable" {
  repository = var.repository
  tag        = "stable"
  digest     = data.ecrgov_image.release.digest

  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.ecrgov_start_image_scan.release]
    }
  }
}

# Copy to us-west-2 the images that existed before its replication rule did (replication copies
# only what is pushed after). Refused unless a rule replicates team/ there.
action "ecrgov_start_replication_backfill" "team_to_dr" {
  config {
    region            = "us-west-2"
    registry_id       = "123456789012"
    repository_filter = "team/"
    timeout           = "2h"
  }
}
