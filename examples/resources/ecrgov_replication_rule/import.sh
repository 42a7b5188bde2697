# The import ID is the rule's destinations (region/registry_id) and repository filters, each
# sorted and comma-separated, joined by ":" (nothing after it for a rule without filters).
terraform import ecrgov_replication_rule.team_to_dr us-west-2/111122223333:team/
