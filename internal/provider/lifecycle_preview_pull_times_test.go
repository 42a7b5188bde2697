package provider_test

import (
	"context"
	"strings"
	"testing"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// A local preview of a policy that counts since the last pull warns that it is approximate:
// ECR refreshes lastRecordedPullTime "at least once every 24 hours". One that counts since the
// push does not.
func TestAccLifecyclePreviewDataSource_pullTimesApproximate(t *testing.T) {
	acctest.PreCheck(t)
	repo := acctest.RandomName("pulls")
	acctest.CreateRepository(t, repo, ecrtypes.ImageTagMutabilityMutable)
	acctest.SeedImage(t, repo, "v1")
	server := newProtocolServer(t, acctest.Endpoint())
	typ := objectType(t, server.schemas.DataSourceSchemas["ecrgov_lifecycle_preview"])
	warnings := func(countType, action string) string {
		t.Helper()
		policy := `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"` + countType +
			`","countUnit":"days","countNumber":30},"action":` + action + `}]}`
		resp, err := server.server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
			TypeName: "ecrgov_lifecycle_preview",
			Config:   dynamicValue(t, typ, map[string]tftypes.Value{"repository": tfString(repo), "policy": tfString(policy)}),
		})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range resp.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityError {
				t.Fatalf("previewing: %s", diagnosticsText(resp.Diagnostics))
			}
			out = append(out, d.Summary+": "+d.Detail)
		}
		return strings.Join(out, "\n")
	}
	got := warnings("sinceImagePulled", `{"type":"transition","targetStorageClass":"archive"}`)
	if !strings.Contains(got, "is approximate") || !strings.Contains(got, "at least once every 24 hours") {
		t.Errorf("sinceImagePulled preview warnings = %q, want the approximate pull time note", got)
	}
	if got := warnings("sinceImagePushed", `{"type":"expire"}`); strings.Contains(got, "approximate") {
		t.Errorf("sinceImagePushed preview warnings = %q, want no pull time note", got)
	}
}
