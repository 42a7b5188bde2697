data "ecrgov_repository_creation_templates" "all" {}

# Templates that would create repositories with mutable tags.
output "mutable_templates" {
  value = [
    for t in data.ecrgov_repository_creation_templates.all.templates : t.prefix
    if startswith(t.image_tag_mutability, "MUTABLE")
  ]
}
