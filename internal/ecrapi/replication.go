package ecrapi

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

// KindReplicationRule is a replication rule the registry's configuration does not hold.
const KindReplicationRule Kind = "replication rule"

// ErrReplicationRuleExists is a rule with the same destinations and filters that this call did
// not write: another resource, another state or the console declares it.
var ErrReplicationRuleExists = errors.New("the registry's replication configuration already holds this rule")

// ErrReplicationRaced is a change that a concurrent writer kept undoing until the bound ran out.
var ErrReplicationRaced = errors.New("a concurrent writer of the replication configuration kept removing this change")

// ReplicationAttempts bounds the read-modify-write rounds of one rule change.
const ReplicationAttempts = 6

// replicationLock serialises one client's (one provider configuration's, so one apply's) changes
// to the replication configuration: the rules of one state never race each other. Writers in
// other states are met by the read-back (see changeReplication).
type replicationLock struct{ mu sync.Mutex }

// FindReplicationRules returns the rules of the registry's replication configuration (DescribeRegistry).
func (c *Client) FindReplicationRules(ctx context.Context) ([]replication.Rule, error) {
	_, rules, err := c.FindReplicationConfiguration(ctx)
	return rules, err
}

// FindReplicationConfiguration returns the registry's ID and its replication rules, in ECR's
// order, with one DescribeRegistry call.
func (c *Client) FindReplicationConfiguration(ctx context.Context) (string, []replication.Rule, error) {
	out, err := c.api.DescribeRegistry(ctx, &ecr.DescribeRegistryInput{})
	if err != nil {
		return "", nil, err
	}
	var rules []replication.Rule
	if out.ReplicationConfiguration != nil {
		for _, r := range out.ReplicationConfiguration.Rules {
			rules = append(rules, ruleFromAPI(r))
		}
	}
	return aws.ToString(out.RegistryId), rules, nil
}

// FindReplicationRule returns the rule identified like want (its destinations and filters), with
// the deleteReplication ECR holds, or a *NotFoundError of KindReplicationRule.
func (c *Client) FindReplicationRule(ctx context.Context, want replication.Rule) (*replication.Rule, error) {
	rules, err := c.FindReplicationRules(ctx)
	if err != nil {
		return nil, err
	}
	at := replication.Find(rules, want)
	if at < 0 {
		return nil, &NotFoundError{Kind: KindReplicationRule, ID: want.Key()}
	}
	found := rules[at].Canonical()
	return &found, nil
}

// CreateReplicationRule adds want to the registry's configuration and leaves every other rule as
// it is. A rule with the same identity already there is someone else's (ExistsError).
func (c *Client) CreateReplicationRule(ctx context.Context, want replication.Rule) error {
	return c.changeReplication(ctx, want.Key(), func(rules []replication.Rule, first bool) ([]replication.Rule, error) {
		if first && replication.Find(rules, want) >= 0 {
			return nil, &ExistsError{Kind: KindReplicationRule, ID: want.Key(), Err: ErrReplicationRuleExists, sentinel: ErrReplicationRuleExists}
		}
		return replication.Upsert(rules, nil, want), nil
	}, func(rules []replication.Rule) bool { return replication.Holds(rules, want) })
}

// UpdateReplicationRule puts want in the place of old (identified by its destinations and
// filters), in one write. A new identity that another rule already has is refused (ExistsError).
func (c *Client) UpdateReplicationRule(ctx context.Context, old, want replication.Rule) error {
	moved := !replication.SameRule(old, want)
	return c.changeReplication(ctx, want.Key(), func(rules []replication.Rule, first bool) ([]replication.Rule, error) {
		if first && moved && replication.Find(rules, want) >= 0 {
			return nil, &ExistsError{Kind: KindReplicationRule, ID: want.Key(), Err: ErrReplicationRuleExists, sentinel: ErrReplicationRuleExists}
		}
		return replication.Upsert(rules, &old, want), nil
	}, func(rules []replication.Rule) bool {
		return replication.Holds(rules, want) && (!moved || replication.Find(rules, old) < 0)
	})
}

// DeleteReplicationRule removes the rule identified like gone; a rule already absent is done.
func (c *Client) DeleteReplicationRule(ctx context.Context, gone replication.Rule) error {
	return c.changeReplication(ctx, gone.Key(), func(rules []replication.Rule, _ bool) ([]replication.Rule, error) {
		if replication.Find(rules, gone) < 0 {
			return nil, nil // nothing to write
		}
		return replication.Remove(rules, gone), nil
	}, func(rules []replication.Rule) bool { return replication.Find(rules, gone) < 0 })
}

