package provider_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

const ptcAddr = "ecrgov_pull_through_cache_rule.test"

const ptcCredentials = `{"username":"ecrgov","accessToken":"not-a-real-token"}`

// testAccPullThroughCacheRuleConfig is a rule and, with template, the PULL_THROUGH_CACHE
// template that governs it, which the rule depends on.
func testAccPullThroughCacheRuleConfig(prefix, url, body string, template bool) string {
	cfg := acctest.ProviderConfig()
	dependsOn := ""
	if template {
		cfg += fmt.Sprintf(`
resource "ecrgov_repository_creation_template" "cache" {
  prefix               = %[1]q
  applied_for          = ["PULL_THROUGH_CACHE"]
  image_tag_mutability = "MUTABLE"
}
`, prefix)
		dependsOn = "depends_on = [ecrgov_repository_creation_template.cache]"
	}
	return cfg + fmt.Sprintf(`
resource "ecrgov_pull_through_cache_rule" "test" {
  ecr_repository_prefix = %[1]q
  upstream_registry_url = %[2]q
%[3]s
  %[4]s
}
`, prefix, url, body, dependsOn)
}

func findPullThroughCacheRule(t *testing.T, prefix string) (*ecrapi.PullThroughCacheRule, error) {
	return acctest.Client(t).FindPullThroughCacheRuleByPrefix(context.Background(), prefix)
}

func testAccCheckPullThroughCacheRuleAPI(t *testing.T, check func(*ecrapi.PullThroughCacheRule) error) statecheck.StateCheck {
	return acctest.CheckAPI(ptcAddr, func(_ context.Context, attrs map[string]any) error {
		got, err := findPullThroughCacheRule(t, acctest.Attr(attrs, "ecr_repository_prefix"))
		if err != nil {
			return err
		}
		return check(got)
	})
}

