// Command aws-account-guard exits non-zero unless the AWS credentials resolve to
// ECRGOV_ACC_AWS_ACCOUNT (one STS GetCallerIdentity), so that `make testacc-aws` never runs the
// acceptance suite in the wrong account.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

func main() {
	if err := acctest.CheckAWSAccount(context.Background()); err != nil {
		fmt.Fprintf(os.Stderr, "testacc-aws: refusing to run: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("testacc-aws: the credentials resolve to account %s in %s\n", os.Getenv(acctest.AWSAccountEnv), os.Getenv("AWS_REGION"))
}
