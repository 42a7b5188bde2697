# The five newest releases, newest first, each with a pinnable image_uri.
data "ecrgov_images" "releases" {
  repository  = "team/api"
  tag_status  = "TAGGED"
  tag_pattern = "v*"
  limit       = 5
}

output "recent_releases" {
  value = { for i in data.ecrgov_images.releases.images : join(",", i.tags) => i.image_uri }
}
