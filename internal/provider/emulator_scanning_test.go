package provider_test

// A test of the emulator itself, against the SDK: registry scanning filters as the User Guide
// documents them. The scanning configuration is registry-wide, so this test runs with the
// provider's other serial tests and puts back what it found.

import (
	"context"
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// The table of "Filters to choose which repositories are scanned" (User Guide), with "prod" and
// "repo" made unique to this run: a SCAN_ON_PUSH rule with each filter gives exactly the
// repositories the table marks yes a SCAN_ON_PUSH frequency, and the rest MANUAL. The same table
// is internal/scanning's TestFilterMatchesUserGuideTable.
func TestAccEmulator_scanningFilterTable(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	client := acctest.SDK(t)
	before, err := client.GetRegistryScanningConfiguration(ctx, &ecr.GetRegistryScanningConfigurationInput{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = client.PutRegistryScanningConfiguration(ctx, &ecr.PutRegistryScanningConfigurationInput{
			ScanType: before.ScanningConfiguration.ScanType, Rules: before.ScanningConfiguration.Rules,
		})
	})

	b := make([]byte, 4)
	for i := range b {
		b[i] = byte(rand.IntN(256))
	}
	suffix := hex.EncodeToString(b)
	prod, repo := "prod"+suffix, "repo"+suffix
	names := []string{prod, repo + "-" + prod, prod + "-" + repo, repo + "-" + prod + "-" + repo, prod + repo}
	for _, n := range names {
		acctest.CreateRepository(t, n, types.ImageTagMutabilityMutable)
	}
	table := []struct {
		filter string
		want   []bool
	}{
		{prod, []bool{true, true, true, true, true}},
		{"*" + prod, []bool{true, true, false, false, false}},
		{prod + "*", []bool{true, false, true, false, true}},
		{"*" + prod + "*", []bool{true, true, true, true, true}},
		{prod + "*" + repo, []bool{false, false, true, false, true}},
	}
	for _, row := range table {
		if _, err := client.PutRegistryScanningConfiguration(ctx, &ecr.PutRegistryScanningConfigurationInput{
			ScanType: types.ScanTypeBasic,
			Rules: []types.RegistryScanningRule{{ScanFrequency: types.ScanFrequencyScanOnPush, RepositoryFilters: []types.ScanningRepositoryFilter{
				{Filter: aws.String(row.filter), FilterType: types.ScanningRepositoryFilterTypeWildcard},
			}}},
		}); err != nil {
			t.Fatal(err)
		}
		out, err := client.BatchGetRepositoryScanningConfiguration(ctx, &ecr.BatchGetRepositoryScanningConfigurationInput{RepositoryNames: names})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]types.ScanFrequency{}
		for _, c := range out.ScanningConfigurations {
			got[aws.ToString(c.RepositoryName)] = c.ScanFrequency
		}
		for i, n := range names {
			if want := row.want[i]; (got[n] == types.ScanFrequencyScanOnPush) != want {
				t.Errorf("filter %q, repository %q: frequency %q, want scanned = %v", row.filter, n, got[n], want)
			}
		}
	}
}
