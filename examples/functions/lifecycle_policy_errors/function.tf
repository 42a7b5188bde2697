# Check a policy managed by any provider before it is applied.
variable "lifecycle_policy" {
  type = string
}

resource "aws_ecr_lifecycle_policy" "app" {
  repository = "team/app"
  policy     = var.lifecycle_policy

  lifecycle {
    precondition {
      condition     = length(provider::ecrgov::lifecycle_policy_errors(var.lifecycle_policy)) == 0
      error_message = join("\n", provider::ecrgov::lifecycle_policy_errors(var.lifecycle_policy))
    }
  }
}
