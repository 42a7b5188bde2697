# Let pushes mount layers that other repositories of the registry already hold.
resource "ecrgov_account_setting" "blob_mounting" {
  name  = "BLOB_MOUNTING"
  value = "ENABLED"
}

# Keep the registry on the current registry policy scope, and put the old value back if this
# governance is ever removed.
resource "ecrgov_account_setting" "registry_policy_scope" {
  name               = "REGISTRY_POLICY_SCOPE"
  value              = "V2"
  restore_on_destroy = true
}
