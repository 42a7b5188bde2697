package ecrapi

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// KindSigningConfiguration is a registry without a signing configuration.
const KindSigningConfiguration Kind = "signing configuration"

// SigningRule signs the images pushed to the repositories its wildcard filters match (every
// repository when there are none) with one AWS Signer profile.
type SigningRule struct {
	ProfileARN string
	Filters    []string
}

// Signing statuses (types.SigningStatus).
const (
	SigningComplete   = string(types.SigningStatusComplete)
	SigningInProgress = string(types.SigningStatusInProgress)
	SigningFailed     = string(types.SigningStatusFailed)
)

// FindSigningConfiguration returns the registry's signing rules, or a *NotFoundError when it
// has no signing configuration.
func (c *Client) FindSigningConfiguration(ctx context.Context) ([]SigningRule, error) {
	out, err := c.api.GetSigningConfiguration(ctx, &ecr.GetSigningConfigurationInput{})
	if isNoSigningConfiguration(err) {
		return nil, &NotFoundError{Kind: KindSigningConfiguration, ID: "registry", Err: err}
	}
	if err != nil {
		return nil, err
	}
	var rules []SigningRule
	if out.SigningConfiguration != nil {
		for _, r := range out.SigningConfiguration.Rules {
			rule := SigningRule{ProfileARN: aws.ToString(r.SigningProfileArn)}
			for _, f := range r.RepositoryFilters {
				rule.Filters = append(rule.Filters, aws.ToString(f.Filter))
			}
			rules = append(rules, rule)
		}
	}
	return rules, nil
}

// PutSigningConfiguration replaces the registry's signing rules with one call. It is idempotent.
// A rule without filters leaves repositoryFilters out: "If no filters are specified, all images
// pushed to the registry are signed", and the list itself holds "Minimum number of 1 item"
// (SigningRule, API reference), so an empty list is refused.
func (c *Client) PutSigningConfiguration(ctx context.Context, rules []SigningRule) error {
	cfg := &types.SigningConfiguration{Rules: []types.SigningRule{}}
	for _, r := range rules {
		rule := types.SigningRule{SigningProfileArn: aws.String(r.ProfileARN)}
		for _, f := range r.Filters {
			rule.RepositoryFilters = append(rule.RepositoryFilters, types.SigningRepositoryFilter{
				Filter: aws.String(f), FilterType: types.SigningRepositoryFilterTypeWildcardMatch,
			})
		}
		cfg.Rules = append(cfg.Rules, rule)
	}
	_, err := c.api.PutSigningConfiguration(ctx, &ecr.PutSigningConfigurationInput{SigningConfiguration: cfg})
	return err
}

// DeleteSigningConfiguration removes the registry's signing configuration; none is success.
func (c *Client) DeleteSigningConfiguration(ctx context.Context) error {
	_, err := c.api.DeleteSigningConfiguration(ctx, &ecr.DeleteSigningConfigurationInput{})
	if isNoSigningConfiguration(err) {
		return nil
	}
	return err
}

func isNoSigningConfiguration(err error) bool {
	var nf *types.SigningConfigurationNotFoundException
	return errors.As(err, &nf)
}

// SigningStatus is how far one signing profile got with one image.
type SigningStatus struct {
	ProfileARN    string
	Status        string // IN_PROGRESS, COMPLETE or FAILED
	FailureCode   string
	FailureReason string
}

// ImageSigningStatus reads the signing status of an image (DescribeImageSigningStatus): one
// call, and no manifest read, so no pull is recorded.
func (c *Client) ImageSigningStatus(ctx context.Context, repository, digest string) ([]SigningStatus, error) {
	out, err := c.api.DescribeImageSigningStatus(ctx, &ecr.DescribeImageSigningStatusInput{
		RepositoryName: aws.String(repository), RegistryId: c.registry(), ImageId: &types.ImageIdentifier{ImageDigest: aws.String(digest)},
	})
	if err != nil {
		return nil, imageNotFound(err, repository, digest)
	}
	statuses := make([]SigningStatus, 0, len(out.SigningStatuses))
	for _, s := range out.SigningStatuses {
		statuses = append(statuses, SigningStatus{
			ProfileARN: aws.ToString(s.SigningProfileArn), Status: string(s.Status),
			FailureCode: aws.ToString(s.FailureCode), FailureReason: aws.ToString(s.FailureReason),
		})
	}
	return statuses, nil
}

// imageNotFound turns ImageNotFoundException and RepositoryNotFoundException into a
// *NotFoundError.
func imageNotFound(err error, repository, id string) error {
	var noImage *types.ImageNotFoundException
	if errors.As(err, &noImage) {
		return &NotFoundError{Kind: KindImage, ID: repository + "@" + id, Err: err}
	}
	return repositoryNotFound(err, repository)
}

// SigningRulesApply reports whether the caller's signing rules say which profiles must sign an
// image in the registry the client addresses. GetSigningConfiguration takes no registryId: it
// always answers the caller's own rules, so for another account's registry they prove nothing.
// The caller's registry ID is learnt once per client (DescribeRegistry).
func (c *Client) SigningRulesApply(ctx context.Context) (bool, error) {
	if c.registryID == "" {
		return true, nil
	}
	own, err := c.InRegistry("").RegistryID(ctx)
	if err != nil {
		return false, err
	}
	return own == c.registryID, nil
}
