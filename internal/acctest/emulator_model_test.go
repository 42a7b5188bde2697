package acctest_test

// Tests of the emulator's model check (scripts/moto_ecr_model_check.py): every request is checked
// against the ECR service model before moto sees it, and refused as ECR refuses it. One test per
// kind of check, and the cases issue 26 found the provider sending.

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

const testProfile = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/ecrgov_test"

// refused fails unless err is ECR's answer to a request that breaks the model:
// InvalidParameterException, "Invalid parameter at '<path>' failed to satisfy constraint:
// '<constraint...>".
func refused(t *testing.T, err error, path, constraint string) {
	t.Helper()
	const code = "InvalidParameterException"
	var api smithy.APIError
	if !errors.As(err, &api) {
		t.Fatalf("err = %v, want %s at %s", err, code, path)
	}
	want := "Invalid parameter at '" + path + "' failed to satisfy constraint: '" + constraint
	if api.ErrorCode() != code || !strings.HasPrefix(api.ErrorMessage(), want) {
		t.Fatalf("got %s: %q\nwant %s: %q...", api.ErrorCode(), api.ErrorMessage(), code, want)
	}
}

func modelTest(t *testing.T) (context.Context, *ecr.Client) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	return context.Background(), acctest.SDK(t)
}

// The SDK checks required members itself; this turns that off so that the request reaches the
// emulator, as one from a client without the check would.
func withoutClientValidation(o *ecr.Options) {
	o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
		_, err := s.Initialize.Remove("OperationInputValidation")
		return err
	})
}

func TestAccEmulator_modelRequired(t *testing.T) {
	ctx, client := modelTest(t)
	_, err := client.DescribeImageSigningStatus(ctx, &ecr.DescribeImageSigningStatusInput{RepositoryName: aws.String("any")}, withoutClientValidation)
	refused(t, err, "imageId", "Member must not be null")
	// Nested: a signing rule without its profile.
	_, err = client.PutSigningConfiguration(ctx, &ecr.PutSigningConfigurationInput{
		SigningConfiguration: &types.SigningConfiguration{Rules: []types.SigningRule{{}}},
	}, withoutClientValidation)
	refused(t, err, "signingConfiguration.rules.1.signingProfileArn", "Member must not be null")
}

func TestAccEmulator_modelEnum(t *testing.T) {
	ctx, client := modelTest(t)
	_, err := client.PutImageTagMutability(ctx, &ecr.PutImageTagMutabilityInput{
		RepositoryName: aws.String("any"), ImageTagMutability: types.ImageTagMutability("SOMETIMES"),
	})
	refused(t, err, "imageTagMutability", "Member must satisfy enum value set: [MUTABLE, IMMUTABLE, ")
}

// String length and pattern: the pull-time exclusion principal is at most 200 characters and a
// role or user ARN ("^arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role|user)/..."), so a 250-character role
// ARN and a group ARN are refused.
func TestAccEmulator_modelString(t *testing.T) {
	ctx, client := modelTest(t)
	long := "arn:aws:iam::123456789012:role/" + strings.Repeat("r", 250-len("arn:aws:iam::123456789012:role/"))
	_, err := client.RegisterPullTimeUpdateExclusion(ctx, &ecr.RegisterPullTimeUpdateExclusionInput{PrincipalArn: aws.String(long)})
	refused(t, err, "principalArn", "Member must have length less than or equal to 200")
	_, err = client.RegisterPullTimeUpdateExclusion(ctx, &ecr.RegisterPullTimeUpdateExclusionInput{PrincipalArn: aws.String("arn:aws:iam::123456789012:group/auditors")})
	refused(t, err, "principalArn", "must satisfy regular expression '^arn:aws(-[a-z]+)*:iam::")
	// Other partitions are the model's: a GovCloud role passes the check (and is registered).
	gov := "arn:aws-us-gov:iam::123456789012:role/ecrgov-model-" + acctest.RandomName("p")[len("p-"):]
	if _, err := client.RegisterPullTimeUpdateExclusion(ctx, &ecr.RegisterPullTimeUpdateExclusionInput{PrincipalArn: aws.String(gov)}); err != nil {
		t.Fatalf("a GovCloud role ARN was refused: %v", err)
	}
	if _, err := client.DeregisterPullTimeUpdateExclusion(ctx, &ecr.DeregisterPullTimeUpdateExclusionInput{PrincipalArn: aws.String(gov)}); err != nil {
		t.Fatal(err)
	}
	// The pattern is matched whole, as ECR matches repositoryName: upper case is refused.
	_, err = client.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: []string{"Team/app"}})
	refused(t, err, "repositoryNames.1", "must satisfy regular expression '")
	// A signing filter follows SigningRepositoryFilterValue.
	_, err = client.PutSigningConfiguration(ctx, &ecr.PutSigningConfigurationInput{SigningConfiguration: &types.SigningConfiguration{Rules: []types.SigningRule{{
		SigningProfileArn: aws.String(testProfile),
		RepositoryFilters: []types.SigningRepositoryFilter{{Filter: aws.String("Team/*"), FilterType: types.SigningRepositoryFilterTypeWildcardMatch}},
	}}}})
	refused(t, err, "signingConfiguration.rules.1.repositoryFilters.1.filter", "must satisfy regular expression '")
}

