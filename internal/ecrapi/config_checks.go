package ecrapi

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
)

// These checks back the provider schema's validators so that bad configuration is reported on
// the exact attribute at plan time, before any client is built.

var (
	// Region names such as us-east-1, us-gov-west-1, cn-north-1, ap-southeast-5, il-central-1.
	regionPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d{1,2}$`)
	accountIDRe   = regexp.MustCompile(`^\d{12}$`)
	// arn:PARTITION:iam::ACCOUNT:role/PATH/NAME (IAM role ARNs carry no region).
	roleARNPattern = regexp.MustCompile(`^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$`)
)

// CheckRegion reports whether s looks like an AWS region name.
func CheckRegion(s string) error {
	if !regionPattern.MatchString(s) {
		return fmt.Errorf("%q is not an AWS region name; expected a form such as us-east-1 or eu-central-1", s)
	}
	return nil
}

// CheckEndpoint reports whether s is an absolute http(s) URL with a host, as the SDK's
// BaseEndpoint requires.
func CheckEndpoint(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("%q is not a URL: %v", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q must start with https:// (or http:// for a local emulator)", s)
	}
	if u.Host == "" {
		return fmt.Errorf("%q has no host; expected a form such as https://api.ecr.us-east-1.amazonaws.com", s)
	}
	return nil
}

// CheckAccountID reports whether s is a 12-digit AWS account ID.
func CheckAccountID(s string) error {
	if !accountIDRe.MatchString(s) {
		return fmt.Errorf("%q is not an AWS account ID; expected 12 digits", s)
	}
	return nil
}

// CheckRoleARN reports whether s is an IAM role ARN.
func CheckRoleARN(s string) error {
	if !roleARNPattern.MatchString(s) {
		return fmt.Errorf("%q is not an IAM role ARN; expected arn:aws:iam::123456789012:role/NAME", s)
	}
	return nil
}

// principalARNPattern and maxPrincipalARNLength are the service model's PrincipalArn: an IAM
// role or user ARN, with an optional path, at most 200 characters.
var principalARNPattern = regexp.MustCompile(`^arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role|user)/[\w+=,.@-]+(/[\w+=,.@-]+)*$`)

const maxPrincipalARNLength = 200

// CheckPrincipalARN reports whether s is the ARN of an IAM role or user, as pull-time update
// exclusions take ("specify IAM role ARNs", User Guide, Pull-time update exclusions). An STS
// assumed-role session ARN is refused with the role ARN to use instead.
func CheckPrincipalARN(s string) error {
	if strings.Contains(s, ":assumed-role/") {
		return fmt.Errorf("%q is an STS session; exclude the role instead: arn:aws:iam::ACCOUNT:role/NAME", s)
	}
	if !principalARNPattern.MatchString(s) {
		return fmt.Errorf("%q is not an IAM principal ARN: a role or user, expected "+
			"arn:aws:iam::123456789012:role/NAME (or :user/NAME)", s)
	}
	if len(s) > maxPrincipalARNLength {
		return fmt.Errorf("the principal ARN is %d characters; ECR takes at most %d", len(s), maxPrincipalARNLength)
	}
	return nil
}

// kmsKeyARNPattern is a KMS key ARN: the API model's KmsKeyForRepositoryCreationTemplate
// (arn:aws[a-z0-9-]*:kms:..., every partition), matched whole as ECR matches its patterns.
var kmsKeyARNPattern = regexp.MustCompile(`^arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-z0-9-]+$`)

// CheckKMSKeyARN reports whether s is the full ARN of a KMS key ("The full ARN of the KMS key
// must be specified", API reference); aliases and key IDs are refused.
func CheckKMSKeyARN(s string) error {
	if !kmsKeyARNPattern.MatchString(s) {
		return fmt.Errorf("%q is not a KMS key ARN; expected arn:aws:kms:REGION:123456789012:key/KEY-ID", s)
	}
	return nil
}

// STS accepts assumed-role sessions from 15 minutes to 12 hours.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (DurationSeconds)
const (
	minRoleDuration = 15 * time.Minute
	maxRoleDuration = 12 * time.Hour
)

// ParseRoleDuration parses a Go duration such as "1h" and checks STS's bounds.
func ParseRoleDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration; expected a form such as 15m or 1h", s)
	}
	if d < minRoleDuration || d > maxRoleDuration {
		return 0, fmt.Errorf("%q is outside STS's range of 15m to 12h", s)
	}
	return d, nil
}

// Resource tag limits (API reference, Tag; and "Tagging your Amazon ECR resources").
const (
	MaxResourceTags      = 50
	MaxResourceTagKey    = 128
	MaxResourceTagValue  = 256
	resourceTagAllowed   = `letters, digits, spaces and _ . : / = + - @`
	resourceTagKeyPrefix = "aws:"
)

// resourceTagPattern is the API model's TagKey/TagValue pattern.
var resourceTagPattern = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// CheckResourceTags reports the first problem of a set of repository tags: more than 50 tags, a
// key of 0 or more than 128 characters, a value of more than 256, a character ECR refuses (a NUL
// byte, for one), or a key beginning with the reserved "aws:". Values are shortened in the
// message, so a hostile 10,000-character key is not repeated.
func CheckResourceTags(tags map[string]string) error {
	if len(tags) > MaxResourceTags {
		return fmt.Errorf("%d tags; ECR allows at most %d per resource", len(tags), MaxResourceTags)
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := tags[k]
		switch n := utf8.RuneCountInString(k); {
		case n == 0:
			return fmt.Errorf("a tag key is empty; keys have 1 to %d characters", MaxResourceTagKey)
		case n > MaxResourceTagKey:
			return fmt.Errorf("a tag key has %d characters; ECR allows at most %d: %s", n, MaxResourceTagKey, imageref.Quote(k))
		case !resourceTagPattern.MatchString(k):
			return fmt.Errorf("the tag key %s has a character ECR refuses; use %s", imageref.Quote(k), resourceTagAllowed)
		case strings.HasPrefix(strings.ToLower(k), resourceTagKeyPrefix):
			return fmt.Errorf("the tag key %s begins with %q, which AWS reserves", imageref.Quote(k), resourceTagKeyPrefix)
		}
		switch n := utf8.RuneCountInString(v); {
		case n > MaxResourceTagValue:
			return fmt.Errorf("the value of tag %s has %d characters; ECR allows at most %d", imageref.Quote(k), n, MaxResourceTagValue)
		case !resourceTagPattern.MatchString(v):
			return fmt.Errorf("the value of tag %s has a character ECR refuses; use %s", imageref.Quote(k), resourceTagAllowed)
		}
	}
	return nil
}
