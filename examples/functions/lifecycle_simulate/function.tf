locals {
  policy = jsonencode({
    rules = [
      { rulePriority = 1, selection = { tagStatus = "tagged", tagPatternList = ["prod*"], countType = "imageCountMoreThan", countNumber = 1 }, action = { type = "expire" } },
      { rulePriority = 2, selection = { tagStatus = "tagged", tagPatternList = ["beta*"], countType = "imageCountMoreThan", countNumber = 1 }, action = { type = "expire" } },
    ]
  })

  # Optional keys (last_pulled_at, storage_class, referenced_by, subject_digest, ...) may be omitted.
  images = [
    { digest = "sha256:a", tags = ["beta-1", "prod-1"], pushed_at = "2026-11-16T00:00:00Z" },
    { digest = "sha256:b", tags = ["beta-2", "prod-2"], pushed_at = "2026-11-17T00:00:00Z" },
    { digest = "sha256:c", tags = ["beta-3"], pushed_at = "2026-11-18T00:00:00Z", last_pulled_at = "2026-11-25T00:00:00Z" },
  ]
}

# [{ digest = "sha256:a", action = "expire", rule_priority = 1 }]: image B matches rule 1, which
# keeps it, so rule 2 cannot expire it.
output "expired" {
  value = provider::ecrgov::lifecycle_simulate(local.policy, local.images, "2026-11-26T00:00:00Z")
}
