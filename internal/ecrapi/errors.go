package ecrapi

import (
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// NotFoundError says that the object a find* function looked for does not exist. Resources use
// it to remove an object from state on Read and to treat Delete as done; tests use it in their
// Destroy checks.
type NotFoundError struct {
	Kind string // "repository", "lifecycle policy", "image"
	ID   string
	Err  error // the service error, when there was one
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s %s not found", e.Kind, e.ID)
}

func (e *NotFoundError) Unwrap() error { return e.Err }

// IsNotFound reports whether err, or an error it wraps, is a *NotFoundError.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}

// IsRepositoryNotFound reports whether err is ECR's RepositoryNotFoundException, for calls
// other than the find* lookups (a delete or put against a repository that is gone).
func IsRepositoryNotFound(err error) bool {
	var nf *types.RepositoryNotFoundException
	return errors.As(err, &nf)
}

// IsRepositoryMissing reports whether err is a *NotFoundError about a repository.
func IsRepositoryMissing(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf) && nf.Kind == "repository"
}
