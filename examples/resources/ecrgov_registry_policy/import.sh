# The import ID is the registry ID (the account ID) the provider addresses.
terraform import ecrgov_registry_policy.this 123456789012
