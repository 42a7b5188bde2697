package provider_test

import (
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

var compareEqual = compare.ValuesSame()

func tfjsonPath(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

// errorText matches a diagnostic's text however Terraform wraps it: the words of want, in
// order, separated by any whitespace.
func errorText(want string) *regexp.Regexp {
	words := strings.Fields(want)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(words, `\s+`))
}
