package provider_test

import (
	"fmt"
	"testing"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// TestAccCallBudget asserts the per-operation API call budget listed in DESIGN.md by driving
// each resource through the provider's protocol server, behind a counting proxy.
func TestAccCallBudget(t *testing.T) {
	acctest.SetupBeforeTest(t)
	t.Parallel()
	proxy := acctest.StartProxy(t)
	server := newProtocolServer(t, proxy.URL)
	name := acctest.RandomName("budget")

	expect := func(op string, want string) {
		t.Helper()
		if got := fmt.Sprint(proxy.AllCalls()); got != want {
			t.Errorf("%s: calls = %s, want %s", op, got, want)
		}
		proxy.Reset()
	}
	str := func(s string) tftypes.Value { return tfString(s) }
	tags := func(k, v string) tftypes.Value {
		return tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{k: str(v)})
	}

	proxy.Reset()
	repo := server.apply("ecrgov_repository", tftypes.NewValue(tftypes.Object{}, nil), map[string]tftypes.Value{"name": str(name), "tags": tags("team", "a")})
	// The plan knows the repository URL: one DescribeRegistry per run, then cached.
	expect("repository create", "map[CreateRepository:1 DescribeRegistry:1]")

	repo = server.read("ecrgov_repository", repo)
	expect("repository refresh", "map[DescribeRepositories:1 ListTagsForResource:1]")

	repo = server.apply("ecrgov_repository", repo, map[string]tftypes.Value{"name": str(name), "tags": tags("team", "a"), "image_tag_mutability": str("MUTABLE")})
	expect("repository update of one aspect", "map[PutImageTagMutability:1]")

	repo = server.apply("ecrgov_repository", repo, map[string]tftypes.Value{"name": str(name), "tags": tags("team", "b"), "image_tag_mutability": str("IMMUTABLE"), "scan_on_push": tfBool(false)})
	expect("repository update of three aspects", "map[PutImageScanningConfiguration:1 PutImageTagMutability:1 TagResource:1]")

	// A later run (a new provider process), so the repository is not one this run creates.
	server = newProtocolServer(t, proxy.URL)
	proxy.Reset()
	policyText := `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}]}`
	policyType := server.resourceType("ecrgov_lifecycle_policy")
	emptyRules := tftypes.NewValue(policyType.AttributeTypes["rule"], []tftypes.Value{})
	policy := server.apply("ecrgov_lifecycle_policy", tftypes.NewValue(tftypes.Object{}, nil), map[string]tftypes.Value{"repository": str(name), "policy": str(policyText), "rule": emptyRules})
	// The plan's impact simulation lists the (empty) repository once; the change is one call.
	expect("lifecycle policy create", "map[DescribeImages:1 PutLifecyclePolicy:1]")

	// The plan of a change refreshes first (the impact check runs in a walk that refreshed).
	policy = server.read("ecrgov_lifecycle_policy", policy)
	expect("lifecycle policy refresh", "map[GetLifecyclePolicy:1]")

	changed := `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}]}`
	policy = server.apply("ecrgov_lifecycle_policy", policy, map[string]tftypes.Value{"repository": str(name), "policy": str(changed), "rule": emptyRules})
	expect("lifecycle policy change", "map[DescribeImages:1 PutLifecyclePolicy:1]")

	server.readDataSource("ecrgov_repository", map[string]tftypes.Value{"name": str(name)})
	expect("repository data source", "map[DescribeRepositories:1 GetLifecyclePolicy:1 ListTagsForResource:1]")

	server.apply("ecrgov_lifecycle_policy", policy, nil)
	expect("lifecycle policy delete", "map[DeleteLifecyclePolicy:1]")

	other := acctest.RandomName("budget")
	acctest.CreateRepository(t, other, ecrtypes.ImageTagMutabilityMutable)
	proxy.Reset()
	overlay := server.apply("ecrgov_repository_tag_mutability", tftypes.NewValue(tftypes.Object{}, nil), map[string]tftypes.Value{"repository": str(other), "image_tag_mutability": str("IMMUTABLE")})
	expect("overlay create", "map[DescribeRepositories:1 PutImageTagMutability:1]")
	server.read("ecrgov_repository_tag_mutability", overlay)
	expect("overlay refresh", "map[DescribeRepositories:1]")

	// The delete waits until DescribeRepositories no longer lists the repository (ECR is
	// eventually consistent); the emulator answers not found at the first look.
	server.apply("ecrgov_repository", repo, nil)
	expect("repository delete", "map[DeleteRepository:1 DescribeRepositories:1]")

	templateType := server.resourceType("ecrgov_repository_creation_template")
	templateConfig := func(mode string) map[string]tftypes.Value {
		return map[string]tftypes.Value{
			"prefix":               str(name),
			"applied_for":          tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{str("CREATE_ON_PUSH")}),
			"image_tag_mutability": str(mode),
			"rule":                 tftypes.NewValue(templateType.AttributeTypes["rule"], []tftypes.Value{}),
		}
	}
	template := server.apply("ecrgov_repository_creation_template", tftypes.NewValue(tftypes.Object{}, nil), templateConfig("IMMUTABLE"))
	// The plan checks the namespace once (one page of templates); the create is one call.
	expect("template create", "map[CreateRepositoryCreationTemplate:1 DescribeRepositoryCreationTemplates:1]")
	template = server.read("ecrgov_repository_creation_template", template)
	expect("template refresh", "map[DescribeRepositoryCreationTemplates:1]")
	template = server.apply("ecrgov_repository_creation_template", template, templateConfig("MUTABLE"))
	expect("template update", "map[UpdateRepositoryCreationTemplate:1]")
	server.apply("ecrgov_repository_creation_template", template, nil)
	expect("template delete", "map[DeleteRepositoryCreationTemplate:1 DescribeRepositoryCreationTemplates:1]")
	server.readDataSource("ecrgov_repository_creation_templates", nil)
	expect("templates data source", "map[DescribeRepositoryCreationTemplates:1]")
}
