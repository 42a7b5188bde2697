// Command seed-images puts a realistic set of images into a repository of the local ECR
// emulator for `make demo`: releases, commit builds, untagged leftovers and a multi-arch
// `latest`. It does nothing when the repository already holds images, so the demo can re-run.
//
//	go run ./scripts/seed-images -endpoint http://127.0.0.1:4566 -repository quickstart/app
package main

import (
	"context"
	"flag"
	"fmt"
	"log"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

func main() {
	endpoint := flag.String("endpoint", "http://127.0.0.1:4566", "ECR endpoint of the emulator")
	repository := flag.String("repository", "quickstart/app", "repository to seed")
	flag.Parse()
	ctx := context.Background()

	client, err := ecrapi.New(ctx, ecrapi.Config{Region: "us-east-1", Endpoint: *endpoint, AccessKey: "test", SecretKey: "test"})
	if err != nil {
		log.Fatal(err)
	}
	existing, err := client.CountImages(ctx, *repository)
	if err != nil {
		log.Fatalf("listing %s: %v", *repository, err)
	}
	if existing > 0 {
		fmt.Printf("seed-images: %s already holds images; leaving it as it is\n", *repository)
		return
	}
	put := func(tag string, m seed.Manifest) {
		if err := seed.Put(ctx, client.SDK(), *repository, tag, m); err != nil {
			log.Fatalf("pushing %s:%s: %v", *repository, tag, err)
		}
	}
	for _, tag := range []string{"v1.0.0", "v1.1.0", "v1.2.0", "sha-3f9a2c1", "sha-8be41d0"} {
		put(tag, seed.ImageManifest(nil))
	}
	put("", seed.ImageManifest(nil))
	put("", seed.ImageManifest(nil))
	if err := seed.PutMultiArch(ctx, client.SDK(), *repository, "latest", seed.NewMultiArch(imageref.MediaTypeOCIIndex)); err != nil {
		log.Fatalf("pushing %s:latest: %v", *repository, err)
	}
	fmt.Printf("seed-images: pushed 3 releases, 2 commit builds, 2 untagged images and a multi-arch latest to %s\n", *repository)
}
