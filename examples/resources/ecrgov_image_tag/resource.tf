# Release exactly the bits CI tested: put the release tag on the tested digest. Nothing is
# rebuilt, and in an immutable repository the tag can never point elsewhere afterwards.
variable "tested_digest" {
  type = string
}

resource "ecrgov_image_tag" "release" {
  repository = "team/api"
  digest     = var.tested_digest
  tag        = "v1.4.2"

  # Destroy leaves an immutable release tag in ECR (the record of what ran); set this to remove it.
  delete_tag_on_destroy = false
}

# Promote from the build repository to the release repository of the same registry.
resource "ecrgov_image_tag" "prod" {
  source_repository = "team/api-builds"
  repository        = "team/api"
  digest            = var.tested_digest
  tag               = "prod"

  # In a mutable repository, moving an existing tag must be asked for.
  allow_move = true

  # Destroying the image's last tag deletes the image in ECR; allow it explicitly.
  allow_untag_last = false

  # Put the tag on the new digest before removing it from the old one.
  lifecycle {
    create_before_destroy = true
  }
}

# Promote to production only what is signed and carries an SBOM; an archived digest (a rollback
# to an old release) is restored first.
resource "ecrgov_image_tag" "deployed" {
  repository             = "team/api"
  digest                 = var.tested_digest
  tag                    = "deployed-prod-2026-11-28"
  require_signed         = true
  require_referrer_types = ["application/spdx+json"]
  restore_archived       = true

  timeouts = {
    create = "45m"
  }
}
