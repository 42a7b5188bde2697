# The import ID is the registry (AWS account) ID the provider addresses.
terraform import ecrgov_signing_configuration.this 123456789012
