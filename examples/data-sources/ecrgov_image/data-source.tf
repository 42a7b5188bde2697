# Resolve the release tag to its digest at plan time and pin the task definition to it: a
# scale-out can never pull different bits than the tasks already running.
data "ecrgov_image" "api" {
  repository = "team/api"
  tag        = "v1.4.2"
  platform   = "linux/arm64"
}

resource "aws_ecs_task_definition" "api" {
  family                   = "api"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 256
  memory                   = 512
  network_mode             = "awsvpc"

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }

  container_definitions = jsonencode([{
    name      = "api"
    image     = data.ecrgov_image.api.platform_image_uri # <repo>@sha256:<arm64 manifest>
    essential = true
  }])
}

# Or let the runtime pick the platform from the multi-arch index, still pinned.
output "api_image" {
  value = data.ecrgov_image.api.image_uri
}

# The newest release, and an optional image that must not break the plan while it is missing.
data "ecrgov_image" "newest_release" {
  repository  = "team/api"
  most_recent = true
  tag_pattern = "v*"
}

data "ecrgov_image" "canary" {
  repository    = "team/api"
  tag           = "canary"
  allow_missing = true
}

# Refuse to plan a release with critical findings.
data "ecrgov_image" "scanned" {
  repository            = "team/api"
  tag                   = "v1.4.2"
  include_scan_findings = true
}

check "no_critical_findings" {
  assert {
    condition     = data.ecrgov_image.scanned.scan.critical == 0
    error_message = "team/api:v1.4.2 has ${data.ecrgov_image.scanned.scan.critical} critical findings."
  }
}

# Know what you pin: who signed it, which SBOM describes it, and whether it can still be pulled
# (an archived image answers pulls with 404). None of this reads a manifest.
data "ecrgov_image" "release" {
  repository      = "team/api"
  tag             = "v1.4.2"
  include_signing = true
  artifact_type   = "application/spdx+json"
}

check "release_is_deployable" {
  assert {
    condition     = data.ecrgov_image.release.signed && data.ecrgov_image.release.pullable && length(data.ecrgov_image.release.referrers) > 0
    error_message = "v1.4.2 must be signed, ACTIVE and carry an SBOM."
  }
}