func testAccCheckPullThroughCacheRuleDestroy(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "ecrgov_pull_through_cache_rule" {
				continue
			}
			_, err := findPullThroughCacheRule(t, rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("pull through cache rule %s still exists", rs.Primary.ID)
			}
			if !ecrapi.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

// basic: a Docker Hub rule with its secret and a governing template; ECR reports the upstream
// registry as planned; a first pull through it creates a repository with the template's
// settings; import by prefix.
func TestAccPullThroughCacheRule_basic(t *testing.T) {
	acctest.RequiresEmulator(t, "pulls through a rule create repositories only in the emulator without an upstream")
	prefix := acctest.RandomName("ptc")
	secret := acctest.PullThroughCacheSecret(t, prefix, ptcCredentials)
	cfg := testAccPullThroughCacheRuleConfig(prefix, "registry-1.docker.io", fmt.Sprintf("credential_arn = %q", secret), true)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckPullThroughCacheRuleDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(ptcAddr, tfjsonPath("upstream_registry"), knownvalue.StringExact("docker-hub")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ptcAddr, tfjsonPath("upstream_registry"), knownvalue.StringExact("docker-hub")),
					statecheck.ExpectKnownValue(ptcAddr, tfjsonPath("registry_id"), knownvalue.StringExact(acctest.AccountID())),
					statecheck.ExpectKnownValue(ptcAddr, tfjsonPath("upstream_repository_prefix"), knownvalue.StringExact("ROOT")),
					testAccCheckPullThroughCacheRuleAPI(t, func(got *ecrapi.PullThroughCacheRule) error {
						if got.UpstreamURL != "registry-1.docker.io" || got.CredentialARN != secret || got.UpstreamRegistry != "docker-hub" {
							return fmt.Errorf("rule in ECR = %+v", got)
						}
						return nil
					}),
					acctest.CheckAPI(ptcAddr, func(ctx context.Context, _ map[string]any) error {
						// A first pull creates the repository, governed by the template (MUTABLE here,
						// where ECR's default for the repository would be too; the template is proved
						// by its tags being what it says and by the emulator tests).
						name := prefix + "/library/nginx"
						client := acctest.SDK(t)
						t.Cleanup(func() {
							_, _ = client.DeleteRepository(context.Background(), &ecr.DeleteRepositoryInput{RepositoryName: aws.String(name), Force: true})
						})
						if _, err := client.BatchGetImage(ctx, &ecr.BatchGetImageInput{RepositoryName: aws.String(name),
							ImageIds: []types.ImageIdentifier{{ImageTag: aws.String("1.27")}}}); err != nil {
							return fmt.Errorf("pulling through the rule: %w", err)
						}
						_, err := acctest.Client(t).FindRepositoryByName(ctx, name)
						return err
					}),
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				ResourceName: ptcAddr, ImportState: true, ImportStateId: prefix, ImportStateVerify: true,
				ImportStateVerifyIdentifierAttribute: "id",
			},
			{
				// An import block plans the import alone: nothing to change.
				ResourceName: ptcAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: prefix,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ptcAddr, plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}

// update: credential_arn changes in place with one UpdatePullThroughCacheRule; the URL replaces.
func TestAccPullThroughCacheRule_update(t *testing.T) {
	prefix := acctest.RandomName("ptc")
	first := acctest.PullThroughCacheSecret(t, prefix+"-1", ptcCredentials)
	second := acctest.PullThroughCacheSecret(t, prefix+"-2", ptcCredentials)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckPullThroughCacheRuleDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccPullThroughCacheRuleConfig(prefix, "ghcr.io", fmt.Sprintf("credential_arn = %q\nrequire_creation_template = true", first), true)},
			{
				Config: testAccPullThroughCacheRuleConfig(prefix, "ghcr.io", fmt.Sprintf("credential_arn = %q\nrequire_creation_template = true", second), true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ptcAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckPullThroughCacheRuleAPI(t, func(got *ecrapi.PullThroughCacheRule) error {
						if got.CredentialARN != second || got.UpstreamURL != "ghcr.io" {
							return fmt.Errorf("rule in ECR after update = %+v", got)
						}
						return nil
					}),
				},
			},
			{
				Config: testAccPullThroughCacheRuleConfig(prefix, "registry-1.docker.io", fmt.Sprintf("credential_arn = %q\nrequire_creation_template = true", second), true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ptcAddr, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectKnownValue(ptcAddr, tfjsonPath("upstream_registry"), knownvalue.StringExact("docker-hub")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckPullThroughCacheRuleAPI(t, func(got *ecrapi.PullThroughCacheRule) error {
						if got.UpstreamURL != "registry-1.docker.io" || got.UpstreamRegistry != "docker-hub" {
							return fmt.Errorf("rule in ECR after replacement = %+v", got)
						}
						return nil
					}),
				},
			},
		},
	})
}

// Drift: a credential changed outside Terraform is put back in place; a rule deleted outside
// Terraform is created again.
func TestAccPullThroughCacheRule_driftAndDisappears(t *testing.T) {
	prefix := acctest.RandomName("ptc")
	mine := acctest.PullThroughCacheSecret(t, prefix+"-1", ptcCredentials)
	theirs := acctest.PullThroughCacheSecret(t, prefix+"-2", ptcCredentials)
	cfg := testAccPullThroughCacheRuleConfig(prefix, "registry.gitlab.com", fmt.Sprintf("credential_arn = %q", mine), true)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckPullThroughCacheRuleDestroy(t),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					if err := acctest.Client(t).UpdatePullThroughCacheRule(context.Background(), prefix, theirs, ""); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ptcAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckPullThroughCacheRuleAPI(t, func(got *ecrapi.PullThroughCacheRule) error {
						if got.CredentialARN != mine {
							return fmt.Errorf("rule in ECR after putting it back = %+v", got)
						}
						return nil
					}),
				},
			},
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					return acctest.Client(t).DeletePullThroughCacheRule(context.Background(), prefix)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ptcAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{testAccCheckPullThroughCacheRuleAPI(t, func(*ecrapi.PullThroughCacheRule) error { return nil })},
			},
		},
	})
}

