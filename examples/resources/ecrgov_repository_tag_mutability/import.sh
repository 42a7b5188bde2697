# The import ID is the repository name. previous_* then record the setting found at import.
terraform import ecrgov_repository_tag_mutability.legacy legacy/app
