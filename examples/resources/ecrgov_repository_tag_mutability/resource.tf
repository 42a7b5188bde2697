# Govern a repository that another module (here the AWS provider) owns.
resource "aws_ecr_repository" "legacy" {
  name = "legacy/app"
}

resource "ecrgov_repository_tag_mutability" "legacy" {
  repository                             = aws_ecr_repository.legacy.name
  image_tag_mutability                   = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filters = ["latest"]

  # Destroying this resource leaves the repository immutable unless this is true.
  restore_on_destroy = false
}
