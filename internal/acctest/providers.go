package acctest

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/provider"
)

// ProtoV6ProviderFactories serves the provider in-process to the test framework.
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"ecrgov": providerserver.NewProtocol6WithError(provider.New("test")()),
}

// ProviderConfig is an explicit provider block pointing at the emulator with dummy static
// credentials, so that no test depends on the caller's environment or AWS files.
func ProviderConfig() string {
	return ProviderConfigWith("")
}

// ProviderConfigWith adds extra arguments (such as account lists) to ProviderConfig's block. On
// real ECR the block names only the region: credentials come from the standard chain.
func ProviderConfigWith(extra string) string {
	if OnAWS() {
		return fmt.Sprintf("\nprovider \"ecrgov\" {\n  region = %q\n%s\n}\n", TestRegion(), extra)
	}
	return providerBlock(Endpoint(), extra)
}

// providerBlock is the one place the tests' provider block is written: endpoint is the
// emulator or a proxy in front of it.
func providerBlock(endpoint, extra string) string {
	return fmt.Sprintf(`
provider "ecrgov" {
  region       = %[2]q
  endpoint     = %[1]q
  sts_endpoint = %[1]q
  access_key   = "test"
  secret_key   = "test"
%[3]s
}
`, endpoint, Region, extra)
}
