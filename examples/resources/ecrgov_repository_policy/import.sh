# The import ID is the repository name. previous_policy then records the policy found at import.
terraform import ecrgov_repository_policy.app team/app
