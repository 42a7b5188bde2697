# The import ID is the repository name.
terraform import ecrgov_repository.api team/api
