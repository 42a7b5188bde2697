# The import ID is the template's prefix (or ROOT).
terraform import ecrgov_repository_creation_template.team team
