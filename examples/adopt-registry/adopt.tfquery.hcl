# Every repository under adopt-example/, whoever owns it, as the tag mutability overlay (the
# repository itself stays with the module that created it), and its lifecycle policy in typed
# rule blocks.
list "ecrgov_repository_tag_mutability" "all" {
  provider         = ecrgov
  include_resource = true
  config {
    name_prefix = "adopt-example/"
  }
}

list "ecrgov_lifecycle_policy" "all" {
  provider         = ecrgov
  include_resource = true
  config {
    name_prefix = "adopt-example/"
  }
}
