package provider_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/seed"
)

// TestAccRegistryAudit_registryWide is the end-to-end proof of registry-wide governance:
//   - a push to a repository that does not exist, under a CREATE_ON_PUSH template, creates it
//     IMMUTABLE with the template's lifecycle policy, and the audit reports it as governed by that
//     template;
//   - a repository scanned by a registry-wide rule is not SCAN_ON_PUSH_OFF, though its own
//     scanOnPush is off;
//   - a template weaker than its repositories has the TEMPLATE_* findings;
//   - a sinceImagePulled policy is not PULL_TIME_UNPROTECTED once an exclusion is registered.
//
// It sets the registry scanning configuration, so it runs serially.
func TestAccRegistryAudit_registryWide(t *testing.T) {
	acctest.ChangesRegistry(t, "the scanning configuration")
	base := acctest.RandomName("fleet")
	pushed := base + "/pushed/app"
	t.Cleanup(func() {
		_, _ = acctest.SDK(t).DeleteRepository(context.Background(), &ecr.DeleteRepositoryInput{RepositoryName: aws.String(pushed), Force: true})
	})
	archived := base + "/archived"
	scannerRole := testAccRoleARN(acctest.RandomName("scanner"))
	governance := acctest.ProviderConfig() + fmt.Sprintf(`
resource "ecrgov_repository_creation_template" "push" {
  prefix      = %[1]q
  applied_for = ["CREATE_ON_PUSH"]
%[2]s
}

resource "ecrgov_repository_creation_template" "weak" {
  prefix               = "%[1]s/weak"
  applied_for          = ["REPLICATION"]
  image_tag_mutability = "MUTABLE"
}

resource "ecrgov_registry_scanning_configuration" "test" {
  restore_on_destroy = true
  rule {
    scan_frequency     = "SCAN_ON_PUSH"
    repository_filters = ["%[1]s/*"]
  }
}

resource "ecrgov_pull_time_update_exclusion" "scanner" {
  principal_arn = %[3]q
}
`, base, templateUntaggedRule, scannerRole)
	audit := governance + fmt.Sprintf(`
data "ecrgov_registry_audit" "test" {
  name_prefix = "%[1]s/"
}

output "weak_template_findings" {
  value = one([for t in data.ecrgov_registry_audit.test.templates : t.findings if t.prefix == "%[1]s/weak"])
}

output "push_template_findings" {
  value = one([for t in data.ecrgov_registry_audit.test.templates : t.findings if t.prefix == %[1]q])
}
`, base)
	pullTimePolicy := `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":90},"action":{"type":"transition","targetStorageClass":"archive"}}]}`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTemplateDestroy(t),
		Steps: []resource.TestStep{
			{Config: governance},
			{
				PreConfig: func() {
					ctx := context.Background()
					client := acctest.SDK(t)
					if err := seed.Put(ctx, client, pushed, "v1", seed.ImageManifest(nil)); err != nil {
						t.Fatalf("pushing to %s, which does not exist, under a CREATE_ON_PUSH template: %v", pushed, err)
					}
					acctest.CreateRepository(t, archived, "IMMUTABLE")
					if _, err := client.PutLifecyclePolicy(ctx, &ecr.PutLifecyclePolicyInput{RepositoryName: aws.String(archived), LifecyclePolicyText: aws.String(pullTimePolicy)}); err != nil {
						t.Fatal(err)
					}
				},
				Config: audit,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckAPI(auditAddr, func(ctx context.Context, _ map[string]any) error {
						repo, err := acctest.Client(t).FindRepositoryByName(ctx, pushed)
						if err != nil {
							return err
						}
						policy, err := acctest.Client(t).FindLifecyclePolicyByRepository(ctx, pushed)
						if err != nil || repo.TagMutability != "IMMUTABLE" || policy != templateUntaggedPolicy {
							return fmt.Errorf("the pushed repository is %s with policy %q (%v), want IMMUTABLE with the template's policy", repo.TagMutability, policy, err)
						}
						return nil
					}),
					statecheck.ExpectKnownValue(auditAddr, tfjsonpath.New("repositories"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"name": knownvalue.StringExact(archived), "uses_pull_time": knownvalue.Bool(true),
							"scan_on_push": knownvalue.Bool(false), "scanned": knownvalue.Bool(true), "scan_frequency": knownvalue.StringExact("SCAN_ON_PUSH"),
							"creation_template": knownvalue.StringExact(base),
							// Scanned by the registry rule; an exclusion is registered: neither
							// SCAN_ON_PUSH_OFF nor PULL_TIME_UNPROTECTED.
							"findings": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("NO_UNTAGGED_EXPIRY"), knownvalue.StringExact("AES256_NOT_KMS"), knownvalue.StringExact("KMS_AWS_MANAGED_KEY"), knownvalue.StringExact("UNSIGNED_REPOSITORY")}),
						}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"name": knownvalue.StringExact(pushed), "image_tag_mutability": knownvalue.StringExact("IMMUTABLE"),
							"has_lifecycle_policy": knownvalue.Bool(true), "expires_untagged": knownvalue.Bool(true),
							"scanned": knownvalue.Bool(true), "creation_template": knownvalue.StringExact(base),
							"findings": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("AES256_NOT_KMS"), knownvalue.StringExact("KMS_AWS_MANAGED_KEY"), knownvalue.StringExact("UNSIGNED_REPOSITORY")}),
						}),
					})),
					statecheck.ExpectKnownValue(auditAddr, tfjsonpath.New("summary"), knownvalue.MapPartial(map[string]knownvalue.Check{
						"repositories": knownvalue.Int64Exact(2), "scanned": knownvalue.Int64Exact(2), "governed_by_template": knownvalue.Int64Exact(2),
						"SCAN_ON_PUSH_OFF": knownvalue.Int64Exact(0), "PULL_TIME_UNPROTECTED": knownvalue.Int64Exact(0),
					})),
					statecheck.ExpectKnownOutputValue("weak_template_findings", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("TEMPLATE_TAGS_MUTABLE"), knownvalue.StringExact("TEMPLATE_NO_LIFECYCLE_POLICY"), knownvalue.StringExact("TEMPLATE_NO_UNTAGGED_EXPIRY"),
					})),
					statecheck.ExpectKnownOutputValue("push_template_findings", knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
		},
	})
}
