package ecrapi

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// Every status the SDK knows that ends a scan without findings is explained, including
// IMAGE_SIZE_EXCEEDED (SDK v1.69.0); a status newer than the SDK is passed on unchanged.
func TestExplainScanStatus(t *testing.T) {
	for _, s := range types.ScanStatus("").Values() {
		switch s {
		case types.ScanStatusInProgress, types.ScanStatusPending, types.ScanStatusComplete, types.ScanStatusActive:
			continue // not an ending without findings
		}
		got := ExplainScanStatus(string(s))
		if !strings.HasPrefix(got, string(s)+": ") {
			t.Errorf("%s is not explained: %q", s, got)
		}
	}
	if got := ExplainScanStatus("SOMETHING_NEW"); got != "SOMETHING_NEW" {
		t.Errorf("unknown status = %q", got)
	}
}
