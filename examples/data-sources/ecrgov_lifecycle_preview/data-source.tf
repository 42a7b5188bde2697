# What would the repository's policy delete right now? Evaluated offline, in seconds.
data "ecrgov_lifecycle_preview" "app" {
  repository = "team/app"
}

# Preview a proposed policy before it replaces the current one, as of a given date.
data "ecrgov_lifecycle_preview" "proposed" {
  repository = "team/app"
  policy     = data.ecrgov_lifecycle_policy_document.releases.json
  now        = "2027-01-01T00:00:00Z"
}

# Ask ECR's own (asynchronous, slower) preview instead.
data "ecrgov_lifecycle_preview" "service" {
  repository = "team/app"
  mode       = "service"

  timeouts = {
    read = "15m"
  }
}

output "would_expire" {
  value = [for i in data.ecrgov_lifecycle_preview.app.images : i.digest if i.action == "expire"]
}
