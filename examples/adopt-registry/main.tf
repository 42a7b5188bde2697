# Adopt an existing registry in one step (Terraform 1.14+): `terraform query` lists what exists
# (adopt.tfquery.hcl) and writes configuration and import blocks for it:
#
#   terraform query -generate-config-out=generated.tf
#
# Review generated.tf, make the governance change (IMMUTABLE), and plan: only imports and that
# change appear. See the guide "Adopt an existing registry".
terraform {
  required_providers {
    ecrgov = { source = "ecrgov/ecrgov" }
  }
}

variable "endpoint" {
  type    = string
  default = "http://127.0.0.1:4566"
}

provider "ecrgov" {
  region     = "us-east-1"
  endpoint   = var.endpoint
  access_key = "test"
  secret_key = "test"
}

# What still needs attention after the adoption.
data "ecrgov_registry_audit" "adopted" {
  name_prefix = "adopt-example/"
}

output "findings" {
  value = { for r in data.ecrgov_registry_audit.adopted.repositories : r.name => r.findings }
}
