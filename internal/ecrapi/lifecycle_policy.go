package ecrapi

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// FindLifecyclePolicyByRepository returns the repository's lifecycle policy text, or a
// *NotFoundError when the repository has no policy or does not exist (ErrRepositoryMissing
// tells the two apart).
func FindLifecyclePolicyByRepository(ctx context.Context, client *ecr.Client, registryID, repository string) (string, error) {
	in := &ecr.GetLifecyclePolicyInput{RepositoryName: aws.String(repository)}
	if registryID != "" {
		in.RegistryId = aws.String(registryID)
	}
	out, err := client.GetLifecyclePolicy(ctx, in)
	var noPolicy *types.LifecyclePolicyNotFoundException
	switch {
	case errors.As(err, &noPolicy):
		return "", &NotFoundError{Kind: "lifecycle policy", ID: repository, Err: err}
	case IsRepositoryNotFound(err):
		return "", &NotFoundError{Kind: "lifecycle policy", ID: repository, Err: ErrRepositoryMissing}
	case err != nil:
		return "", err
	}
	return aws.ToString(out.LifecyclePolicyText), nil
}

// ErrRepositoryMissing marks a not-found that is caused by the repository itself being absent.
var ErrRepositoryMissing = errors.New("the repository does not exist")
