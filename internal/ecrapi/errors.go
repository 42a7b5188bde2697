package ecrapi

import (
	"errors"
	"fmt"
	"net"
	"syscall"

	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/aws/smithy-go"
)

// ErrorDetail turns an error from this package into the detail of a diagnostic: the service's
// error code and message when there is one, so users see "ImageTagAlreadyExistsException: ..."
// rather than the SDK's operation wrapper.
func ErrorDetail(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return fmt.Sprintf("%s: %s", apiErr.ErrorCode(), apiErr.ErrorMessage())
	}
	return err.Error()
}

// Kind names what a NotFoundError says is missing.
type Kind string

const (
	KindRepository      Kind = "repository"
	KindLifecyclePolicy Kind = "lifecycle policy"
	KindImage           Kind = "image"
	// KindRepositoryPolicy and KindRegistryPolicy: no permissions policy is set.
	KindRepositoryPolicy Kind = "repository policy"
	KindRegistryPolicy   Kind = "registry policy"
)

// NotFoundError is the one not-found error of the boundary. Resources use it to remove an object
// from state on Read and to treat Delete as done; tests use it in their Destroy checks. Kind says
// what is missing: a lifecycle policy lookup on a repository that does not exist answers
// KindRepository, because that is what is missing.
type NotFoundError struct {
	Kind Kind
	ID   string
	Err  error // the service error, when there was one
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s %s not found", e.Kind, e.ID)
}

func (e *NotFoundError) Unwrap() error { return e.Err }

// IsNotFound reports whether err is a *NotFoundError, of one of kinds when any are given.
func IsNotFound(err error, kinds ...Kind) bool {
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		return false
	}
	if len(kinds) == 0 {
		return true
	}
	for _, k := range kinds {
		if nf.Kind == k {
			return true
		}
	}
	return false
}

// repositoryNotFound turns ECR's RepositoryNotFoundException into a *NotFoundError, and leaves
// every other error as it is.
func repositoryNotFound(err error, repository string) error {
	var nf *types.RepositoryNotFoundException
	if errors.As(err, &nf) {
		return &NotFoundError{Kind: KindRepository, ID: repository, Err: err}
	}
	return err
}

// Unreachable reports whether err says that nothing answered: a refused connection, an unknown
// host, a failed dial, or no answer at all within the no-answer timeout (ErrNoAnswer). It is the
// usual sign of a wrong endpoint or a network that drops everything.
func Unreachable(err error) bool {
	var dns *net.DNSError
	var op *net.OpError
	return errors.Is(err, ErrNoAnswer) || errors.Is(err, syscall.ECONNREFUSED) || errors.As(err, &dns) || (errors.As(err, &op) && op.Op == "dial")
}

// IsAccessDenied reports whether ECR refused the call for want of an IAM permission
// (AccessDeniedException). The SDK's retryer does not retry it: it is a 400 that no retryable
// code or status matches (TestRetryer_accessDeniedIsNotRetried).
func IsAccessDenied(err error) bool {
	var apiErr smithy.APIError
	return errors.As(err, &apiErr) && apiErr.ErrorCode() == "AccessDeniedException"
}
