// Command zip-hash prints the "h1:" hash that `terraform init` records in .terraform.lock.hcl for
// a provider release zip (Go's dirhash of the zip's contents), so the install test can check the
// lock file against an independent computation.
//
//	go run ./scripts/zip-hash terraform-provider-ecrgov_0.1.0_linux_amd64.zip
package main

import (
	"fmt"
	"log"
	"os"

	"golang.org/x/mod/sumdb/dirhash"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: zip-hash FILE.zip")
	}
	h, err := dirhash.HashZip(os.Args[1], dirhash.Hash1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(h)
}
