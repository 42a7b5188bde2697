// Command seed-provenance prepares the emulator for the policy-as-code end-to-end test of
// examples/policy/deploy.rego: a repository whose images are signed and carry an SBOM, unsigned,
// or archived. The signing configuration is registry-wide, so the one found is saved to -state
// and put back by -cleanup, which also deletes the repository.
//
//	go run ./scripts/seed-provenance -endpoint http://127.0.0.1:4566 -state .build/policy/signing.json
//	go run ./scripts/seed-provenance -endpoint http://127.0.0.1:4566 -state .build/policy/signing.json -cleanup
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

const (
	repository = "policy-example/provenance"
	profile    = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/policy_example"
)

func main() {
	endpoint := flag.String("endpoint", "http://127.0.0.1:4566", "ECR endpoint of the emulator")
	state := flag.String("state", ".build/policy/signing.json", "where the registry's signing configuration is saved")
	cleanup := flag.Bool("cleanup", false, "delete the repository and put the saved signing configuration back")
	flag.Parse()
	ctx := context.Background()
	client, err := ecrapi.New(ctx, ecrapi.Config{Region: "us-east-1", Endpoint: *endpoint, AccessKey: "test", SecretKey: "test"})
	if err != nil {
		log.Fatal(err)
	}
	if err := client.DeleteRepository(ctx, repository, true); err != nil && !ecrapi.IsNotFound(err) {
		log.Fatal(err)
	}
	if *cleanup {
		restore(ctx, client, *state)
		return
	}
	save(ctx, client, *state)
	if _, err := client.CreateRepository(ctx, ecrapi.RepositorySpec{Name: repository, TagMutability: string(ecrtypes.ImageTagMutabilityImmutable), EncryptionType: ecrapi.DefaultEncryptionType}); err != nil {
		log.Fatal(err)
	}
	put := func(tag string, m seed.Manifest) {
		if err := seed.Put(ctx, client.SDK(), repository, tag, m); err != nil {
			log.Fatalf("pushing %s:%s: %v", repository, tag, err)
		}
	}
	put("unsigned", seed.ImageManifest(nil)) // pushed before the signing rule
	if err := client.PutSigningConfiguration(ctx, []ecrapi.SigningRule{{ProfileARN: profile, Filters: []string{repository}}}); err != nil {
		log.Fatal(err)
	}
	signed := seed.ImageManifest(nil)
	put("signed", signed)
	put("", seed.ReferrerManifest(signed, "application/spdx+json"))
	archived := seed.ImageManifest(nil)
	put("archived", archived)
	if _, err := client.UpdateImageStorageClass(ctx, repository, archived.Digest, ecrapi.StorageClassArchive); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("seed-provenance: %s holds a signed image with an SBOM, an unsigned one and an archived one\n", repository)
}

func save(ctx context.Context, client *ecrapi.Client, path string) {
	rules, err := client.FindSigningConfiguration(ctx)
	if err != nil && !ecrapi.IsNotFound(err) {
		log.Fatal(err)
	}
	b, _ := json.Marshal(rules)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		log.Fatal(err)
	}
}

func restore(ctx context.Context, client *ecrapi.Client, path string) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return
	}
	if err != nil {
		log.Fatal(err)
	}
	var rules []ecrapi.SigningRule
	if err := json.Unmarshal(b, &rules); err != nil {
		log.Fatal(err)
	}
	if len(rules) == 0 {
		err = client.DeleteSigningConfiguration(ctx)
	} else {
		err = client.PutSigningConfiguration(ctx, rules)
	}
	if err != nil {
		log.Fatal(err)
	}
	_ = os.Remove(path)
}
