package acctest_test

// Tests of the emulator itself, against the SDK: repository creation templates, create on push
// and account settings, as scripts/moto_ecrgov.py models them (DESIGN.md, The emulator).
// Templates are registry-wide, so every test uses its own random prefix, and none creates a
// ROOT template applied for CREATE_ON_PUSH: it would let other tests' pushes create repositories.

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

const emulatorPolicy = `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}`

func createTemplate(t *testing.T, client *ecr.Client, in *ecr.CreateRepositoryCreationTemplateInput) {
	t.Helper()
	ctx := context.Background()
	if _, err := client.CreateRepositoryCreationTemplate(ctx, in); err != nil {
		t.Fatalf("creating template %s: %v", aws.ToString(in.Prefix), err)
	}
	t.Cleanup(func() {
		_, _ = client.DeleteRepositoryCreationTemplate(ctx, &ecr.DeleteRepositoryCreationTemplateInput{Prefix: in.Prefix})
	})
}

// CreateRepositoryCreationTemplate, DescribeRepositoryCreationTemplates,
// UpdateRepositoryCreationTemplate and DeleteRepositoryCreationTemplate with the API
// reference's errors: TemplateAlreadyExistsException, TemplateNotFoundException and
// InvalidParameterException for a prefix outside the model's pattern.
func TestAccEmulator_creationTemplateLifecycle(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	client := acctest.SDK(t)
	prefix := acctest.RandomName("emu")
	in := &ecr.CreateRepositoryCreationTemplateInput{
		Prefix: aws.String(prefix), AppliedFor: []types.RCTAppliedFor{types.RCTAppliedForCreateOnPush},
		ImageTagMutability: types.ImageTagMutabilityImmutableWithExclusion,
		ImageTagMutabilityExclusionFilters: []types.ImageTagMutabilityExclusionFilter{
			{FilterType: types.ImageTagMutabilityExclusionFilterTypeWildcard, Filter: aws.String("latest")},
		},
		LifecyclePolicy: aws.String(emulatorPolicy), Description: aws.String("first"),
	}
	createTemplate(t, client, in)
	if _, err := client.CreateRepositoryCreationTemplate(ctx, in); !isCode(err, "TemplateAlreadyExistsException") {
		t.Fatalf("creating it again: %v, want TemplateAlreadyExistsException", err)
	}
	got := describeTemplate(t, client, prefix)
	if got.ImageTagMutability != types.ImageTagMutabilityImmutableWithExclusion || len(got.ImageTagMutabilityExclusionFilters) != 1 ||
		aws.ToString(got.LifecyclePolicy) != emulatorPolicy || got.EncryptionConfiguration == nil ||
		got.EncryptionConfiguration.EncryptionType != types.EncryptionTypeAes256 || got.CreatedAt == nil {
		t.Fatalf("described template = %+v", got)
	}

	// A plain mode takes no filters: setting one clears them. Omitted fields are kept.
	if _, err := client.UpdateRepositoryCreationTemplate(ctx, &ecr.UpdateRepositoryCreationTemplateInput{
		Prefix: aws.String(prefix), ImageTagMutability: types.ImageTagMutabilityImmutable, Description: aws.String("second"),
	}); err != nil {
		t.Fatal(err)
	}
	got = describeTemplate(t, client, prefix)
	if got.ImageTagMutability != types.ImageTagMutabilityImmutable || got.ImageTagMutabilityExclusionFilters != nil ||
		aws.ToString(got.Description) != "second" || aws.ToString(got.LifecyclePolicy) != emulatorPolicy {
		t.Fatalf("after update = %+v", got)
	}

	if _, err := client.CreateRepositoryCreationTemplate(ctx, &ecr.CreateRepositoryCreationTemplateInput{
		Prefix: aws.String("Bad Prefix"), AppliedFor: []types.RCTAppliedFor{types.RCTAppliedForReplication},
	}); !isCode(err, "InvalidParameterException") {
		t.Fatalf("a prefix outside the pattern: %v, want InvalidParameterException", err)
	}
	if _, err := client.CreateRepositoryCreationTemplate(ctx, &ecr.CreateRepositoryCreationTemplateInput{
		Prefix: aws.String(prefix + "/x"), AppliedFor: []types.RCTAppliedFor{types.RCTAppliedForReplication},
		ImageTagMutability: types.ImageTagMutabilityImmutableWithExclusion,
	}); !isCode(err, "InvalidParameterException") {
		t.Fatalf("a _WITH_EXCLUSION mode without filters: %v, want InvalidParameterException", err)
	}

	if _, err := client.DeleteRepositoryCreationTemplate(ctx, &ecr.DeleteRepositoryCreationTemplateInput{Prefix: aws.String(prefix)}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.DeleteRepositoryCreationTemplate(ctx, &ecr.DeleteRepositoryCreationTemplateInput{Prefix: aws.String(prefix)}); !isCode(err, "TemplateNotFoundException") {
		t.Fatalf("deleting it again: %v, want TemplateNotFoundException", err)
	}
	if _, err := client.UpdateRepositoryCreationTemplate(ctx, &ecr.UpdateRepositoryCreationTemplateInput{Prefix: aws.String(prefix)}); !isCode(err, "TemplateNotFoundException") {
		t.Fatalf("updating a deleted template: %v, want TemplateNotFoundException", err)
	}
	out, err := client.DescribeRepositoryCreationTemplates(ctx, &ecr.DescribeRepositoryCreationTemplatesInput{Prefixes: []string{prefix}})
	if err != nil || len(out.RepositoryCreationTemplates) != 0 {
		t.Fatalf("describing a deleted template: %v, %+v", err, out)
	}
}

func describeTemplate(t *testing.T, client *ecr.Client, prefix string) types.RepositoryCreationTemplate {
	t.Helper()
	out, err := client.DescribeRepositoryCreationTemplates(context.Background(), &ecr.DescribeRepositoryCreationTemplatesInput{Prefixes: []string{prefix}})
	if err != nil || len(out.RepositoryCreationTemplates) != 1 {
		t.Fatalf("describing template %s: %v, %+v", prefix, err, out)
	}
	return out.RepositoryCreationTemplates[0]
}

// "When you push an image to a repository that does not yet exist", the CREATE_ON_PUSH template
// with the most specific matching prefix creates it with its settings; a template applied only
// for other scenarios creates nothing, and "When there isn't a repository creation template that
// matches the target repository for an image push, Amazon ECR will not create a repository".
func TestAccEmulator_createOnPush(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	client := acctest.SDK(t)
	base := acctest.RandomName("emu")
	createTemplate(t, client, &ecr.CreateRepositoryCreationTemplateInput{
		Prefix: aws.String(base), AppliedFor: []types.RCTAppliedFor{types.RCTAppliedForCreateOnPush},
		ImageTagMutability: types.ImageTagMutabilityMutable,
	})
	createTemplate(t, client, &ecr.CreateRepositoryCreationTemplateInput{
		Prefix: aws.String(base + "/team"), AppliedFor: []types.RCTAppliedFor{types.RCTAppliedForCreateOnPush},
		ImageTagMutability: types.ImageTagMutabilityImmutableWithExclusion,
		ImageTagMutabilityExclusionFilters: []types.ImageTagMutabilityExclusionFilter{
			{FilterType: types.ImageTagMutabilityExclusionFilterTypeWildcard, Filter: aws.String("latest")},
		},
		LifecyclePolicy: aws.String(emulatorPolicy),
		ResourceTags:    []types.Tag{{Key: aws.String("team"), Value: aws.String("payments")}},
		CustomRoleArn:   aws.String("arn:aws:iam::123456789012:role/ecr-templates"),
	})
	createTemplate(t, client, &ecr.CreateRepositoryCreationTemplateInput{
		Prefix: aws.String(base + "/cache"), AppliedFor: []types.RCTAppliedFor{types.RCTAppliedForPullThroughCache},
		ImageTagMutability: types.ImageTagMutabilityImmutable,
	})
	cleanup := func(name string) {
		t.Cleanup(func() {
			_, _ = client.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{RepositoryName: aws.String(name), Force: true})
		})
	}

	team := base + "/team/app"
	cleanup(team)
	if err := seed.Put(ctx, client, team, "v1", seed.ImageManifest(nil)); err != nil {
		t.Fatalf("pushing to %s under a CREATE_ON_PUSH template: %v", team, err)
	}
	repo := describeRepo(t, client, team)
	if repo.ImageTagMutability != types.ImageTagMutabilityImmutableWithExclusion || len(repo.ImageTagMutabilityExclusionFilters) != 1 {
		t.Fatalf("created repository = %+v, want the most specific template's mutability", repo)
	}
	policy, err := client.GetLifecyclePolicy(ctx, &ecr.GetLifecyclePolicyInput{RepositoryName: aws.String(team)})
	if err != nil || aws.ToString(policy.LifecyclePolicyText) != emulatorPolicy {
		t.Fatalf("created repository's lifecycle policy: %v, %v", err, policy)
	}
	tags, err := client.ListTagsForResource(ctx, &ecr.ListTagsForResourceInput{ResourceArn: repo.RepositoryArn})
	if err != nil || len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Value) != "payments" {
		t.Fatalf("created repository's tags: %v, %+v", err, tags)
	}

	// PutImage alone, without a layer upload first, creates it as well.
	direct := base + "/team/direct"
	cleanup(direct)
	m := seed.ImageManifest(nil)
	if _, err := client.PutImage(ctx, &ecr.PutImageInput{
		RepositoryName: aws.String(direct), ImageManifest: aws.String(string(m.Bytes)),
		ImageManifestMediaType: aws.String(m.MediaType), ImageTag: aws.String("v1"),
	}); err != nil {
		t.Fatalf("PutImage to %s under a CREATE_ON_PUSH template: %v", direct, err)
	}
	if got := describeRepo(t, client, direct).ImageTagMutability; got != types.ImageTagMutabilityImmutableWithExclusion {
		t.Fatalf("%s was created %s", direct, got)
	}

	other := base + "/other"
	cleanup(other)
	if err := seed.Put(ctx, client, other, "v1", seed.ImageManifest(nil)); err != nil {
		t.Fatal(err)
	}
	if got := describeRepo(t, client, other).ImageTagMutability; got != types.ImageTagMutabilityMutable {
		t.Fatalf("%s was created %s, want the less specific template's MUTABLE", other, got)
	}

	cached := base + "/cache/app"
	cleanup(cached)
	if err := seed.Put(ctx, client, cached, "v1", seed.ImageManifest(nil)); err != nil {
		t.Fatal(err) // base still covers it for CREATE_ON_PUSH
	}
	if got := describeRepo(t, client, cached).ImageTagMutability; got != types.ImageTagMutabilityMutable {
		t.Fatalf("%s was created %s by a template not applied for CREATE_ON_PUSH", cached, got)
	}

	nowhere := acctest.RandomName("emu") + "/app"
	if err := seed.Put(ctx, client, nowhere, "v1", seed.ImageManifest(nil)); !isCode(err, "RepositoryNotFoundException") {
		t.Fatalf("pushing where no template matches: %v, want RepositoryNotFoundException", err)
	}
}

