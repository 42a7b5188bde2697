package provider_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

// A third writer races this state's apply: it read the configuration before the apply's write
// and writes its own rule on top of what it read after the apply's write landed, which removes
// the apply's rule. The proxy makes that interleaving happen every time: it forwards the apply's
// first PutReplicationConfiguration and then lets the third writer's stale write land before
// answering. The apply's read-back finds its rule gone and writes again; in the end the registry
// holds the rule of another state (made before), the third writer's and this state's: nothing is
// lost. The interleaving no writer can see (a stale write after the other's read-back) is
// described in DESIGN.md ("Replication rules that merge").
func TestAccReplicationRule_concurrentWriters(t *testing.T) {
	proxy := acctest.StartProxy(t)
	base := acctest.RandomName("repl")
	other := replRule([]string{base + "/other/"}, "us-west-2")
	third := replRule([]string{base + "/third/"}, "ap-south-1")
	ours := replRule([]string{base + "/ours/"}, "us-west-2", "eu-west-1")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	if err := replClient(t).CreateReplicationRule(ctx, other); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, r := range []replication.Rule{other, third} {
			if err := replClient(t).DeleteReplicationRule(ctx, r); err != nil {
				t.Errorf("cleaning up %s: %v", r.Key(), err)
			}
		}
	})
	sdk := acctest.SDK(t)
	var once sync.Once
	var raceErr error
	proxy.Handle("PutReplicationConfiguration", func(w http.ResponseWriter, body []byte) {
		var in ecrPutReplication
		if err := json.Unmarshal(body, &in); err != nil {
			acctest.WriteError(w, http.StatusBadRequest, "SerializationException", err.Error())
			return
		}
		raced := false
		once.Do(func() {
			raced = true
			// The third writer reads now, before the apply's write lands...
			before, err := sdk.DescribeRegistry(ctx, &ecr.DescribeRegistryInput{}, inReplRegion)
			if err == nil {
				_, err = sdk.PutReplicationConfiguration(ctx, &ecr.PutReplicationConfigurationInput{ReplicationConfiguration: in.config()}, inReplRegion)
			}
			// ...and writes what it read plus its own rule after it.
			if err == nil {
				stale := before.ReplicationConfiguration
				stale.Rules = append(stale.Rules, types.ReplicationRule{
					Destinations:      []types.ReplicationDestination{{Region: aws.String("ap-south-1"), RegistryId: aws.String(acctest.AccountID())}},
					RepositoryFilters: []types.RepositoryFilter{{Filter: aws.String(third.Filters[0]), FilterType: types.RepositoryFilterTypePrefixMatch}},
				})
				_, err = sdk.PutReplicationConfiguration(ctx, &ecr.PutReplicationConfigurationInput{ReplicationConfiguration: stale}, inReplRegion)
			}
			raceErr = err
		})
		if !raced {
			if _, err := sdk.PutReplicationConfiguration(ctx, &ecr.PutReplicationConfigurationInput{ReplicationConfiguration: in.config()}, inReplRegion); err != nil {
				acctest.WriteError(w, http.StatusBadRequest, "InvalidParameterException", err.Error())
				return
			}
		}
		acctest.WriteJSON(w, map[string]any{"replicationConfiguration": in.ReplicationConfiguration})
	})
	allThree := func(context.Context, map[string]any) error {
		if raceErr != nil {
			return raceErr
		}
		if n := proxy.Calls("PutReplicationConfiguration"); n != 2 {
			return errors.New("the apply did not write again after the race")
		}
		return errors.Join(replicationHolds(t, other), replicationHolds(t, third), replicationHolds(t, ours))
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			return errors.Join(replicationGone(t, ours)(s), replicationHolds(t, other), replicationHolds(t, third))
		},
		Steps: []resource.TestStep{{
			Config:            replProviderBlock(proxy.URL) + testAccReplicationRuleConfig(ours),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CheckAPI(replRuleAddr, allThree)},
		}},
	})
}

// ecrPutReplication is a PutReplicationConfiguration request as the proxy sees it.
type ecrPutReplication struct {
	ReplicationConfiguration struct {
		Rules []struct {
			Destinations []struct {
				Region     string `json:"region"`
				RegistryID string `json:"registryId"`
			} `json:"destinations"`
			RepositoryFilters []struct {
				Filter     string `json:"filter"`
				FilterType string `json:"filterType"`
			} `json:"repositoryFilters,omitempty"`
			DeleteReplication *struct {
				Enabled bool `json:"enabled"`
			} `json:"deleteReplication,omitempty"`
		} `json:"rules"`
	} `json:"replicationConfiguration"`
}

func (in ecrPutReplication) config() *types.ReplicationConfiguration {
	cfg := &types.ReplicationConfiguration{Rules: []types.ReplicationRule{}}
	for _, r := range in.ReplicationConfiguration.Rules {
		rule := types.ReplicationRule{Destinations: []types.ReplicationDestination{}}
		for _, d := range r.Destinations {
			rule.Destinations = append(rule.Destinations, types.ReplicationDestination{Region: aws.String(d.Region), RegistryId: aws.String(d.RegistryID)})
		}
		for _, f := range r.RepositoryFilters {
			rule.RepositoryFilters = append(rule.RepositoryFilters, types.RepositoryFilter{Filter: aws.String(f.Filter), FilterType: types.RepositoryFilterType(f.FilterType)})
		}
		if r.DeleteReplication != nil {
			rule.DeleteReplication = &types.DeleteReplication{Enabled: r.DeleteReplication.Enabled}
		}
		cfg.Rules = append(cfg.Rules, rule)
	}
	return cfg
}

// The rule's write lands while the apply is interrupted (Ctrl-C): the resource is tainted, not
// lost, and the next apply replaces it (the rule is removed and written again) instead of
// refusing a rule no state knows. A rule another state made stays throughout.
func TestAccReplicationRule_interruptedCreate(t *testing.T) {
	proxy := acctest.StartProxy(t)
	interrupter := acctest.NewInterrupter()
	base := acctest.RandomName("repl")
	ours, other := replRule([]string{base + "/ours/"}, "us-west-2"), replRule([]string{base + "/other/"}, "eu-west-1")
	cfg := replProviderBlock(proxy.URL) + testAccReplicationRuleConfig(ours)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: interrupter.Factories(),
		CheckDestroy: func(s *terraform.State) error {
			defer func() { _ = replClient(t).DeleteReplicationRule(context.Background(), other) }()
			return errors.Join(replicationGone(t, ours)(s), replicationHolds(t, other))
		},
		Steps: []resource.TestStep{
			interruptedStep(proxy, interrupter, "PutReplicationConfiguration", cfg, func() {
				if err := replClient(t).CreateReplicationRule(context.Background(), other); err != nil {
					t.Fatal(err)
				}
			}),
			replacedStep(replRuleAddr, cfg, acctest.CheckAPI(replRuleAddr, func(context.Context, map[string]any) error {
				return errors.Join(replicationHolds(t, ours), replicationHolds(t, other))
			})),
		},
	})
}
