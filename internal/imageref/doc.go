// Package imageref parses and formats container image references, digests, manifests and
// indexes for ECR. It has no Terraform imports.
package imageref
