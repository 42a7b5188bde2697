# The import ID is the repository name; the policy is read into typed rule blocks.
terraform import ecrgov_lifecycle_policy.app team/app

# For a configuration that gives the policy as JSON (policy = ...), append ":json".
terraform import ecrgov_lifecycle_policy.app team/app:json