// Bad input fails at plan, on the attribute to fix, and nothing is created.
func TestAccPullThroughCacheRule_badInput(t *testing.T) {
	prefix := acctest.RandomName("ptc")
	otherRegion := "arn:aws:secretsmanager:eu-west-1:" + acctest.AccountID() + ":secret:ecr-pullthroughcache/" + prefix
	for _, tc := range []struct {
		name, prefix, url, body, wantErr string
		template                         bool
	}{
		{"prefix too short", "a", "quay.io", "", "a pull through cache prefix has 2 to 30", true},
		{"trailing slash", prefix + "/", "quay.io", "", `ECR appends the "/" itself`, true},
		{"unsupported upstream", prefix, "registry.example.com", "", "is not an upstream registry ECR supports", true},
		{"docker hub without credentials", prefix, "registry-1.docker.io", "", "credential_arn is required for docker-hub", true},
		{"secret without the prefix", prefix, "ghcr.io",
			`credential_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dockerhub-AbCdEf"`, "does not begin with ecr-pullthroughcache/", true},
		{"secret in another region", prefix, "ghcr.io", fmt.Sprintf("credential_arn = %q", otherRegion), "The secret is in another account or Region", true},
		{"other account's ECR without a role", prefix, "111122223333.dkr.ecr.us-west-2.amazonaws.com", "",
			"custom_role_arn is required for an ECR upstream in another account", true},
		{"upstream prefix under ROOT", "ROOT", acctest.AccountID() + ".dkr.ecr.us-west-2.amazonaws.com", `upstream_repository_prefix = "team"`,
			"upstream_repository_prefix needs a namespace prefix", false},
		{"no template when one is required", prefix, "quay.io", "require_creation_template = true",
			"No creation template governs the repositories this rule creates", false},
	} {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             testAccCheckPullThroughCacheRuleDestroy(t),
				Steps: []resource.TestStep{{
					Config:      testAccPullThroughCacheRuleConfig(tc.prefix, tc.url, tc.body, tc.template && !strings.HasSuffix(tc.prefix, "/") && tc.prefix != "a"),
					PlanOnly:    true,
					ExpectError: errorText(tc.wantErr),
				}},
			})
			if _, err := findPullThroughCacheRule(t, strings.TrimSuffix(tc.prefix, "/")); !ecrapi.IsNotFound(err) && tc.prefix != "a" {
				t.Fatalf("a rejected configuration left a rule behind: %v", err)
			}
		})
	}
}

// A rule no PULL_THROUGH_CACHE template covers warns at plan, once, on ecr_repository_prefix;
// a template planned in the same walk, or one that exists, silences it.
func TestAccPullThroughCacheRule_ungovernedWarning(t *testing.T) {
	acctest.SetupBeforeTest(t)
	t.Parallel()
	const summary = "No creation template governs the repositories this rule creates"
	base := acctest.RandomName("p")
	nested := base + "/x"
	s := newProtocolServer(t, acctest.Endpoint())
	const typeName = "ecrgov_pull_through_cache_rule"
	none := tftypes.NewValue(s.resourceType(typeName), nil)
	config := map[string]tftypes.Value{"ecr_repository_prefix": tfString(nested), "upstream_registry_url": tfString("quay.io")}
	if text := validateResource(t, typeName, config); strings.Contains(text, summary) {
		t.Errorf("ValidateResourceConfig warns (%q): Terraform would show it twice", text)
	}
	plan := s.planChange(typeName, none, config)
	if n := countWarnings(plan.Diagnostics, summary); n != 1 {
		t.Fatalf("the plan gives %d warnings %q (%s), want 1", n, summary, diagnosticsText(plan.Diagnostics))
	}
	for _, d := range plan.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("the warning came with an error: %s", diagnosticsText(plan.Diagnostics))
		}
	}

	// A push template does not govern a cache; a PULL_THROUGH_CACHE template above the prefix does.
	client := acctest.Client(t)
	ctx := context.Background()
	for i, spec := range []ecrapi.CreationTemplateSpec{
		{Prefix: nested, AppliedFor: []string{"CREATE_ON_PUSH"}, TagMutability: "MUTABLE"},
		{Prefix: base, AppliedFor: []string{"PULL_THROUGH_CACHE"}, TagMutability: "MUTABLE"},
	} {
		if _, err := client.CreateCreationTemplate(ctx, spec); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = client.DeleteCreationTemplate(context.Background(), spec.Prefix) })
		text := diagnosticsText(s.planChange(typeName, none, config).Diagnostics)
		if governed := i == 1; governed == strings.Contains(text, summary) {
			t.Errorf("with a %s template at %s: %q", spec.AppliedFor[0], spec.Prefix, text)
		}
	}
}

