package acctest_test

// Tests of the emulator's replication (scripts/moto_ecrgov.py, DESIGN.md "The emulator and its
// quirks"), against the SDK. The replication configuration is one per registry and Region, so
// these tests act in a Region of their own (replicationTestRegion) and run one after another.

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

// replicationTestRegion is the source Region of the emulator's replication tests; no other test
// configures replication there.
const replicationTestRegion = "eu-south-2"

func inReplicationRegion(o *ecr.Options) { o.Region = replicationTestRegion }

func replicationRule(filter string, deleteReplication *bool, regions ...string) types.ReplicationRule {
	rule := types.ReplicationRule{}
	for _, r := range regions {
		rule.Destinations = append(rule.Destinations, types.ReplicationDestination{Region: aws.String(r), RegistryId: aws.String("123456789012")})
	}
	if filter != "" {
		rule.RepositoryFilters = []types.RepositoryFilter{{Filter: aws.String(filter), FilterType: types.RepositoryFilterTypePrefixMatch}}
	}
	if deleteReplication != nil {
		rule.DeleteReplication = &types.DeleteReplication{Enabled: *deleteReplication}
	}
	return rule
}

func putReplication(t *testing.T, client *ecr.Client, rules ...types.ReplicationRule) error {
	t.Helper()
	if rules == nil {
		rules = []types.ReplicationRule{} // the SDK requires the member; an empty list is no rules
	}
	_, err := client.PutReplicationConfiguration(context.Background(), &ecr.PutReplicationConfigurationInput{
		ReplicationConfiguration: &types.ReplicationConfiguration{Rules: rules},
	}, inReplicationRegion)
	return err
}

func emptyReplication(t *testing.T, client *ecr.Client) {
	t.Cleanup(func() {
		if err := putReplication(t, client); err != nil {
			t.Errorf("emptying the replication configuration: %v", err)
		}
	})
}

// Several rules are stored and answered as put, deleteReplication included; a configuration of
// more than 10 rules and a destination that is the source are refused.
func TestAccEmulator_replicationConfiguration(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	client := acctest.SDK(t)
	emptyReplication(t, client)
	on, off := true, false
	rules := []types.ReplicationRule{
		replicationRule("team-a/", &on, "us-west-2"),
		replicationRule("team-b/", &off, "us-west-2", "eu-west-1"),
		replicationRule("", nil, "ap-south-1"),
	}
	if err := putReplication(t, client, rules...); err != nil {
		t.Fatal(err)
	}
	out, err := client.DescribeRegistry(context.Background(), &ecr.DescribeRegistryInput{}, inReplicationRegion)
	if err != nil {
		t.Fatal(err)
	}
	got := out.ReplicationConfiguration.Rules
	if len(got) != 3 {
		t.Fatalf("rules = %+v, want 3", got)
	}
	if got[0].DeleteReplication == nil || !got[0].DeleteReplication.Enabled {
		t.Errorf("rule 1 deleteReplication = %+v, want enabled", got[0].DeleteReplication)
	}
	if got[1].DeleteReplication == nil || got[1].DeleteReplication.Enabled {
		t.Errorf("rule 2 deleteReplication = %+v, want disabled", got[1].DeleteReplication)
	}
	if got[2].DeleteReplication != nil || got[2].RepositoryFilters != nil || len(got[1].Destinations) != 2 {
		t.Errorf("rules = %+v, want them as put", got)
	}

	var eleven []types.ReplicationRule
	for i := range 11 {
		eleven = append(eleven, replicationRule("r"+strings.Repeat("x", i+1)+"/", nil, "us-west-2"))
	}
	if err := putReplication(t, client, eleven...); err == nil || !strings.Contains(err.Error(), "InvalidParameterException") {
		t.Errorf("11 rules: err = %v, want InvalidParameterException", err)
	}
	if err := putReplication(t, client, replicationRule("", nil, replicationTestRegion)); err == nil ||
		!strings.Contains(err.Error(), "cannot be the same as the source") {
		t.Errorf("the source as destination: err = %v, want it refused", err)
	}
	// The model check still applies the model to the rest of the rule.
	_, err = client.PutReplicationConfiguration(context.Background(), &ecr.PutReplicationConfigurationInput{
		ReplicationConfiguration: &types.ReplicationConfiguration{Rules: []types.ReplicationRule{{
			Destinations:      []types.ReplicationDestination{{Region: aws.String("us-west-2"), RegistryId: aws.String("123456789012")}},
			RepositoryFilters: []types.RepositoryFilter{{Filter: aws.String("Bad Filter"), FilterType: types.RepositoryFilterTypePrefixMatch}},
		}}},
	}, inReplicationRegion)
	if err == nil || !strings.Contains(err.Error(), "repositoryFilters.1.filter") {
		t.Errorf("a filter outside the model's pattern: err = %v, want it refused on the filter", err)
	}
}

