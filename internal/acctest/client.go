package acctest

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ecr"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// Client returns an ecrapi client for the emulator, built by the same code as the provider's,
// for checking outcomes through the API rather than through Terraform state.
func Client(t *testing.T) *ecrapi.Client {
	t.Helper()
	PreCheck(t)
	cfg := ecrapi.Config{Region: Region, Endpoint: Endpoint(), AccessKey: "test", SecretKey: "test"}
	if OnAWS() {
		cfg = ecrapi.Config{Region: TestRegion()} // the standard credential chain
	}
	c, err := ecrapi.New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("building the test ECR client: %v", err)
	}
	return c
}

// SDK returns the raw ECR client for seeding and for changes made "outside Terraform", which
// must not go through the code under test.
func SDK(t *testing.T) *ecr.Client {
	t.Helper()
	return Client(t).SDK()
}