// A rule whose validation fails after create is kept, in ECR and in state: the apply succeeds with
// a warning that carries ECR's reason.
func TestAccPullThroughCacheRule_validationFailureKeepsRule(t *testing.T) {
	acctest.RequiresEmulator(t, "the emulator's unknown upstream host")
	acctest.SetupBeforeTest(t)
	t.Parallel()
	prefix := acctest.RandomName("ptc")
	secret := acctest.PullThroughCacheSecret(t, prefix, ptcCredentials)
	s := newProtocolServer(t, acctest.Endpoint())
	const typeName = "ecrgov_pull_through_cache_rule"
	typ := s.resourceType(typeName)
	config := map[string]tftypes.Value{
		"ecr_repository_prefix": tfString(prefix), "upstream_registry_url": tfString("nosuchregistry.azurecr.io"),
		"credential_arn": tfString(secret),
	}
	plan := s.planChange(typeName, tftypes.NewValue(typ, nil), config)
	resp, err := s.server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName: typeName, PriorState: nullDynamicValue(t, typ), PlannedState: plan.PlannedState, Config: dynamicValue(t, typ, config),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = acctest.Client(t).DeletePullThroughCacheRule(context.Background(), prefix) })
	text := diagnosticsText(resp.Diagnostics)
	if countWarnings(resp.Diagnostics, "does not work yet") != 1 || !strings.Contains(text, "Unable to reach the upstream registry nosuchregistry.azurecr.io") {
		t.Fatalf("apply diagnostics = %q, want one warning with ECR's reason", text)
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("a failed validation is an error: %s", text)
		}
	}
	state, err := resp.NewState.Unmarshal(typ)
	if err != nil || state.IsNull() {
		t.Fatalf("the rule is not in state: %v", err)
	}
	if _, err := findPullThroughCacheRule(t, prefix); err != nil {
		t.Fatalf("the rule is not in ECR: %v", err)
	}
}

// A CreatePullThroughCacheRule whose answer is lost is retried and meets
// PullThroughCacheRuleAlreadyExistsException: the rule is this call's own, so it is recorded;
// a rule someone else made for the prefix is refused with the import command.
func TestAccPullThroughCacheRule_lostCreateResponseAndForeignRule(t *testing.T) {
	prefix, taken := acctest.RandomName("ptc"), acctest.RandomName("ptc")
	client := acctest.Client(t)
	if _, err := client.CreatePullThroughCacheRule(context.Background(), ecrapi.PullThroughCacheRuleSpec{Prefix: taken, UpstreamURL: "quay.io"}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.DeletePullThroughCacheRule(context.Background(), taken) })
	proxy := acctest.StartProxy(t)
	rule := func(name, prefix string) string {
		return fmt.Sprintf(`
resource "ecrgov_pull_through_cache_rule" %[1]q {
  ecr_repository_prefix = %[2]q
  upstream_registry_url = "quay.io"
}
`, name, prefix)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckPullThroughCacheRuleDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:      proxy.ProviderConfigWith("") + rule("foreign", taken),
				ExpectError: errorText("It already exists and was not created by this apply"),
			},
			{
				PreConfig: func() { proxy.LoseResponses("CreatePullThroughCacheRule", 1) },
				Config:    proxy.ProviderConfigWith("") + rule("test", prefix),
				ConfigStateChecks: []statecheck.StateCheck{
					testAccCheckPullThroughCacheRuleAPI(t, func(*ecrapi.PullThroughCacheRule) error {
						if n := proxy.Calls("CreatePullThroughCacheRule"); n != 3 {
							return fmt.Errorf("CreatePullThroughCacheRule calls = %d, want 3 (one answer lost, one refused)", n)
						}
						return nil
					}),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
	if _, err := findPullThroughCacheRule(t, taken); err != nil {
		t.Fatalf("the foreign rule was touched: %v", err)
	}
}
