# The import ID is the repository name; the policy is read into typed rule blocks.
terraform import ecrgov_lifecycle_policy.app team/app
