# The import ID is the ECR repository prefix.
terraform import ecrgov_pull_through_cache_rule.docker_hub docker-hub
