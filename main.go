// Command terraform-provider-ecrgov serves the ecrgov Terraform provider over plugin protocol 6.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/provider"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()
	if !debug {
		quietSDKLogsUnlessAsked()
	}

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         "registry.terraform.io/ecrgov/ecrgov",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}

// logVariables are the variables with which a user asks Terraform, or the plugin SDK, for logs.
var logVariables = []string{
	"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PATH",
	"TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_PROTO_DATA_DIR",
}

// quietSDKLogsUnlessAsked turns the plugin SDK's own logs off when no log variable is set. The
// SDK logs at TRACE by default and Terraform throws those lines away unless TF_LOG or
// TF_LOG_PROVIDER asks for them, but formatting them first cost about a third of the provider's
// CPU in a 300-resource plan (see the README's Performance section). With any log variable set,
// nothing changes.
func quietSDKLogsUnlessAsked() {
	for _, name := range logVariables {
		if os.Getenv(name) != "" {
			return
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"} {
		_ = os.Setenv(name, "OFF")
	}
}
