# Docker Hub through ECR: the first pull of <account>.dkr.ecr.<region>.amazonaws.com/docker-hub/library/nginx:1.27
# creates the repository docker-hub/library/nginx. The template makes it governed; without one
# the plan warns (require_creation_template = true makes that an error).
resource "ecrgov_repository_creation_template" "docker_hub" {
  prefix      = "docker-hub"
  applied_for = ["PULL_THROUGH_CACHE"]
  # A cache refreshes a tag by pushing it again, so cached tags stay mutable.
  image_tag_mutability = "MUTABLE"

  rule {
    priority = 1
    selection {
      tag_status   = "any"
      count_type   = "sinceImagePulled"
      count_unit   = "days"
      count_number = 90
    }
    action {
      type                 = "transition"
      target_storage_class = "archive"
    }
  }
}

resource "ecrgov_pull_through_cache_rule" "docker_hub" {
  ecr_repository_prefix = "docker-hub"
  upstream_registry_url = "registry-1.docker.io"
  # A Secrets Manager secret named ecr-pullthroughcache/..., in this account and Region, holding
  # {"username": "...", "accessToken": "..."}.
  credential_arn            = "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf"
  require_creation_template = true

  depends_on = [ecrgov_repository_creation_template.docker_hub]
}

# Another account's private registry: ECR assumes a role in this account to pull from it. No
# PULL_THROUGH_CACHE template covers "platform", so this plan warns.
resource "ecrgov_pull_through_cache_rule" "platform_images" {
  ecr_repository_prefix      = "platform"
  upstream_registry_url      = "111122223333.dkr.ecr.us-east-1.amazonaws.com"
  upstream_repository_prefix = "base-images"
  custom_role_arn            = "arn:aws:iam::123456789012:role/ecr-pull-through-cache"
}
