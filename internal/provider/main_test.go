package provider_test

import (
	"os"
	"testing"
	"time"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

func TestMain(m *testing.M) {
	// The service preview fake completes in a few polls; do not wait seconds between them.
	ecrapi.PreviewPollInterval = 10 * time.Millisecond
	ecrapi.PreviewMaxPollInterval = 50 * time.Millisecond
	os.Exit(m.Run())
}
