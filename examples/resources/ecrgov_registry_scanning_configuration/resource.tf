# Scan every repository on push, and production continuously with Amazon Inspector. The
# configuration in place before is recorded in previous_scan_type and previous_rules.
resource "ecrgov_registry_scanning_configuration" "this" {
  scan_type = "ENHANCED"

  rule {
    scan_frequency     = "CONTINUOUS_SCAN"
    repository_filters = ["prod/*"]
  }

  rule {
    scan_frequency     = "SCAN_ON_PUSH"
    repository_filters = ["*"]
  }

  # Destroying this resource leaves the configuration above in place unless this is true.
  restore_on_destroy = false
}
