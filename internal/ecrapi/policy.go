package ecrapi

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// Repository and registry permission policies: GetRepositoryPolicy, SetRepositoryPolicy,
// DeleteRepositoryPolicy, GetRegistryPolicy, PutRegistryPolicy and DeleteRegistryPolicy. Each
// write replaces the whole policy, so a retry after a lost answer is harmless.

// FindRepositoryPolicyByRepository returns the repository's policy text. No policy is a
// *NotFoundError of KindRepositoryPolicy; no repository, of KindRepository.
func (c *Client) FindRepositoryPolicyByRepository(ctx context.Context, repository string) (string, error) {
	out, err := c.api.GetRepositoryPolicy(ctx, &ecr.GetRepositoryPolicyInput{RepositoryName: aws.String(repository), RegistryId: c.registry()})
	var none *types.RepositoryPolicyNotFoundException
	if errors.As(err, &none) {
		return "", &NotFoundError{Kind: KindRepositoryPolicy, ID: repository, Err: err}
	}
	if err != nil {
		return "", repositoryNotFound(err, repository)
	}
	return aws.ToString(out.PolicyText), nil
}

// SetRepositoryPolicy replaces the repository's policy. force is SetRepositoryPolicy's `force`:
// without it ECR refuses a policy that would lock the caller out of changing it again
// ("prevent future SetRepositoryPolicy calls", API reference).
func (c *Client) SetRepositoryPolicy(ctx context.Context, repository, text string, force bool) error {
	_, err := c.api.SetRepositoryPolicy(ctx, &ecr.SetRepositoryPolicyInput{
		RepositoryName: aws.String(repository), RegistryId: c.registry(), PolicyText: aws.String(text), Force: force,
	})
	return repositoryNotFound(err, repository)
}

// DeleteRepositoryPolicy removes the policy; a policy or repository already gone is success.
func (c *Client) DeleteRepositoryPolicy(ctx context.Context, repository string) error {
	_, err := c.api.DeleteRepositoryPolicy(ctx, &ecr.DeleteRepositoryPolicyInput{RepositoryName: aws.String(repository), RegistryId: c.registry()})
	var none *types.RepositoryPolicyNotFoundException
	if err == nil || errors.As(err, &none) || IsNotFound(repositoryNotFound(err, repository)) {
		return nil
	}
	return err
}

// FindRegistryPolicy returns the registry's permissions policy; none is a *NotFoundError of
// KindRegistryPolicy.
func (c *Client) FindRegistryPolicy(ctx context.Context) (string, error) {
	out, err := c.api.GetRegistryPolicy(ctx, &ecr.GetRegistryPolicyInput{})
	var none *types.RegistryPolicyNotFoundException
	if errors.As(err, &none) {
		return "", &NotFoundError{Kind: KindRegistryPolicy, ID: "registry", Err: err}
	}
	if err != nil {
		return "", err
	}
	return aws.ToString(out.PolicyText), nil
}

// PutRegistryPolicy replaces the registry's permissions policy.
func (c *Client) PutRegistryPolicy(ctx context.Context, text string) error {
	_, err := c.api.PutRegistryPolicy(ctx, &ecr.PutRegistryPolicyInput{PolicyText: aws.String(text)})
	return err
}

// DeleteRegistryPolicy removes the registry's permissions policy; none is success.
func (c *Client) DeleteRegistryPolicy(ctx context.Context) error {
	_, err := c.api.DeleteRegistryPolicy(ctx, &ecr.DeleteRegistryPolicyInput{})
	var none *types.RegistryPolicyNotFoundException
	if err == nil || errors.As(err, &none) {
		return nil
	}
	return err
}