// DescribeImageReplicationStatus: one status per destination of the rules covering the
// repository, for images pushed after the rule; IN_PROGRESS, then COMPLETE.
func TestAccEmulator_imageReplicationStatus(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	ctx := context.Background()
	client := acctest.SDK(t)
	emptyReplication(t, client)
	base := acctest.RandomName("emurepl")
	repo := base + "/app"
	if _, err := client.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String(repo)}, inReplicationRegion); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = client.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{RepositoryName: aws.String(repo), Force: true}, inReplicationRegion)
	})
	push := func(tag string) string {
		t.Helper()
		m := seed.ImageManifest(nil)
		if _, err := client.PutImage(ctx, &ecr.PutImageInput{RepositoryName: aws.String(repo), ImageManifest: aws.String(string(m.Bytes)),
			ImageTag: aws.String(tag), ImageDigest: aws.String(m.Digest), ImageManifestMediaType: aws.String(m.MediaType)}, inReplicationRegion); err != nil {
			t.Fatal(err)
		}
		return m.Digest
	}
	status := func(digest string) []types.ImageReplicationStatus {
		t.Helper()
		out, err := client.DescribeImageReplicationStatus(ctx, &ecr.DescribeImageReplicationStatusInput{
			RepositoryName: aws.String(repo), ImageId: &types.ImageIdentifier{ImageDigest: aws.String(digest)},
		}, inReplicationRegion)
		if err != nil {
			t.Fatal(err)
		}
		return out.ReplicationStatuses
	}
	before := push("before")
	if err := putReplication(t, client, replicationRule(base+"/", nil, "us-west-2", "eu-west-1"),
		replicationRule(base+"/", nil, "us-west-2"), replicationRule("elsewhere/", nil, "ap-south-1")); err != nil {
		t.Fatal(err)
	}
	if got := status(before); len(got) != 0 {
		t.Errorf("an image pushed before the rules: statuses %+v, want none", got)
	}
	after := push("after")
	var regions []string
	for _, s := range status(after) {
		regions = append(regions, aws.ToString(s.Region))
		if s.Status != types.ReplicationStatusInProgress && s.Status != types.ReplicationStatusComplete {
			t.Errorf("status %+v, want IN_PROGRESS or COMPLETE", s)
		}
	}
	slices.Sort(regions)
	if !slices.Equal(regions, []string{"eu-west-1", "us-west-2"}) {
		t.Errorf("destinations = %v, want eu-west-1 and us-west-2 once each (not ap-south-1)", regions)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		got := status(after)
		if !slices.ContainsFunc(got, func(s types.ImageReplicationStatus) bool { return s.Status != types.ReplicationStatusComplete }) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("statuses %+v, want COMPLETE within 30 s", got)
		}
		time.Sleep(200 * time.Millisecond)
	}
	_, err := client.DescribeImageReplicationStatus(ctx, &ecr.DescribeImageReplicationStatusInput{
		RepositoryName: aws.String(repo), ImageId: &types.ImageIdentifier{ImageTag: aws.String("missing")},
	}, inReplicationRegion)
	if err == nil || !strings.Contains(err.Error(), "ImageNotFoundException") {
		t.Errorf("a missing image: err = %v, want ImageNotFoundException", err)
	}
}
