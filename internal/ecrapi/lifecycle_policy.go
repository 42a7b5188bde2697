package ecrapi

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// FindLifecyclePolicyByRepository returns the repository's lifecycle policy text. A repository
// without a policy is a *NotFoundError of KindLifecyclePolicy; a repository that does not exist
// is one of KindRepository.
func (c *Client) FindLifecyclePolicyByRepository(ctx context.Context, repository string) (string, error) {
	out, err := c.api.GetLifecyclePolicy(ctx, &ecr.GetLifecyclePolicyInput{RepositoryName: aws.String(repository), RegistryId: c.registry()})
	if isNoPolicy(err) {
		return "", &NotFoundError{Kind: KindLifecyclePolicy, ID: repository, Err: err}
	}
	if err != nil {
		return "", repositoryNotFound(err, repository)
	}
	return aws.ToString(out.LifecyclePolicyText), nil
}

// PutLifecyclePolicy sets the policy text. It is idempotent, so a retry after a lost answer is
// harmless. A missing repository is a *NotFoundError of KindRepository.
func (c *Client) PutLifecyclePolicy(ctx context.Context, repository, text string) error {
	_, err := c.api.PutLifecyclePolicy(ctx, &ecr.PutLifecyclePolicyInput{
		RepositoryName:      aws.String(repository),
		RegistryId:          c.registry(),
		LifecyclePolicyText: aws.String(text),
	})
	return repositoryNotFound(err, repository)
}

// DeleteLifecyclePolicy removes the policy. A policy or repository that is already gone is
// success.
func (c *Client) DeleteLifecyclePolicy(ctx context.Context, repository string) error {
	_, err := c.api.DeleteLifecyclePolicy(ctx, &ecr.DeleteLifecyclePolicyInput{RepositoryName: aws.String(repository), RegistryId: c.registry()})
	if err == nil || isNoPolicy(err) || IsNotFound(repositoryNotFound(err, repository)) {
		return nil
	}
	return err
}

func isNoPolicy(err error) bool {
	var noPolicy *types.LifecyclePolicyNotFoundException
	return errors.As(err, &noPolicy)
}
