# The whole replication configuration. Pass the IDs of the ecrgov_replication_rule resources of
# every state that declares rules; the others were written by something else.
data "ecrgov_replication_configuration" "this" {
  known_rule_ids = [ecrgov_replication_rule.team_to_dr.id, ecrgov_replication_rule.mirror.id]
}

check "no_unknown_replication" {
  assert {
    condition     = length(data.ecrgov_replication_configuration.this.unknown_origin_rule_ids) == 0
    error_message = "Replication rules of unknown origin: ${join(", ", data.ecrgov_replication_configuration.this.unknown_origin_rule_ids)}"
  }
}
