package ecrapi

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// FindManifest returns the exact manifest bytes and media type of a digest, as pushed
// (BatchGetImage accepting every manifest kind, so an index stays an index).
func FindManifest(ctx context.Context, client *ecr.Client, registryID, repository, digest string) (*types.Image, error) {
	manifests, err := GetManifests(ctx, client, registryID, repository, []string{digest})
	if IsRepositoryNotFound(err) {
		return nil, &NotFoundError{Kind: "repository", ID: repository, Err: err}
	}
	if err != nil {
		return nil, err
	}
	m, ok := manifests[digest]
	if !ok || aws.ToString(m.ImageManifest) == "" {
		return nil, &NotFoundError{Kind: "image", ID: repository + "@" + digest}
	}
	return &m, nil
}

// ErrTagConflict is returned by PutTag when the tag is already on another digest and the
// repository refuses to move it (immutable tags).
var ErrTagConflict = errors.New("the tag is already on another image and the repository's tags are immutable")

var digestInMessage = regexp.MustCompile(`sha256:[0-9a-f]{64}`)

// PutTag puts the manifest under tag in repository — the documented way to retag: the same
// bytes, the same media type, the new tag — and returns the digest ECR recorded. A tag already
// on these bits (ImageAlreadyExistsException for this digest, or a retry of a push whose
// response was lost) is success.
func PutTag(ctx context.Context, client *ecr.Client, repository, tag string, manifest *types.Image) (string, error) {
	digest := aws.ToString(manifest.ImageId.ImageDigest)
	out, err := client.PutImage(ctx, &ecr.PutImageInput{
		RepositoryName:         aws.String(repository),
		ImageManifest:          manifest.ImageManifest,
		ImageManifestMediaType: manifest.ImageManifestMediaType,
		ImageTag:               aws.String(tag),
		ImageDigest:            aws.String(digest),
	})
	var exists *types.ImageAlreadyExistsException
	var tagExists *types.ImageTagAlreadyExistsException
	switch {
	case errors.As(err, &tagExists):
		return "", fmt.Errorf("%w: %s", ErrTagConflict, tagExists.ErrorMessage())
	case errors.As(err, &exists):
		// ECR: "the image has already been pushed, and there were no changes to the manifest or
		// image tag". A message naming another digest means the tag is held by other bits.
		if other := digestInMessage.FindString(exists.ErrorMessage()); other != "" && other != digest {
			return "", fmt.Errorf("%w: %s", ErrTagConflict, exists.ErrorMessage())
		}
		return digest, nil
	case err != nil:
		return "", err
	}
	if out.Image != nil && out.Image.ImageId != nil {
		return aws.ToString(out.Image.ImageId.ImageDigest), nil
	}
	return digest, nil
}

// RemoveTag removes one tag with BatchDeleteImage by tag. ECR deletes the image itself when the
// last tag is removed; callers check that first.
func RemoveTag(ctx context.Context, client *ecr.Client, repository, tag string) error {
	out, err := client.BatchDeleteImage(ctx, &ecr.BatchDeleteImageInput{
		RepositoryName: aws.String(repository),
		ImageIds:       []types.ImageIdentifier{{ImageTag: aws.String(tag)}},
	})
	if err != nil {
		return err
	}
	for _, f := range out.Failures {
		if f.FailureCode == types.ImageFailureCodeImageNotFound || f.FailureCode == types.ImageFailureCodeImageTagDoesNotMatchDigest {
			continue // already gone
		}
		return fmt.Errorf("%s: %s", f.FailureCode, aws.ToString(f.FailureReason))
	}
	return nil
}
