# { registry = "docker.io", repository = "library/nginx", name = "docker.io/library/nginx",
#   tag = "1.27", digest = null, familiar = "nginx:1.27" }
output "parsed" {
  value = provider::ecrgov::parse_image_ref("nginx:1.27")
}
