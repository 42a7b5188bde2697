package acctest_test

// Tests of the emulator itself, against the SDK: pull through cache rules and the repository a
// first pull through a rule creates, as scripts/moto_ecrgov.py models them (DESIGN.md, The
// emulator). Rules are registry-wide, so every test uses its own random prefix, and none creates
// a ROOT rule: it would let other tests' pulls of missing repositories create them.

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

const goodCredentials = `{"username":"ecrgov","accessToken":"not-a-real-token"}`

func createRule(t *testing.T, client *ecr.Client, in *ecr.CreatePullThroughCacheRuleInput) *ecr.CreatePullThroughCacheRuleOutput {
	t.Helper()
	ctx := context.Background()
	out, err := client.CreatePullThroughCacheRule(ctx, in)
	if err != nil {
		t.Fatalf("creating pull through cache rule %s: %v", aws.ToString(in.EcrRepositoryPrefix), err)
	}
	t.Cleanup(func() {
		_, _ = client.DeletePullThroughCacheRule(ctx, &ecr.DeletePullThroughCacheRuleInput{EcrRepositoryPrefix: in.EcrRepositoryPrefix})
	})
	return out
}

// CreatePullThroughCacheRule, DescribePullThroughCacheRules, UpdatePullThroughCacheRule and
// DeletePullThroughCacheRule with the API reference's errors.
func TestAccEmulator_pullThroughCacheRuleLifecycle(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	client := acctest.SDK(t)
	prefix := acctest.RandomName("p")
	secret := acctest.PullThroughCacheSecret(t, prefix, goodCredentials)
	in := &ecr.CreatePullThroughCacheRuleInput{
		EcrRepositoryPrefix: aws.String(prefix), UpstreamRegistryUrl: aws.String("registry-1.docker.io"), CredentialArn: aws.String(secret),
	}
	created := createRule(t, client, in)
	if created.UpstreamRegistry != types.UpstreamRegistryDockerHub || aws.ToString(created.UpstreamRepositoryPrefix) != "ROOT" ||
		aws.ToString(created.RegistryId) != acctest.EmulatorAccountID || created.CreatedAt == nil {
		t.Fatalf("created = %+v, want docker-hub, upstream prefix ROOT, the registry and a creation time", created)
	}
	if _, err := client.CreatePullThroughCacheRule(ctx, in); !isCode(err, "PullThroughCacheRuleAlreadyExistsException") {
		t.Fatalf("creating it again: %v, want PullThroughCacheRuleAlreadyExistsException", err)
	}

	other := acctest.PullThroughCacheSecret(t, prefix+"-2", goodCredentials)
	if _, err := client.UpdatePullThroughCacheRule(ctx, &ecr.UpdatePullThroughCacheRuleInput{
		EcrRepositoryPrefix: aws.String(prefix), CredentialArn: aws.String(other),
	}); err != nil {
		t.Fatal(err)
	}
	described, err := client.DescribePullThroughCacheRules(ctx, &ecr.DescribePullThroughCacheRulesInput{EcrRepositoryPrefixes: []string{prefix}})
	if err != nil || len(described.PullThroughCacheRules) != 1 {
		t.Fatalf("describing %s: %v, %+v", prefix, err, described)
	}
	if got := described.PullThroughCacheRules[0]; aws.ToString(got.CredentialArn) != other || got.UpdatedAt == nil ||
		aws.ToString(got.UpstreamRegistryUrl) != "registry-1.docker.io" {
		t.Fatalf("after update = %+v", got)
	}
	missingSecret := "arn:aws:secretsmanager:" + acctest.Region + ":" + acctest.EmulatorAccountID + ":secret:ecr-pullthroughcache/" + prefix + "-none"
	if _, err := client.UpdatePullThroughCacheRule(ctx, &ecr.UpdatePullThroughCacheRuleInput{
		EcrRepositoryPrefix: aws.String(prefix), CredentialArn: aws.String(missingSecret),
	}); !isCode(err, "SecretNotFoundException") {
		t.Fatalf("updating to a secret that does not exist: %v, want SecretNotFoundException", err)
	}

	if _, err := client.DeletePullThroughCacheRule(ctx, &ecr.DeletePullThroughCacheRuleInput{EcrRepositoryPrefix: aws.String(prefix)}); err != nil {
		t.Fatal(err)
	}
	for name, call := range map[string]func() error{
		"deleting": func() error {
			_, err := client.DeletePullThroughCacheRule(ctx, &ecr.DeletePullThroughCacheRuleInput{EcrRepositoryPrefix: aws.String(prefix)})
			return err
		},
		"updating": func() error {
			_, err := client.UpdatePullThroughCacheRule(ctx, &ecr.UpdatePullThroughCacheRuleInput{EcrRepositoryPrefix: aws.String(prefix), CredentialArn: aws.String(other)})
			return err
		},
		"describing": func() error {
			_, err := client.DescribePullThroughCacheRules(ctx, &ecr.DescribePullThroughCacheRulesInput{EcrRepositoryPrefixes: []string{prefix}})
			return err
		},
		"validating": func() error {
			_, err := client.ValidatePullThroughCacheRule(ctx, &ecr.ValidatePullThroughCacheRuleInput{EcrRepositoryPrefix: aws.String(prefix)})
			return err
		},
	} {
		if err := call(); !isCode(err, "PullThroughCacheRuleNotFoundException") {
			t.Errorf("%s a deleted rule: %v, want PullThroughCacheRuleNotFoundException", name, err)
		}
	}
}

