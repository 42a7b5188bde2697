package ecrapi

import (
	"errors"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// attemptMayHaveActed reports whether one failed attempt of a write, made without the SDK's
// retries (oneAttempt), may nevertheless have been carried out by ECR: no answer arrived (a
// reset, a timeout, a dropped connection, or a call cut off by a cancelled context, which the SDK
// reports as a ResponseError with status 0), or the answer was a server error (5xx). Any 4xx,
// throttling included, means ECR refused that attempt before acting.
func attemptMayHaveActed(err error) bool {
	if err == nil {
		return false
	}
	var respErr *awshttp.ResponseError
	if !errors.As(err, &respErr) {
		return true
	}
	code := respErr.HTTPStatusCode()
	return code == 0 || code >= 500
}
