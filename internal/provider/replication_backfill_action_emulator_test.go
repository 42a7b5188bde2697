package provider_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

// backfillTestRegion is the source Region of the end-to-end backfill test: the replication
// configuration is one per registry and Region, and no other test configures it there.
const backfillTestRegion = "me-central-1"

func inBackfillRegion(o *ecr.Options) { o.Region = backfillTestRegion }

// newProtocolServerIn is newProtocolServer with the provider in the given Region.
func newProtocolServerIn(t *testing.T, endpoint, region string) *protocolServer {
	t.Helper()
	server, schemas := unconfiguredServer(t)
	args := providerArgs(endpoint)
	args["region"] = tfString(region)
	configure, err := server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.11.4", Config: dynamicValue(t, objectType(t, schemas.Provider), args),
	})
	if err != nil || diagnosticsText(configure.Diagnostics) != "" {
		t.Fatalf("configuring: %v %s", err, diagnosticsText(configure.Diagnostics))
	}
	return &protocolServer{t: t, server: server, schemas: schemas}
}

// End to end on the emulator: the action starts a backfill to a destination a rule names, follows
// it to COMPLETE and reports the filter's images; the API then lists it COMPLETE. A backfill
// already running is followed, not started again. Failed images and a FAILED backfill are the
// fake's tests (the emulator's backfills never fail).
func TestAccReplicationBackfillAction_emulator(t *testing.T) {
	acctest.RequiresEmulator(t, "the emulator's backfill passes PREPARING, IN_PROGRESS and COMPLETE within seconds")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	client := acctest.SDK(t)
	base := acctest.RandomName("bfaction")
	for _, repo := range []string{base + "/team/a", base + "/ops/b"} {
		if _, err := client.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String(repo)}, inBackfillRegion); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_, _ = client.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{RepositoryName: aws.String(repo), Force: true}, inBackfillRegion)
		})
		m := seed.ImageManifest(nil)
		if _, err := client.PutImage(ctx, &ecr.PutImageInput{RepositoryName: aws.String(repo), ImageManifest: aws.String(string(m.Bytes)),
			ImageTag: aws.String("v1"), ImageDigest: aws.String(m.Digest), ImageManifestMediaType: aws.String(m.MediaType)}, inBackfillRegion); err != nil {
			t.Fatal(err)
		}
	}
	put := func(rules []types.ReplicationRule) error {
		_, err := client.PutReplicationConfiguration(ctx, &ecr.PutReplicationConfigurationInput{
			ReplicationConfiguration: &types.ReplicationConfiguration{Rules: rules}}, inBackfillRegion)
		return err
	}
	t.Cleanup(func() {
		if err := put([]types.ReplicationRule{}); err != nil {
			t.Errorf("emptying the replication configuration: %v", err)
		}
	})
	if err := put([]types.ReplicationRule{{
		Destinations:      []types.ReplicationDestination{{Region: aws.String("us-west-2"), RegistryId: aws.String("123456789012")}},
		RepositoryFilters: []types.RepositoryFilter{{Filter: aws.String(base + "/"), FilterType: types.RepositoryFilterTypePrefixMatch}},
	}}); err != nil {
		t.Fatal(err)
	}

	s := newProtocolServerIn(t, acctest.Endpoint(), backfillTestRegion)
	messages, diags := s.invoke("ecrgov_start_replication_backfill", backfillConfig(base+"/team/"))
	all := strings.Join(messages, "\n")
	if diags != "" {
		t.Fatalf("diags %q (progress %q)", diags, all)
	}
	for _, want := range []string{"to us-west-2/123456789012 started (PREPARING)", "1 of 2 replications complete, 0 failed",
		`complete: 1 images copied, 0 failed (repositories starting with "` + base + `/team/")`} {
		if !strings.Contains(all, want) {
			t.Errorf("progress %q lacks %q", all, want)
		}
	}
	list, err := client.ListReplicationBackfills(ctx, &ecr.ListReplicationBackfillsInput{}, inBackfillRegion)
	if err != nil || len(list.Backfills) == 0 {
		t.Fatalf("list = %+v (%v), want the backfill", list, err)
	}
	last := list.Backfills[len(list.Backfills)-1]
	if last.Status != types.ReplicationBackfillStatusComplete || aws.ToString(last.Destination.Region) != "us-west-2" {
		t.Errorf("the API lists %+v, want a COMPLETE backfill to us-west-2", last)
	}

	running, err := client.StartReplicationBackfill(ctx, &ecr.StartReplicationBackfillInput{
		Destination: &types.ReplicationDestination{Region: aws.String("us-west-2"), RegistryId: aws.String("123456789012")}}, inBackfillRegion)
	if err != nil {
		t.Fatal(err)
	}
	messages, diags = s.invoke("ecrgov_start_replication_backfill", backfillConfig(""))
	all = strings.Join(messages, "\n")
	if diags != "" || !strings.Contains(all, "following backfill "+aws.ToString(running.ReplicationBackfillId)) ||
		!strings.Contains(all, "complete: 2 images copied, 0 failed") {
		t.Errorf("diags %q, progress %q: want the running backfill followed to COMPLETE", diags, all)
	}
	list, err = client.ListReplicationBackfills(ctx, &ecr.ListReplicationBackfillsInput{}, inBackfillRegion)
	if err != nil || aws.ToString(list.Backfills[len(list.Backfills)-1].ReplicationBackfillId) != aws.ToString(running.ReplicationBackfillId) {
		t.Errorf("list = %+v (%v), want no backfill started after the running one", list, err)
	}
}
