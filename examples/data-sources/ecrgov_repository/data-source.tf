data "ecrgov_repository" "api" {
  name = "team/api"
}

# Fail the plan's checks when someone made the repository's tags mutable.
check "api_tags_immutable" {
  assert {
    condition     = data.ecrgov_repository.api.tags_immutable
    error_message = "team/api has mutable tags (${data.ecrgov_repository.api.image_tag_mutability})."
  }
}
