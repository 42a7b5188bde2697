package acctest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// PutRegistryPolicy with REGISTRY_POLICY_SCOPE V2 semantics: "Amazon ECR allows all ECR actions
// in the policy" (User Guide, "Private registry permissions"), so a pull grant is accepted, while
// a policy with a non-ECR action or one that is not a policy is InvalidParameterException.
// SetRepositoryPolicy refuses text that is not a policy the same way.
func TestAccEmulator_permissionPolicies(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	client := acctest.SDK(t)
	t.Cleanup(func() { _, _ = client.DeleteRegistryPolicy(ctx, &ecr.DeleteRegistryPolicyInput{}) })

	put := func(policy string) error {
		_, err := client.PutRegistryPolicy(ctx, &ecr.PutRegistryPolicyInput{PolicyText: aws.String(policy)})
		return err
	}
	v2 := `{"Version":"2012-10-17","Statement":[{"Sid":"Pull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},` +
		`"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer","ecr:BatchImportUpstreamImage","ecr:Describe*"],"Resource":"arn:aws:ecr:us-east-1:123456789012:repository/*"}]}`
	if err := put(v2); err != nil {
		t.Fatalf("a V2 registry policy granting pulls was refused: %v", err)
	}
	if out, err := client.GetRegistryPolicy(ctx, &ecr.GetRegistryPolicyInput{}); err != nil || aws.ToString(out.PolicyText) != v2 {
		t.Fatalf("GetRegistryPolicy: %v %v", out, err)
	}
	var invalid *types.InvalidParameterException
	for name, policy := range map[string]string{
		"a non-ECR action": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"*"}]}`,
		"not a policy":     `{"Statement":"none"}`,
	} {
		if err := put(policy); !errors.As(err, &invalid) {
			t.Errorf("PutRegistryPolicy with %s: err = %v, want InvalidParameterException", name, err)
		}
	}

	repo := acctest.RandomName("emu")
	acctest.CreateRepository(t, repo, types.ImageTagMutabilityImmutable)
	_, err := client.SetRepositoryPolicy(ctx, &ecr.SetRepositoryPolicyInput{RepositoryName: aws.String(repo), PolicyText: aws.String(`{"Statement":"none"}`)})
	if !errors.As(err, &invalid) {
		t.Errorf("SetRepositoryPolicy with a text that is not a policy: err = %v, want InvalidParameterException", err)
	}
}
