package ecrapi

import (
	"errors"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// mayHaveActed reports whether a failed write may nevertheless have been carried out by ECR: its
// answer was a server error (5xx), or no answer arrived at all (a reset, a timeout, a dropped
// connection). A 4xx answer that names a client error means ECR refused the request.
//
// Throttling is a 4xx, but only the last attempt's answer is in the error: an earlier attempt
// whose answer was lost may have acted. So only an answer that ECR gives before acting on
// anything (validation, a missing or existing object) counts as "did not act".
func mayHaveActed(err error) bool {
	if err == nil {
		return false
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorFault() == smithy.FaultClient && !isThrottle(apiErr.ErrorCode()) {
		return false
	}
	var respErr *awshttp.ResponseError
	if errors.As(err, &respErr) && respErr.HTTPStatusCode() >= 400 && respErr.HTTPStatusCode() < 500 && !isThrottle(errorCode(err)) {
		return false
	}
	return true
}

func errorCode(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	return ""
}

func isThrottle(code string) bool {
	switch code {
	case "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded":
		return true
	}
	return false
}
