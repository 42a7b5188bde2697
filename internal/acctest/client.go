package acctest

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ecr"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// Client returns an ECR client for the emulator, built by the same code as the provider's, for
// seeding and for checking outcomes through the API rather than through Terraform state.
func Client(t *testing.T) *ecr.Client {
	t.Helper()
	PreCheck(t)
	c, err := ecrapi.New(context.Background(), ecrapi.Config{
		Region:    Region,
		Endpoint:  Endpoint(),
		AccessKey: "test",
		SecretKey: "test",
	})
	if err != nil {
		t.Fatalf("building the test ECR client: %v", err)
	}
	return c.ECR
}
