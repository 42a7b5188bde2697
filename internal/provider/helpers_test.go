package provider_test

import (
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

var compareEqual = compare.ValuesSame()

func tfjsonPath(name string) tfjsonpath.Path { return tfjsonpath.New(name) }
