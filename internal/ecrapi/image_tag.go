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

// ErrTagConflict is returned by PutTag when the tag is already on another digest and the
// repository refuses to move it (immutable tags).
var ErrTagConflict = errors.New("the tag is already on another image and the repository's tags are immutable")

// ErrBlobsMissing is returned by PutTag when the repository lacks the layers (or, for an index,
// the platform images) the manifest references: PutImage cannot copy them across repositories.
var ErrBlobsMissing = errors.New("the image's layers or referenced images are not in the repository")

var digestInMessage = regexp.MustCompile(`sha256:[0-9a-f]{64}`)

// PutTag puts the manifest under tag in repository — the documented way to retag: the same
// bytes, the same media type, the new tag — and returns the digest ECR recorded. A tag already
// on these bits (ImageAlreadyExistsException for this digest, or a retry of a push whose
// response was lost) is success.
func (c *Client) PutTag(ctx context.Context, repository, tag string, manifest *Manifest) (string, error) {
	out, err := c.api.PutImage(ctx, &ecr.PutImageInput{
		RepositoryName:         aws.String(repository),
		RegistryId:             c.registry(),
		ImageManifest:          aws.String(string(manifest.Body)),
		ImageManifestMediaType: aws.String(manifest.MediaType),
		ImageTag:               aws.String(tag),
		ImageDigest:            aws.String(manifest.Digest),
	})
	var exists *types.ImageAlreadyExistsException
	var tagExists *types.ImageTagAlreadyExistsException
	var layers *types.LayersNotFoundException
	var refs *types.ReferencedImagesNotFoundException
	switch {
	case errors.As(err, &tagExists):
		// A retry of our own put whose answer was lost meets the tag we just put: settle it by
		// asking where the tag is before calling it a conflict.
		if held, ferr := c.FindImage(ctx, repository, ImageID{Tag: tag}); ferr == nil && held.Digest == manifest.Digest {
			return manifest.Digest, nil
		}
		return "", fmt.Errorf("%w: %s", ErrTagConflict, tagExists.ErrorMessage())
	case errors.As(err, &exists):
		// ECR: "the image has already been pushed, and there were no changes to the manifest or
		// image tag". A message naming another digest means the tag is held by other bits.
		if other := digestInMessage.FindString(exists.ErrorMessage()); other != "" && other != manifest.Digest {
			return "", fmt.Errorf("%w: %s", ErrTagConflict, exists.ErrorMessage())
		}
		return manifest.Digest, nil
	case errors.As(err, &layers), errors.As(err, &refs):
		return "", errors.Join(ErrBlobsMissing, err)
	case err != nil:
		return "", repositoryNotFound(err, repository)
	}
	if out.Image != nil && out.Image.ImageId != nil {
		return aws.ToString(out.Image.ImageId.ImageDigest), nil
	}
	return manifest.Digest, nil
}

// RemoveTag removes one tag with BatchDeleteImage by tag. ECR deletes the image itself when the
// last tag is removed; callers check that first. A tag or repository that is gone is success.
func (c *Client) RemoveTag(ctx context.Context, repository, tag string) error {
	out, err := c.api.BatchDeleteImage(ctx, &ecr.BatchDeleteImageInput{
		RepositoryName: aws.String(repository),
		RegistryId:     c.registry(),
		ImageIds:       []types.ImageIdentifier{{ImageTag: aws.String(tag)}},
	})
	if err != nil {
		if err = repositoryNotFound(err, repository); IsNotFound(err) {
			return nil
		}
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
