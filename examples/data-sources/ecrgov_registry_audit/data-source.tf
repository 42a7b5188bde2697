data "ecrgov_registry_audit" "team" {
  name_prefix = "team/"
}

# Every governance gap, by repository, for a report or a policy engine.
output "findings" {
  value = { for r in data.ecrgov_registry_audit.team.repositories : r.name => r.findings if length(r.findings) > 0 }
}

check "all_tags_immutable" {
  assert {
    condition     = data.ecrgov_registry_audit.team.summary["TAGS_MUTABLE"] == 0
    error_message = "${data.ecrgov_registry_audit.team.summary["TAGS_MUTABLE"]} repositories have mutable tags."
  }
}