func describeRepo(t *testing.T, client *ecr.Client, name string) types.Repository {
	t.Helper()
	out, err := client.DescribeRepositories(context.Background(), &ecr.DescribeRepositoriesInput{RepositoryNames: []string{name}})
	if err != nil || len(out.Repositories) != 1 {
		t.Fatalf("describing %s: %v", name, err)
	}
	return out.Repositories[0]
}

// GetAccountSetting answers every documented name, with its default before anyone set it;
// PutAccountSetting takes only the documented values.
func TestAccEmulator_accountSettings(t *testing.T) {
	acctest.RequiresEmulator(t, "a test of the emulator itself")
	acctest.SetupBeforeTest(t)
	ctx := context.Background()
	client := acctest.SDK(t)
	out, err := client.GetAccountSetting(ctx, &ecr.GetAccountSettingInput{Name: aws.String("BASIC_SCAN_TYPE_VERSION")})
	if err != nil || aws.ToString(out.Value) != "AWS_NATIVE" {
		t.Fatalf("BASIC_SCAN_TYPE_VERSION: %v, %+v", err, out)
	}
	if _, err := client.PutAccountSetting(ctx, &ecr.PutAccountSettingInput{Name: aws.String("BLOB_MOUNTING"), Value: aws.String("sometimes")}); !isCode(err, "InvalidParameterException") {
		t.Fatalf("an undocumented value: %v, want InvalidParameterException", err)
	}
	// "Valid values for registry policy scope: V2" (PutAccountSetting): V1 was removed.
	if _, err := client.PutAccountSetting(ctx, &ecr.PutAccountSettingInput{Name: aws.String("REGISTRY_POLICY_SCOPE"), Value: aws.String("V1")}); !isCode(err, "InvalidParameterException") {
		t.Fatalf("REGISTRY_POLICY_SCOPE V1: %v, want InvalidParameterException", err)
	}
	if _, err := client.GetAccountSetting(ctx, &ecr.GetAccountSettingInput{Name: aws.String("NO_SUCH_SETTING")}); !isCode(err, "InvalidParameterException") {
		t.Fatalf("an undocumented name: %v, want InvalidParameterException", err)
	}
}
