# The import ID is the template's prefix (or ROOT).
terraform import ecrgov_repository_creation_template.team team

# The lifecycle policy is read into rule blocks; for a configuration that gives it as JSON
# (lifecycle_policy = ...), append ":json".
terraform import ecrgov_repository_creation_template.team team:json
