# Reading a manifest counts as a pull in ECR. Exclude the principals that read images without
# running them, so that sinceImagePulled lifecycle rules see only real pulls.
variable "readers" {
  description = "Roles that scan, audit or plan: the scanner, CI, and the role that runs Terraform."
  type        = set(string)
  default = [
    "arn:aws:iam::123456789012:role/image-scanner",
    "arn:aws:iam::123456789012:role/ci-deploy",
    "arn:aws:iam::123456789012:role/terraform",
  ]
}

resource "ecrgov_pull_time_update_exclusion" "readers" {
  for_each      = var.readers
  principal_arn = each.value
}
