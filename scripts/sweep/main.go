// Command sweep deletes what acceptance tests left behind: repositories (with their images) and
// pull-time update exclusions named with the tests' prefix, repositories only when older than a
// bound. It prints each object and a summary; -dry-run deletes nothing.
//
//	go run ./scripts/sweep -older-than 1h [-dry-run]                 real ECR (AWS_REGION, ECRGOV_ACC_AWS_ACCOUNT)
//	go run ./scripts/sweep -endpoint http://127.0.0.1:4566 -older-than 0s    the emulator
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/sweep"
)

func main() {
	endpoint := flag.String("endpoint", "", "ECR endpoint (the emulator); empty for real ECR")
	prefix := flag.String("prefix", sweep.DefaultPrefix, "sweep only names with this prefix")
	olderThan := flag.Duration("older-than", 0, "sweep only repositories created longer ago than this")
	dryRun := flag.Bool("dry-run", false, "say what would be deleted, delete nothing")
	flag.Parse()
	ctx := context.Background()

	cfg := ecrapi.Config{Region: "us-east-1", Endpoint: *endpoint, AccessKey: "test", SecretKey: "test"}
	if *endpoint == "" {
		// Real ECR: the standard credential chain, and only in the account named for the suite.
		account := os.Getenv("ECRGOV_ACC_AWS_ACCOUNT")
		if os.Getenv("AWS_REGION") == "" || account == "" {
			log.Fatal("sweep: real ECR needs AWS_REGION and ECRGOV_ACC_AWS_ACCOUNT (or -endpoint for the emulator)")
		}
		cfg = ecrapi.Config{Region: os.Getenv("AWS_REGION"), AllowedAccountIDs: []string{account}}
	}
	client, err := ecrapi.New(ctx, cfg)
	if err != nil {
		log.Fatalf("sweep: %v", err)
	}
	if _, err := sweep.Run(ctx, client, sweep.Options{Prefix: *prefix, OlderThan: *olderThan, DryRun: *dryRun, Out: os.Stdout}); err != nil {
		log.Fatalf("sweep: %v", err)
	}
}
