terraform {
  required_providers {
    ecrgov = {
      source = "ecrgov/ecrgov"
    }
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


# The images a deployment would resolve: scripts/seed-provenance puts a signed image with an
# SBOM, an unsigned one and an archived one into policy-example/provenance.
data "ecrgov_image" "signed" {
  repository            = "policy-example/provenance"
  tag                   = "signed"
  include_signing       = true
  include_scan_findings = true
  artifact_type         = "application/spdx+json"
}

data "ecrgov_image" "unsigned" {
  repository            = "policy-example/provenance"
  tag                   = "unsigned"
  include_signing       = true
  include_scan_findings = true
  artifact_type         = "application/spdx+json"
}

data "ecrgov_image" "archived" {
  repository            = "policy-example/provenance"
  tag                   = "archived"
  include_signing       = true
  include_scan_findings = true
  artifact_type         = "application/spdx+json"
}

# Resolved without reading signing: the policy says which input to set.
data "ecrgov_image" "unchecked" {
  repository = "policy-example/provenance"
  tag        = "signed"
}
