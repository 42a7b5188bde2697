# Credentials and region come from the standard AWS chain (environment, profile, SSO, web
# identity, instance role) when they are not set here.
provider "ecrgov" {
  region = "eu-central-1"

  # Refuse to run against any other account.
  allowed_account_ids = ["123456789012"]

  assume_role {
    role_arn     = "arn:aws:iam::123456789012:role/ecr-governance"
    session_name = "terraform"
  }
}

# A local ECR emulator (or a VPC/FIPS endpoint) instead of the public endpoint.
provider "ecrgov" {
  alias      = "local"
  region     = "us-east-1"
  endpoint   = "http://127.0.0.1:4566"
  access_key = "test"
  secret_key = "test"
}
