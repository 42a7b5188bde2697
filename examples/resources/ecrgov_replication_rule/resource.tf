# One rule of the registry's replication configuration. Other states (and other resources in
# this one) add their own rules; each changes only its own.
resource "ecrgov_replication_rule" "team_to_dr" {
  destination {
    region      = "us-west-2"
    registry_id = "111122223333" # this account: cross-Region replication
  }
  repository_filter {
    filter = "team/"
  }
}

# Replicated repositories are created in us-west-2 from the REPLICATION template there that covers
# them; without one they arrive with default settings (mutable tags, no lifecycle policy), and
# the plan of the rule above warns.
provider "ecrgov" {
  alias  = "us_west_2"
  region = "us-west-2"
}

resource "ecrgov_repository_creation_template" "team_replicas" {
  provider    = ecrgov.us_west_2
  prefix      = "team"
  applied_for = ["REPLICATION"]
  # ... lifecycle rules and a repository policy, as for pushes
}

# Replicate deletions too: an expiry by the source's lifecycle policy deletes in every
# destination. The plan warns; use it for mirrors, not for backups.
resource "ecrgov_replication_rule" "mirror" {
  destination {
    region      = "eu-west-1"
    registry_id = "111122223333"
  }
  repository_filter {
    filter = "mirror/"
  }
  delete_replication = true
}