// What CreatePullThroughCacheRule refuses: a URL of no supported upstream, an upstreamRegistry
// that names another upstream, an upstream that needs credentials without them, a secret that is
// not in the rule's account and Region, an upstream prefix under a ROOT rule, and (the model
// check) a prefix outside the pattern or its 2-30 length.
func TestAccEmulator_pullThroughCacheRuleRefusals(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	client := acctest.SDK(t)
	prefix := acctest.RandomName("p")
	elsewhere := "arn:aws:secretsmanager:eu-west-1:" + acctest.EmulatorAccountID + ":secret:ecr-pullthroughcache/" + prefix
	for _, tc := range []struct {
		name string
		in   ecr.CreatePullThroughCacheRuleInput
		code string
	}{
		{"unsupported upstream", ecr.CreatePullThroughCacheRuleInput{UpstreamRegistryUrl: aws.String("registry.example.com")}, "UnsupportedUpstreamRegistryException"},
		{"upstream registry mismatch", ecr.CreatePullThroughCacheRuleInput{UpstreamRegistryUrl: aws.String("quay.io"),
			UpstreamRegistry: types.UpstreamRegistryK8s}, "UnsupportedUpstreamRegistryException"},
		{"credentials missing", ecr.CreatePullThroughCacheRuleInput{UpstreamRegistryUrl: aws.String("ghcr.io")}, "InvalidParameterException"},
		{"secret in another region", ecr.CreatePullThroughCacheRuleInput{UpstreamRegistryUrl: aws.String("ghcr.io"),
			CredentialArn: aws.String(elsewhere)}, "SecretNotFoundException"},
		{"secret name without the prefix", ecr.CreatePullThroughCacheRuleInput{UpstreamRegistryUrl: aws.String("ghcr.io"),
			CredentialArn: aws.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:dockerhub-credentials-abcdef")}, "InvalidParameterException"},
		{"prefix too short", ecr.CreatePullThroughCacheRuleInput{EcrRepositoryPrefix: aws.String("a"), UpstreamRegistryUrl: aws.String("quay.io")}, "InvalidParameterException"},
		{"prefix too long", ecr.CreatePullThroughCacheRuleInput{EcrRepositoryPrefix: aws.String(prefix + "-more"), UpstreamRegistryUrl: aws.String("quay.io")}, "InvalidParameterException"},
		{"prefix with capitals", ecr.CreatePullThroughCacheRuleInput{EcrRepositoryPrefix: aws.String("Cache"), UpstreamRegistryUrl: aws.String("quay.io")}, "InvalidParameterException"},
		{"upstream prefix under ROOT", ecr.CreatePullThroughCacheRuleInput{EcrRepositoryPrefix: aws.String("ROOT"),
			UpstreamRegistryUrl: aws.String("111122223333.dkr.ecr.us-west-2.amazonaws.com"), UpstreamRepositoryPrefix: aws.String("team"),
			CustomRoleArn: aws.String("arn:aws:iam::123456789012:role/ptc")}, "InvalidParameterException"},
	} {
		in := tc.in
		if in.EcrRepositoryPrefix == nil {
			in.EcrRepositoryPrefix = aws.String(prefix)
		}
		if _, err := client.CreatePullThroughCacheRule(ctx, &in); !isCode(err, tc.code) {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
			_, _ = client.DeletePullThroughCacheRule(ctx, &ecr.DeletePullThroughCacheRuleInput{EcrRepositoryPrefix: in.EcrRepositoryPrefix})
		}
	}
	out, err := client.DescribePullThroughCacheRules(ctx, &ecr.DescribePullThroughCacheRulesInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range out.PullThroughCacheRules {
		if aws.ToString(r.EcrRepositoryPrefix) == prefix || aws.ToString(r.EcrRepositoryPrefix) == "ROOT" {
			t.Fatalf("a refused create left rule %s", aws.ToString(r.EcrRepositoryPrefix))
		}
	}
}

// ValidatePullThroughCacheRule: valid for a known upstream with a good secret; otherwise isValid
// false with the cause: an unknown host (the emulator knows the documented public hosts and ECR
// registries in real regions, not anyone's Azure registry), a secret without a username and an
// accessToken, and an ECR upstream in another account without a custom role.
func TestAccEmulator_pullThroughCacheRuleValidation(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	client := acctest.SDK(t)
	base := acctest.RandomName("v")
	good := acctest.PullThroughCacheSecret(t, base+"-good", goodCredentials)
	bad := acctest.PullThroughCacheSecret(t, base+"-bad", `{"user":"ecrgov"}`)
	for i, tc := range []struct {
		name    string
		in      ecr.CreatePullThroughCacheRuleInput
		failure string // "" for valid
	}{
		{"quay", ecr.CreatePullThroughCacheRuleInput{UpstreamRegistryUrl: aws.String("quay.io")}, ""},
		{"docker hub", ecr.CreatePullThroughCacheRuleInput{UpstreamRegistryUrl: aws.String("registry-1.docker.io"), CredentialArn: aws.String(good)}, ""},
		{"own ecr", ecr.CreatePullThroughCacheRuleInput{UpstreamRegistryUrl: aws.String(acctest.EmulatorAccountID + ".dkr.ecr.eu-west-1.amazonaws.com")}, ""},
		{"unknown azure", ecr.CreatePullThroughCacheRuleInput{UpstreamRegistryUrl: aws.String("nosuchregistry.azurecr.io"), CredentialArn: aws.String(good)},
			"Unable to reach the upstream registry nosuchregistry.azurecr.io: the host is unknown"},
		{"unknown region", ecr.CreatePullThroughCacheRuleInput{UpstreamRegistryUrl: aws.String(acctest.EmulatorAccountID + ".dkr.ecr.xx-nowhere-9.amazonaws.com")},
			"Unable to reach the upstream registry " + acctest.EmulatorAccountID + ".dkr.ecr.xx-nowhere-9.amazonaws.com: the host is unknown"},
		{"bad secret", ecr.CreatePullThroughCacheRuleInput{UpstreamRegistryUrl: aws.String("ghcr.io"), CredentialArn: aws.String(bad)},
			"The secret " + bad + " does not hold a username and an accessToken"},
		{"other account", ecr.CreatePullThroughCacheRuleInput{UpstreamRegistryUrl: aws.String("111122223333.dkr.ecr.us-west-2.amazonaws.com")},
			"Unable to authenticate to the upstream registry 111122223333.dkr.ecr.us-west-2.amazonaws.com: a registry in another account needs a customRoleArn"},
		{"other account with role", ecr.CreatePullThroughCacheRuleInput{UpstreamRegistryUrl: aws.String("111122223333.dkr.ecr.us-west-2.amazonaws.com"),
			CustomRoleArn: aws.String("arn:aws:iam::123456789012:role/ptc")}, ""},
	} {
		in := tc.in
		in.EcrRepositoryPrefix = aws.String(fmt.Sprintf("%s-%d", base, i))
		createRule(t, client, &in)
		out, err := client.ValidatePullThroughCacheRule(ctx, &ecr.ValidatePullThroughCacheRuleInput{EcrRepositoryPrefix: in.EcrRepositoryPrefix})
		if err != nil {
			t.Fatalf("%s: validating: %v", tc.name, err)
		}
		if out.IsValid != (tc.failure == "") || aws.ToString(out.Failure) != tc.failure {
			t.Errorf("%s: isValid %v, failure %q; want failure %q", tc.name, out.IsValid, aws.ToString(out.Failure), tc.failure)
		}
		if aws.ToString(out.UpstreamRegistryUrl) != aws.ToString(in.UpstreamRegistryUrl) || aws.ToString(out.EcrRepositoryPrefix) != aws.ToString(in.EcrRepositoryPrefix) {
			t.Errorf("%s: validation answered %+v", tc.name, out)
		}
	}
}

// A pull of <prefix>/<upstream repository> that does not exist creates the repository: with the
// most specific PULL_THROUGH_CACHE template's settings, with ECR's defaults without one, and not
// at all outside every rule's prefix (RepositoryNotFoundException, as before).
func TestAccEmulator_createOnPull(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	client := acctest.SDK(t)
	governed := acctest.RandomName("g")
	ungoverned := acctest.RandomName("u")
	createRule(t, client, &ecr.CreatePullThroughCacheRuleInput{EcrRepositoryPrefix: aws.String(governed), UpstreamRegistryUrl: aws.String("quay.io")})
	createRule(t, client, &ecr.CreatePullThroughCacheRuleInput{EcrRepositoryPrefix: aws.String(ungoverned), UpstreamRegistryUrl: aws.String("public.ecr.aws")})
	createTemplate(t, client, &ecr.CreateRepositoryCreationTemplateInput{
		Prefix: aws.String(governed), AppliedFor: []types.RCTAppliedFor{types.RCTAppliedForPullThroughCache},
		ImageTagMutability: types.ImageTagMutabilityImmutableWithExclusion,
		ImageTagMutabilityExclusionFilters: []types.ImageTagMutabilityExclusionFilter{
			{FilterType: types.ImageTagMutabilityExclusionFilterTypeWildcard, Filter: aws.String("latest")},
		},
		LifecyclePolicy: aws.String(emulatorPolicy),
	})
	// A CREATE_ON_PUSH template for the other prefix does not govern pulls.
	createTemplate(t, client, &ecr.CreateRepositoryCreationTemplateInput{
		Prefix: aws.String(ungoverned), AppliedFor: []types.RCTAppliedFor{types.RCTAppliedForCreateOnPush},
		ImageTagMutability: types.ImageTagMutabilityImmutable,
	})
	pull := func(name string) (*ecr.BatchGetImageOutput, error) {
		t.Cleanup(func() {
			_, _ = client.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{RepositoryName: aws.String(name), Force: true})
		})
		return client.BatchGetImage(ctx, &ecr.BatchGetImageInput{RepositoryName: aws.String(name), ImageIds: []types.ImageIdentifier{{ImageTag: aws.String("1.27")}}})
	}

	name := governed + "/library/nginx"
	out, err := pull(name)
	if err != nil {
		t.Fatalf("pulling %s through a rule: %v", name, err)
	}
	if len(out.Images) != 0 || len(out.Failures) != 1 {
		t.Fatalf("the emulator holds no upstream content, so the image is a failure: %+v", out)
	}
	repo := describeRepo(t, client, name)
	if repo.ImageTagMutability != types.ImageTagMutabilityImmutableWithExclusion || len(repo.ImageTagMutabilityExclusionFilters) != 1 {
		t.Fatalf("%s = %+v, want the PULL_THROUGH_CACHE template's mutability", name, repo)
	}
	if policy, err := client.GetLifecyclePolicy(ctx, &ecr.GetLifecyclePolicyInput{RepositoryName: aws.String(name)}); err != nil ||
		aws.ToString(policy.LifecyclePolicyText) != emulatorPolicy {
		t.Fatalf("%s's lifecycle policy: %v, %+v", name, err, policy)
	}

	plain := ungoverned + "/nginx"
	if _, err := pull(plain); err != nil {
		t.Fatalf("pulling %s through a rule without a template: %v", plain, err)
	}
	if got := describeRepo(t, client, plain); got.ImageTagMutability != types.ImageTagMutabilityMutable ||
		got.EncryptionConfiguration == nil || got.EncryptionConfiguration.EncryptionType != types.EncryptionTypeAes256 {
		t.Fatalf("%s = %+v, want ECR's defaults (MUTABLE, AES256)", plain, got)
	}
	if _, err := client.GetLifecyclePolicy(ctx, &ecr.GetLifecyclePolicyInput{RepositoryName: aws.String(plain)}); !isCode(err, "LifecyclePolicyNotFoundException") {
		t.Fatalf("%s has a lifecycle policy: %v", plain, err)
	}

	nowhere := acctest.RandomName("n") + "/nginx"
	if _, err := pull(nowhere); !isCode(err, "RepositoryNotFoundException") {
		t.Fatalf("pulling outside every rule: %v, want RepositoryNotFoundException", err)
	}
}
