package acctest_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/aws/smithy-go"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

func errorCode(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

// The replication backfill operations (newer than the emulator's model; the model check adds
// them from the Go SDK): a backfill to a configured destination starts PREPARING, moves one status
// per DescribeReplicationBackfillResults call, counts one replication per image and tag, and has
// per-image results once COMPLETE; one per destination Region runs at a time; a stop while
// IN_PROGRESS passes through STOPPING; a terminal backfill cannot be stopped.
func TestAccEmulator_replicationBackfill(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	ctx := context.Background()
	client := acctest.SDK(t)
	emptyReplication(t, client)
	base := acctest.RandomName("emubf")
	for _, repo := range []string{base + "/a", base + "/b", base + "-other/c"} {
		if _, err := client.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String(repo)}, inReplicationRegion); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_, _ = client.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{RepositoryName: aws.String(repo), Force: true}, inReplicationRegion)
		})
		for _, tag := range []string{"v1", "v2"} {
			m := seed.ImageManifest(nil)
			if _, err := client.PutImage(ctx, &ecr.PutImageInput{RepositoryName: aws.String(repo), ImageManifest: aws.String(string(m.Bytes)),
				ImageTag: aws.String(tag), ImageDigest: aws.String(m.Digest), ImageManifestMediaType: aws.String(m.MediaType)}, inReplicationRegion); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := putReplication(t, client, replicationRule(base+"/", nil, "us-west-2"), replicationRule(base, nil, "eu-west-1")); err != nil {
		t.Fatal(err)
	}
	dest := &types.ReplicationDestination{Region: aws.String("us-west-2"), RegistryId: aws.String("123456789012")}

	// Refusals: a destination no rule names, and the model's required members.
	_, err := client.StartReplicationBackfill(ctx, &ecr.StartReplicationBackfillInput{
		Destination: &types.ReplicationDestination{Region: aws.String("ap-south-1"), RegistryId: aws.String("123456789012")},
	}, inReplicationRegion)
	if errorCode(err) != "InvalidParameterException" || !strings.Contains(err.Error(), "not configured") {
		t.Errorf("an unconfigured destination: err = %v, want InvalidParameterException", err)
	}
	_, err = client.StartReplicationBackfill(ctx, &ecr.StartReplicationBackfillInput{}, inReplicationRegion, withoutClientValidation)
	refused(t, err, "destination", "Member must not be null")
	_, err = client.StartReplicationBackfill(ctx, &ecr.StartReplicationBackfillInput{
		Destination: &types.ReplicationDestination{Region: aws.String("us-west-2")},
	}, inReplicationRegion, withoutClientValidation)
	refused(t, err, "destination.registryId", "Member must not be null")
	_, err = client.StopReplicationBackfill(ctx, &ecr.StopReplicationBackfillInput{}, inReplicationRegion, withoutClientValidation)
	refused(t, err, "replicationBackfillId", "Member must not be null")
	_, err = client.DescribeReplicationBackfillResults(ctx, &ecr.DescribeReplicationBackfillResultsInput{}, inReplicationRegion, withoutClientValidation)
	refused(t, err, "replicationBackfillId", "Member must not be null")
	_, err = client.ListReplicationBackfills(ctx, &ecr.ListReplicationBackfillsInput{MaxResults: aws.Int32(51)}, inReplicationRegion)
	refused(t, err, "maxResults", "Member must have value less than or equal to 50")
	_, err = client.DescribeReplicationBackfillResults(ctx, &ecr.DescribeReplicationBackfillResultsInput{
		ReplicationBackfillId: aws.String("missing"), ResultStatusFilter: "PENDING",
	}, inReplicationRegion)
	refused(t, err, "resultStatusFilter", "Member must satisfy enum value set: [COMPLETE, FAILED]")
	_, err = client.DescribeReplicationBackfillResults(ctx, &ecr.DescribeReplicationBackfillResultsInput{
		ReplicationBackfillId: aws.String("missing")}, inReplicationRegion)
	if errorCode(err) != "ReplicationBackfillNotFoundException" {
		t.Errorf("a missing backfill: err = %v, want ReplicationBackfillNotFoundException", err)
	}

	// Started, listed, and followed to COMPLETE.
	started, err := client.StartReplicationBackfill(ctx, &ecr.StartReplicationBackfillInput{Destination: dest}, inReplicationRegion)
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(started.ReplicationBackfillId)
	if id == "" || started.Status != types.ReplicationBackfillStatusPreparing || started.StartedAt == nil {
		t.Fatalf("started %+v, want an id, PREPARING and a start time", started)
	}
	_, err = client.StartReplicationBackfill(ctx, &ecr.StartReplicationBackfillInput{Destination: dest}, inReplicationRegion)
	if errorCode(err) != "ReplicationBackfillInProgressException" {
		t.Errorf("a second backfill to us-west-2: err = %v, want ReplicationBackfillInProgressException", err)
	}
	list, err := client.ListReplicationBackfills(ctx, &ecr.ListReplicationBackfillsInput{}, inReplicationRegion)
	if err != nil || len(list.Backfills) == 0 || aws.ToString(list.Backfills[len(list.Backfills)-1].ReplicationBackfillId) != id {
		t.Fatalf("list = %+v (%v), want the backfill last", list, err)
	}
	describe := func(id string) *ecr.DescribeReplicationBackfillResultsOutput {
		t.Helper()
		out, err := client.DescribeReplicationBackfillResults(ctx, &ecr.DescribeReplicationBackfillResultsInput{ReplicationBackfillId: aws.String(id)}, inReplicationRegion)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if d := describe(id); d.Status != types.ReplicationBackfillStatusPreparing || d.Progress != nil || d.Results != nil {
		t.Errorf("first describe %+v, want PREPARING without progress or results", d)
	}
	if d := describe(id); d.Status != types.ReplicationBackfillStatusInProgress || d.Progress == nil ||
		aws.ToInt32(d.Progress.TotalReplicationCount) != 4 || aws.ToInt32(d.Progress.CompletedReplicationCount) != 2 || d.Results != nil {
		t.Errorf("second describe %+v (progress %+v), want IN_PROGRESS, 2 of 4, no results", d, d.Progress)
	}
	d := describe(id)
	if d.Status != types.ReplicationBackfillStatusComplete || d.EndedAt == nil || aws.ToInt32(d.Progress.CompletedReplicationCount) != 4 || len(d.Results) != 4 {
		t.Fatalf("third describe %+v, want COMPLETE with the 4 images of %s/", d, base)
	}
	for _, r := range d.Results {
		if !strings.HasPrefix(aws.ToString(r.RepositoryName), base+"/") || r.Status != types.ReplicationBackfillResultStatusComplete || r.ImageId == nil {
			t.Errorf("result %+v, want a COMPLETE image of %s/", r, base)
		}
	}
	failed, err := client.DescribeReplicationBackfillResults(ctx, &ecr.DescribeReplicationBackfillResultsInput{
		ReplicationBackfillId: aws.String(id), ResultStatusFilter: types.ReplicationBackfillResultStatusFailed}, inReplicationRegion)
	if err != nil || len(failed.Results) != 0 {
		t.Errorf("FAILED results = %+v (%v), want none", failed, err)
	}
	_, err = client.StopReplicationBackfill(ctx, &ecr.StopReplicationBackfillInput{ReplicationBackfillId: aws.String(id)}, inReplicationRegion)
	if errorCode(err) != "ReplicationBackfillInvalidStatusException" {
		t.Errorf("stopping a COMPLETE backfill: err = %v, want ReplicationBackfillInvalidStatusException", err)
	}

	// Stopped while PREPARING: STOPPED at once; while IN_PROGRESS: STOPPING, then STOPPED.
	start := func(region string) string {
		t.Helper()
		s, err := client.StartReplicationBackfill(ctx, &ecr.StartReplicationBackfillInput{Destination: &types.ReplicationDestination{
			Region: aws.String(region), RegistryId: aws.String("123456789012")}}, inReplicationRegion)
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(s.ReplicationBackfillId)
	}
	early := start("eu-west-1")
	if out, err := client.StopReplicationBackfill(ctx, &ecr.StopReplicationBackfillInput{ReplicationBackfillId: aws.String(early)}, inReplicationRegion); err != nil || out.Status != types.ReplicationBackfillStatusStopped {
		t.Errorf("stop while PREPARING = %+v (%v), want STOPPED", out, err)
	}
	if d := describe(early); d.Status != types.ReplicationBackfillStatusStopped || d.Progress != nil {
		t.Errorf("a backfill stopped while PREPARING: %+v, want STOPPED without progress", d)
	}
	late := start("eu-west-1")
	describe(late)
	describe(late) // now IN_PROGRESS
	if out, err := client.StopReplicationBackfill(ctx, &ecr.StopReplicationBackfillInput{ReplicationBackfillId: aws.String(late)}, inReplicationRegion); err != nil || out.Status != types.ReplicationBackfillStatusStopping {
		t.Errorf("stop while IN_PROGRESS = %+v (%v), want STOPPING", out, err)
	}
	if d := describe(late); d.Status != types.ReplicationBackfillStatusStopped || d.Progress == nil ||
		aws.ToInt32(d.Progress.TotalReplicationCount) != 6 || len(d.Results) != 3 {
		t.Errorf("a backfill stopped while IN_PROGRESS: %+v, want STOPPED with 3 of 6 images' results", d)
	}
}
