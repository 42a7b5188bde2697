package ecrapi

import (
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// mayHaveActed reports whether a failed write may nevertheless have been carried out by ECR: its
// answer was a server error (5xx), or no answer arrived at all (a reset, a timeout, a dropped
// connection). A 4xx answer means ECR refused the request before acting.
//
// Throttling is a 4xx, but only the last attempt's answer is in the error: an earlier attempt
// whose answer was lost may have acted. So a throttle (as the SDK's own retryer classifies it)
// counts as "may have acted".
func mayHaveActed(err error) bool {
	if err == nil {
		return false
	}
	var respErr *awshttp.ResponseError
	if !errors.As(err, &respErr) || respErr.HTTPStatusCode() >= 500 {
		return true
	}
	return retry.IsErrorThrottles(retry.DefaultThrottles).IsErrorThrottle(err) == aws.TrueTernary
}