// List length: "repositoryFilters ... Minimum number of 1 item" (SigningRule), so "sign every
// repository" leaves the member out and an empty list is refused; ArtifactTypeList holds at most 5.
func TestAccEmulator_modelList(t *testing.T) {
	ctx, client := modelTest(t)
	_, err := client.PutSigningConfiguration(ctx, &ecr.PutSigningConfigurationInput{SigningConfiguration: &types.SigningConfiguration{Rules: []types.SigningRule{{
		SigningProfileArn: aws.String(testProfile), RepositoryFilters: []types.SigningRepositoryFilter{},
	}}}})
	refused(t, err, "signingConfiguration.rules.1.repositoryFilters", "Member must have length greater than or equal to 1")
	six := []string{"a/1", "a/2", "a/3", "a/4", "a/5", "a/6"}
	_, err = client.ListImageReferrers(ctx, &ecr.ListImageReferrersInput{
		RepositoryName: aws.String("any"), SubjectId: &types.SubjectIdentifier{ImageDigest: aws.String(unknownDigest)},
		Filter: &types.ListImageReferrersFilter{ArtifactTypes: six},
	})
	refused(t, err, "filter.artifactTypes", "Member must have length less than or equal to 5")
}

func TestAccEmulator_modelNumber(t *testing.T) {
	ctx, client := modelTest(t)
	_, err := client.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{MaxResults: aws.Int32(1001)})
	refused(t, err, "maxResults", "Member must have value less than or equal to 1000")
	_, err = client.ListImageReferrers(ctx, &ecr.ListImageReferrersInput{
		RepositoryName: aws.String("any"), SubjectId: &types.SubjectIdentifier{ImageDigest: aws.String(unknownDigest)}, MaxResults: aws.Int32(0),
	})
	refused(t, err, "maxResults", "Member must have value greater than or equal to 1")
}

// A member the model does not know, and a member of the wrong type, sent raw: the SDK cannot.
func TestAccEmulator_modelUnknownMemberAndType(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	post := func(target, body string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, acctest.Endpoint()+"/", bytes.NewBufferString(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		req.Header.Set("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921."+target)
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/ecr/aws4_request, SignedHeaders=host, Signature=0")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(out)
	}
	status, body := post("DescribeRepositories", `{"repositoryNames":["a1"],"colour":"blue"}`)
	if status != 400 || !strings.Contains(body, `Invalid parameter at 'colour' failed to satisfy constraint: 'Member is not in the ECR service model'`) {
		t.Fatalf("unknown member: %d %s", status, body)
	}
	status, body = post("DescribeRepositories", `{"maxResults":"ten"}`)
	if status != 400 || !strings.Contains(body, `Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must be of type integer'`) {
		t.Fatalf("wrong type: %d %s", status, body)
	}
}