// changeReplication is the one read-modify-write of the registry's replication configuration:
// read the rules, change only this rule (change; nil rules means nothing to write), write them
// all back, then read again and confirm (done). A writer elsewhere that wrote a configuration it
// had read before this write landed removes this change; the read-back sees that and the round
// starts again from what is there now, up to ReplicationAttempts rounds. A concurrent write that
// lands after the read-back is not seen here: the next refresh of the state finds the rule
// missing (or changed) and plans to put it back.
func (c *Client) changeReplication(ctx context.Context, id string, change func([]replication.Rule, bool) ([]replication.Rule, error),
	done func([]replication.Rule) bool,
) error {
	if c.replication != nil {
		c.replication.mu.Lock()
		defer c.replication.mu.Unlock()
	}
	for attempt := range ReplicationAttempts {
		rules, err := c.FindReplicationRules(ctx)
		if err != nil {
			return err
		}
		if attempt > 0 && done(rules) {
			return nil // an earlier round's write is there after all
		}
		next, err := change(rules, attempt == 0)
		if err != nil {
			return err
		}
		if next == nil {
			if done(rules) {
				return nil
			}
			continue
		}
		if err := c.putReplicationRules(ctx, next); err != nil {
			return err
		}
		after, err := c.FindReplicationRules(ctx)
		if err != nil {
			return err
		}
		if done(after) {
			return nil
		}
	}
	return fmt.Errorf("replication rule %s: %w (%d rounds)", id, ErrReplicationRaced, ReplicationAttempts)
}

func (c *Client) putReplicationRules(ctx context.Context, rules []replication.Rule) error {
	cfg := &types.ReplicationConfiguration{Rules: []types.ReplicationRule{}} // the member is required, even empty
	for _, r := range rules {
		cfg.Rules = append(cfg.Rules, ruleToAPI(r))
	}
	_, err := c.api.PutReplicationConfiguration(ctx, &ecr.PutReplicationConfigurationInput{ReplicationConfiguration: cfg})
	return err
}

func ruleFromAPI(r types.ReplicationRule) replication.Rule {
	var rule replication.Rule
	for _, d := range r.Destinations {
		rule.Destinations = append(rule.Destinations, replication.Destination{Region: aws.ToString(d.Region), RegistryID: aws.ToString(d.RegistryId)})
	}
	for _, f := range r.RepositoryFilters {
		rule.Filters = append(rule.Filters, aws.ToString(f.Filter))
	}
	rule.DeleteReplication = r.DeleteReplication != nil && r.DeleteReplication.Enabled
	return rule
}

// ruleToAPI writes a rule as ECR holds it. Rules are written back as they were read, so a rule
// another writer made keeps its order of destinations and filters; deleteReplication is sent only
// when enabled ("If you do not specify this parameter, the service does not replicate image
// deletions", ReplicationRule), so the other rules of an account that never used it keep the shape
// they had. A rule without filters leaves repositoryFilters out (the list holds at least 1 item).
func ruleToAPI(r replication.Rule) types.ReplicationRule {
	out := types.ReplicationRule{Destinations: []types.ReplicationDestination{}}
	for _, d := range r.Destinations {
		out.Destinations = append(out.Destinations, types.ReplicationDestination{Region: aws.String(d.Region), RegistryId: aws.String(d.RegistryID)})
	}
	for _, f := range r.Filters {
		out.RepositoryFilters = append(out.RepositoryFilters, types.RepositoryFilter{Filter: aws.String(f), FilterType: types.RepositoryFilterTypePrefixMatch})
	}
	if r.DeleteReplication {
		out.DeleteReplication = &types.DeleteReplication{Enabled: true}
	}
	return out
}

// InRegion returns a Client whose calls go to another Region of the same endpoint configuration,
// for reading what a replication destination holds (its creation templates).
func (c *Client) InRegion(region string) *Client {
	if region == "" || region == c.Region {
		return c
	}
	sdk := c.api // the client's options, not an ECR operation
	opts := sdk.Options()
	opts.Region = region
	cp := *c
	cp.api = ecr.New(opts)
	cp.Region = region
	cp.own = &ownRegistry{}
	return &cp
}
