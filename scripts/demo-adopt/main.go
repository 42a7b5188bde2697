// Command demo-adopt prints Terraform import blocks for what an earlier `make demo` left in the
// running emulator, so that a demo from a fresh clone adopts the demo's own repository, policy and
// repository creation template instead of failing because they exist. It prints nothing for what
// does not exist, and it never changes or deletes anything.
//
//	go run ./scripts/demo-adopt -endpoint http://127.0.0.1:4566 -repository quickstart/app
package main

import (
	"context"
	"flag"
	"fmt"
	"log"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

func main() {
	endpoint := flag.String("endpoint", "http://127.0.0.1:4566", "ECR endpoint of the emulator")
	repository := flag.String("repository", "quickstart/app", "the demo's repository")
	repositoryAddress := flag.String("repository-address", "ecrgov_repository.app", "its resource address")
	policyAddress := flag.String("policy-address", "ecrgov_lifecycle_policy.app", "its lifecycle policy's resource "+
		"address")
	template := flag.String("template", "quickstart", "the demo's repository creation template prefix")
	templateAddress := flag.String("template-address", "ecrgov_repository_creation_template.quickstart", "its resource address")
	lines := flag.Bool("lines", false, "print `ADDRESS ID` lines for `terraform import` instead of import blocks")
	flag.Parse()
	ctx := context.Background()

	client, err := ecrapi.New(ctx, ecrapi.Config{Region: "us-east-1", Endpoint: *endpoint, AccessKey: "test", SecretKey: "test"})
	if err != nil {
		log.Fatal(err)
	}
	printImport := printImportBlock
	if *lines {
		printImport = printImportLine
	}
	if _, err := client.FindCreationTemplateByPrefix(ctx, *template); err == nil {
		printImport(*templateAddress, *template)
	} else if !ecrapi.IsNotFound(err) {
		log.Fatalf("looking up the template %s: %v", *template, err)
	}
	if _, err := client.FindRepositoryByName(ctx, *repository); err != nil {
		if ecrapi.IsNotFound(err) {
			return
		}
		log.Fatalf("looking up %s: %v", *repository, err)
	}
	printImport(*repositoryAddress, *repository)
	if _, err := client.FindLifecyclePolicyByRepository(ctx, *repository); err != nil {
		if ecrapi.IsNotFound(err, ecrapi.KindLifecyclePolicy) {
			return
		}
		log.Fatalf("looking up the lifecycle policy of %s: %v", *repository, err)
	}
	printImport(*policyAddress, *repository)
}

func printImportLine(address, id string) { fmt.Printf("%s %s\n", address, id) }

func printImportBlock(address, id string) {
	fmt.Printf("import {\n  to = %s\n  id = %q\n}\n\n", address, id)
}
