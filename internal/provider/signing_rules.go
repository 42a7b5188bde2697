package provider

import (
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/signing"
)

// toSigningRules turns the rules ECR holds into the signing package's, for the signing
// configuration's plan warning, the image lookups and the audit.
func toSigningRules(rules []ecrapi.SigningRule) []signing.Rule {
	out := make([]signing.Rule, 0, len(rules))
	for _, r := range rules {
		out = append(out, signing.Rule{ProfileARN: r.ProfileARN, Filters: r.Filters})
	}
	return out
}
