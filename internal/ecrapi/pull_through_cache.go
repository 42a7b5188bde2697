package ecrapi

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// KindPullThroughCacheRule is a pull through cache rule missing from the registry.
const KindPullThroughCacheRule Kind = "pull through cache rule"

// ErrPullThroughCacheRuleExists is returned when a rule already holds the prefix and this call
// did not provably create it.
var ErrPullThroughCacheRuleExists = errors.New("a pull through cache rule already exists for this prefix")

// PullThroughCacheRule is a rule as the boundary reports it; UpstreamPrefix is ROOT when ECR
// reports none ("When this field isn't specified, Amazon ECR will use the ROOT").
type PullThroughCacheRule struct {
	Prefix           string
	RegistryID       string
	UpstreamURL      string
	UpstreamRegistry string
	CredentialARN    string
	CustomRoleARN    string
	UpstreamPrefix   string
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// PullThroughCacheRuleSpec is what a rule is created with; "" leaves a member out.
type PullThroughCacheRuleSpec struct {
	Prefix, UpstreamURL, CredentialARN, CustomRoleARN, UpstreamPrefix string
}

func pullThroughCacheRuleFrom(r types.PullThroughCacheRule) PullThroughCacheRule {
	out := PullThroughCacheRule{
		Prefix:           aws.ToString(r.EcrRepositoryPrefix),
		RegistryID:       aws.ToString(r.RegistryId),
		UpstreamURL:      aws.ToString(r.UpstreamRegistryUrl),
		UpstreamRegistry: string(r.UpstreamRegistry),
		CredentialARN:    aws.ToString(r.CredentialArn),
		CustomRoleARN:    aws.ToString(r.CustomRoleArn),
		UpstreamPrefix:   aws.ToString(r.UpstreamRepositoryPrefix),
		CreatedAt:        aws.ToTime(r.CreatedAt),
		UpdatedAt:        aws.ToTime(r.UpdatedAt),
	}
	if out.UpstreamPrefix == "" {
		out.UpstreamPrefix = "ROOT"
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

// CreatePullThroughCacheRule creates the rule, settling an ambiguous outcome as every create
// does; a rule that is not provably this call's is an *ExistsError wrapping
// ErrPullThroughCacheRuleExists.
func (c *Client) CreatePullThroughCacheRule(
	ctx context.Context, spec PullThroughCacheRuleSpec) (*PullThroughCacheRule, error,
) {
	in := &ecr.CreatePullThroughCacheRuleInput{
		EcrRepositoryPrefix:      aws.String(spec.Prefix),
		UpstreamRegistryUrl:      aws.String(spec.UpstreamURL),
		CredentialArn:            optional(spec.CredentialARN),
		CustomRoleArn:            optional(spec.CustomRoleARN),
		UpstreamRepositoryPrefix: optional(spec.UpstreamPrefix),
	}
	return createSettled(ctx, c, createOp[PullThroughCacheRule]{
		kind: KindPullThroughCacheRule, id: spec.Prefix, sentinel: ErrPullThroughCacheRuleExists,
		call: func(ctx context.Context) (*PullThroughCacheRule, error) {
			out, err := c.api.CreatePullThroughCacheRule(ctx, in, oneAttempt)
			if err != nil {
				return nil, err
			}
			r := pullThroughCacheRuleFrom(types.PullThroughCacheRule{
				EcrRepositoryPrefix: out.EcrRepositoryPrefix, RegistryId: out.RegistryId, UpstreamRegistryUrl: out.UpstreamRegistryUrl,
				UpstreamRegistry: out.UpstreamRegistry, CredentialArn: out.CredentialArn, CustomRoleArn: out.CustomRoleArn,
				UpstreamRepositoryPrefix: out.UpstreamRepositoryPrefix, CreatedAt: out.CreatedAt, UpdatedAt: out.CreatedAt,
			})
			return &r, nil
		},
		exists: func(err error) bool {
			var exists *types.PullThroughCacheRuleAlreadyExistsException
			return errors.As(err, &exists)
		},
		find: func(ctx context.Context) (*PullThroughCacheRule, error) {
			return c.FindPullThroughCacheRuleByPrefix(ctx, spec.Prefix)
		},
		ours: func(r *PullThroughCacheRule, started time.Time) bool {
			return createdSince(r.CreatedAt, started) && r.matches(spec)
		},
	})
}

// matches reports whether the rule has the settings spec asked for.
func (r *PullThroughCacheRule) matches(spec PullThroughCacheRuleSpec) bool {
	upstreamPrefix := spec.UpstreamPrefix
	if upstreamPrefix == "" {
		upstreamPrefix = "ROOT"
	}
	return r.UpstreamURL == spec.UpstreamURL && r.CredentialARN == spec.CredentialARN &&
		r.CustomRoleARN == spec.CustomRoleARN && r.UpstreamPrefix == upstreamPrefix
}

// UpdatePullThroughCacheRule sets the rule's credential ARN and custom role, the two settings
// UpdatePullThroughCacheRule takes. A missing rule is a *NotFoundError.
func (c *Client) UpdatePullThroughCacheRule(ctx context.Context, prefix, credentialARN, customRoleARN string) error {
	_, err := c.api.UpdatePullThroughCacheRule(ctx, &ecr.UpdatePullThroughCacheRuleInput{
		EcrRepositoryPrefix: aws.String(prefix), CredentialArn: optional(credentialARN), CustomRoleArn: optional(customRoleARN),
	})
	return pullThroughCacheRuleNotFound(err, prefix)
}

// DeletePullThroughCacheRule deletes the rule; one that is already gone is success. The
// repositories the rule created stay.
func (c *Client) DeletePullThroughCacheRule(ctx context.Context, prefix string) error {
	_, err := c.api.DeletePullThroughCacheRule(ctx, &ecr.DeletePullThroughCacheRuleInput{EcrRepositoryPrefix: aws.String(prefix)})
	if IsNotFound(pullThroughCacheRuleNotFound(err, prefix)) {
		return nil
	}
	return err
}

// FindPullThroughCacheRuleByPrefix returns the rule, or a *NotFoundError.
func (c *Client) FindPullThroughCacheRuleByPrefix(ctx context.Context, prefix string) (*PullThroughCacheRule, error) {
	out, err := c.api.DescribePullThroughCacheRules(ctx, &ecr.DescribePullThroughCacheRulesInput{EcrRepositoryPrefixes: []string{prefix}})
	if err != nil {
		return nil, pullThroughCacheRuleNotFound(err, prefix)
	}
	for _, r := range out.PullThroughCacheRules {
		if aws.ToString(r.EcrRepositoryPrefix) == prefix {
			found := pullThroughCacheRuleFrom(r)
			return &found, nil
		}
	}
	return nil, &NotFoundError{Kind: KindPullThroughCacheRule, ID: prefix}
}

// ListPullThroughCacheRules lists every rule of the registry, sorted by prefix, 1,000 a page.
func (c *Client) ListPullThroughCacheRules(ctx context.Context) ([]PullThroughCacheRule, error) {
	var out []PullThroughCacheRule
	p := ecr.NewDescribePullThroughCacheRulesPaginator(c.api, &ecr.DescribePullThroughCacheRulesInput{MaxResults: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range page.PullThroughCacheRules {
			out = append(out, pullThroughCacheRuleFrom(r))
		}
	}
	slices.SortFunc(out, func(a, b PullThroughCacheRule) int { return strings.Compare(a.Prefix, b.Prefix) })
	return out, nil
}

// ValidatePullThroughCacheRule asks ECR whether the rule works: whether "Amazon ECR was able to
// reach the upstream registry and authentication was successful". It returns "" when it does,
// else ECR's failure reason. A missing rule is a *NotFoundError.
func (c *Client) ValidatePullThroughCacheRule(ctx context.Context, prefix string) (string, error) {
	out, err := c.api.ValidatePullThroughCacheRule(ctx, &ecr.ValidatePullThroughCacheRuleInput{EcrRepositoryPrefix: aws.String(prefix)})
	if err != nil {
		return "", pullThroughCacheRuleNotFound(err, prefix)
	}
	if out.IsValid {
		return "", nil
	}
	if f := aws.ToString(out.Failure); f != "" {
		return f, nil
	}
	return "ECR reported the rule invalid and gave no reason", nil
}

func pullThroughCacheRuleNotFound(err error, prefix string) error {
	var nf *types.PullThroughCacheRuleNotFoundException
	if errors.As(err, &nf) {
		return &NotFoundError{Kind: KindPullThroughCacheRule, ID: prefix, Err: err}
	}
	return err
}
