variable "container_images" {
  type = map(string)
}

# Fail the plan's checks when any container image can move under a tag.
check "images_are_pinned" {
  assert {
    condition     = alltrue([for ref in values(var.container_images) : provider::ecrgov::is_digest_pinned(ref)])
    error_message = "Pin every image by digest: ${join(", ", [for name, ref in var.container_images : name if !provider::ecrgov::is_digest_pinned(ref)])}"
  }
}
