package provider_test

import "github.com/hashicorp/terraform-plugin-testing/compare"

var compareEqual = compare.ValuesSame()
