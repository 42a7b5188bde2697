# Unit tests for the module's lifecycle policy: no AWS account, no emulator, no apply.
variables {
  images = [
    { digest = "sha256:prod-old", tags = ["prod-2024", "v1"], pushed_at = "2024-01-01T00:00:00Z" },
    { digest = "sha256:v2", tags = ["v2"], pushed_at = "2026-01-02T00:00:00Z" },
    { digest = "sha256:v3", tags = ["v3"], pushed_at = "2026-01-03T00:00:00Z" },
    { digest = "sha256:v4", tags = ["v4"], pushed_at = "2026-01-04T00:00:00Z" },
    { digest = "sha256:v5", tags = ["v5"], pushed_at = "2026-01-05T00:00:00Z" },
    { digest = "sha256:untagged-old", tags = [], pushed_at = "2026-01-01T00:00:00Z" },
    { digest = "sha256:untagged-new", tags = [], pushed_at = "2026-01-09T00:00:00Z" },
  ]
}

run "policy_is_valid" {
  command = plan

  assert {
    condition     = length(output.policy_errors) == 0
    error_message = join("\n", output.policy_errors)
  }
}

run "production_releases_are_never_expired" {
  command = plan

  assert {
    condition = !contains(
      [for d in provider::ecrgov::lifecycle_simulate(output.policy, var.images, "2026-01-10T00:00:00Z") : d.digest],
      "sha256:prod-old",
    )
    error_message = "a prod-* release would be expired"
  }
}

run "keeps_the_last_three_releases_and_expires_old_untagged" {
  command = plan

  assert {
    condition = [for d in provider::ecrgov::lifecycle_simulate(output.policy, var.images, "2026-01-10T00:00:00Z") : d.digest] == [
      "sha256:untagged-old",
      "sha256:v2",
    ]
    error_message = "unexpected images expired"
  }
}

# lifecycle_protects answers for all time. A tag no rule selects is out of every rule's reach; the
# prod-* rule protects production releases from the lower rules only up to its count (9999), so
# for them the bound is what the simulation above proves.
run "tags_no_rule_selects_are_protected_for_all_time" {
  command = plan

  assert {
    condition     = provider::ecrgov::lifecycle_protects(output.policy, ["hotfix-2026-11-28"])
    error_message = "a rule selects hotfix-* images"
  }

  assert {
    condition     = !provider::ecrgov::lifecycle_protects(output.policy, ["prod-2024"])
    error_message = "prod-* images are kept only up to the rule's count, not for all time"
  }
}
