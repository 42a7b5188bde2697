package provider_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// The list resources through the provider's protocol-6 server, in process, as `terraform query`
// drives them (Terraform 1.14+): the ListResource stream's display names, identities and
// resource objects, the limit, and the filter's validation. They run with the Terraform the
// README names, since no Terraform is involved.

type listed struct {
	display  string
	identity map[string]tftypes.Value
	resource map[string]tftypes.Value
	diags    string
}

// listServer is the provider server's list resource RPCs (terraform-plugin-go keeps them out of
// ProviderServer while they are new).
func (s *protocolServer) listServer() tfprotov6.ListResourceServer {
	s.t.Helper()
	ls, ok := s.server.(tfprotov6.ListResourceServer)
	if !ok {
		s.t.Fatalf("the provider server %T does not serve list resources", s.server)
	}
	return ls
}

func (s *protocolServer) list(typeName string, filter map[string]tftypes.Value, include bool, limit int64) []listed {
	s.t.Helper()
	ctx := context.Background()
	cfgType := objectType(s.t, s.schemas.ListResourceSchemas[typeName])
	stream, err := s.listServer().ListResource(ctx, &tfprotov6.ListResourceRequest{
		TypeName: typeName, Config: dynamicValue(s.t, cfgType, filter), IncludeResource: include, Limit: limit,
	})
	if err != nil {
		s.t.Fatalf("listing %s: %v", typeName, err)
	}
	identities, err := s.server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		s.t.Fatal(err)
	}
	idType := identities.IdentitySchemas[typeName].ValueType()
	var out []listed
	for r := range stream.Results {
		l := listed{display: r.DisplayName, diags: diagnosticsText(r.Diagnostics)}
		if r.Identity != nil {
			v, err := r.Identity.IdentityData.Unmarshal(idType)
			if err != nil {
				s.t.Fatal(err)
			}
			_ = v.As(&l.identity)
		}
		if r.Resource != nil {
			v, err := r.Resource.Unmarshal(s.resourceType(typeName))
			if err != nil {
				s.t.Fatal(err)
			}
			_ = v.As(&l.resource)
		}
		out = append(out, l)
	}
	return out
}

func TestAccListResources(t *testing.T) {
	acctest.SetupBeforeTest(t)
	t.Parallel()
	base := acctest.RandomName("list")
	loose, governed := base+"/loose", base+"/governed"
	acctest.CreateRepository(t, loose, "MUTABLE")
	acctest.CreateRepository(t, governed, "IMMUTABLE_WITH_EXCLUSION", "latest")
	policy := `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}`
	if err := acctest.Client(t).PutLifecyclePolicy(context.Background(), governed, policy); err != nil {
		t.Fatal(err)
	}
	s := newProtocolServer(t, acctest.Endpoint())
	prefix := map[string]tftypes.Value{"name_prefix": tfString(base + "/")}

	repos := s.list("ecrgov_repository", prefix, true, 0)
	if len(repos) != 2 || repos[0].display != governed || repos[1].display != loose {
		t.Fatalf("ecrgov_repository listed %+v, want %s and %s in order", repos, governed, loose)
	}
	if name := stringOf(t, repos[1].identity["name"]); name != loose || repos[1].diags != "" {
		t.Fatalf("identity = %q, diagnostics %q", name, repos[1].diags)
	}
	if mode := stringOf(t, repos[1].resource["image_tag_mutability"]); mode != "MUTABLE" || stringOf(t, repos[1].resource["id"]) != loose {
		t.Fatalf("listed resource = %v", repos[1].resource)
	}

	if without := s.list("ecrgov_repository", prefix, false, 0); without[0].resource != nil {
		t.Fatalf("without include_resource the resource was set: %v", without[0].resource)
	}
	if one := s.list("ecrgov_repository", prefix, false, 1); len(one) != 1 {
		t.Fatalf("limit 1 listed %d", len(one))
	}
	if pattern := s.list("ecrgov_repository", map[string]tftypes.Value{"name_pattern": tfString(base + "/gov*")}, false, 0); len(pattern) != 1 || pattern[0].display != governed {
		t.Fatalf("name_pattern listed %+v", pattern)
	}

	overlays := s.list("ecrgov_repository_tag_mutability", prefix, true, 0)
	if len(overlays) != 2 || overlays[1].display != loose+" (MUTABLE)" || stringOf(t, overlays[1].identity["repository"]) != loose ||
		stringOf(t, overlays[1].resource["previous_image_tag_mutability"]) != "MUTABLE" {
		t.Fatalf("ecrgov_repository_tag_mutability listed %+v", overlays)
	}

	policies := s.list("ecrgov_lifecycle_policy", prefix, true, 0)
	if len(policies) != 1 || policies[0].display != governed || stringOf(t, policies[0].resource["policy_json"]) != policy {
		t.Fatalf("ecrgov_lifecycle_policy listed %+v, want only %s", policies, governed)
	}
	var rules []tftypes.Value
	if err := policies[0].resource["rule"].As(&rules); err != nil || len(rules) != 1 || !policies[0].resource["policy"].IsNull() {
		t.Fatalf("the listed policy is not in typed rule blocks: %v (%v)", policies[0].resource, err)
	}

	// Only repositories with a permissions policy are listed as ecrgov_repository_policy, with
	// the policy's findings.
	if err := acctest.Client(t).SetRepositoryPolicy(context.Background(), loose, publicPull, false); err != nil {
		t.Fatal(err)
	}
	access := s.list("ecrgov_repository_policy", prefix, true, 0)
	if len(access) != 1 || access[0].display != loose || stringOf(t, access[0].identity["repository"]) != loose ||
		!strings.Contains(access[0].resource["findings"].String(), "PUBLIC_POLICY") {
		t.Fatalf("ecrgov_repository_policy listed %+v, want only %s with a PUBLIC_POLICY finding", access, loose)
	}

	// Pull through cache rules are listed by prefix, with the rule as ECR reports it.
	cache := base[:len(base)-4] + "c"
	if _, err := acctest.Client(t).CreatePullThroughCacheRule(context.Background(), ecrapi.PullThroughCacheRuleSpec{Prefix: cache, UpstreamURL: "quay.io"}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = acctest.Client(t).DeletePullThroughCacheRule(context.Background(), cache) })
	caches := s.list("ecrgov_pull_through_cache_rule", map[string]tftypes.Value{"prefix_starts_with": tfString(cache)}, true, 0)
	if len(caches) != 1 || caches[0].display != cache+" ← quay.io" || stringOf(t, caches[0].identity["ecr_repository_prefix"]) != cache ||
		stringOf(t, caches[0].resource["upstream_registry"]) != "quay" || stringOf(t, caches[0].resource["upstream_repository_prefix"]) != "ROOT" {
		t.Fatalf("ecrgov_pull_through_cache_rule listed %+v", caches)
	}

	// The filter is validated before anything is listed.
	resp, err := s.listServer().ValidateListResourceConfig(context.Background(), &tfprotov6.ValidateListResourceConfigRequest{
		TypeName: "ecrgov_repository",
		Config: dynamicValue(t, objectType(t, s.schemas.ListResourceSchemas["ecrgov_repository"]),
			map[string]tftypes.Value{"name_prefix": tfString("team/"), "name_pattern": tfString("team/*")}),
	})
	if err != nil || !strings.Contains(diagnosticsText(resp.Diagnostics), "cannot be specified when") {
		t.Fatalf("conflicting filters: %v %q", err, diagnosticsText(resp.Diagnostics))
	}
}

// An import block with identity = { name = ... } imports as the ID would (Terraform 1.12+).
func TestAccResourceIdentity_import(t *testing.T) {
	acctest.SetupBeforeTest(t)
	t.Parallel()
	repo := acctest.RandomName("ident")
	acctest.CreateRepository(t, repo, "IMMUTABLE")
	acctest.SeedImage(t, repo, "v1") // the image tag's identity names it
	s := newProtocolServer(t, acctest.Endpoint())
	ctx := context.Background()
	scanner := "arn:aws:iam::" + acctest.AccountID() + ":role/scanner"
	identities, err := s.server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		typeName string
		identity map[string]tftypes.Value
		attr     string
		want     string
	}{
		{"ecrgov_repository", map[string]tftypes.Value{"name": tfString(repo)}, "name", repo},
		{"ecrgov_repository_tag_mutability", map[string]tftypes.Value{"repository": tfString(repo)}, "repository", repo},
		{"ecrgov_lifecycle_policy", map[string]tftypes.Value{"repository": tfString(repo)}, "repository", repo},
		{"ecrgov_image_tag", map[string]tftypes.Value{"repository": tfString(repo), "tag": tfString("v1")}, "id", repo + ":v1"},
		{"ecrgov_repository_policy", map[string]tftypes.Value{"repository": tfString(repo)}, "repository", repo},
		{"ecrgov_registry_policy", map[string]tftypes.Value{"registry_id": tfString(acctest.AccountID())}, "id", acctest.AccountID()},
		{"ecrgov_registry_scanning_configuration", map[string]tftypes.Value{"registry_id": tfString(acctest.AccountID())}, "id", acctest.AccountID()},
		{"ecrgov_signing_configuration", map[string]tftypes.Value{"registry_id": tfString(acctest.AccountID())}, "id", acctest.AccountID()},
		{"ecrgov_account_setting", map[string]tftypes.Value{"name": tfString("BLOB_MOUNTING")}, "name", "BLOB_MOUNTING"},
		{"ecrgov_repository_creation_template", map[string]tftypes.Value{"prefix": tfString(repo)}, "prefix", repo},
		{"ecrgov_pull_time_update_exclusion", map[string]tftypes.Value{"principal_arn": tfString(scanner)}, "principal_arn", scanner},
		{"ecrgov_pull_through_cache_rule", map[string]tftypes.Value{"ecr_repository_prefix": tfString("docker-hub")}, "ecr_repository_prefix", "docker-hub"},
		{"ecrgov_replication_rule", map[string]tftypes.Value{"destinations": tfString("us-west-2/" + acctest.AccountID()), "repository_filters": tfString(repo + "/")},
			"id", "us-west-2/" + acctest.AccountID() + ":" + repo + "/"},
	} {
		if identities.IdentitySchemas[tc.typeName] == nil {
			t.Fatalf("%s has no identity schema", tc.typeName)
		}
		idType := identities.IdentitySchemas[tc.typeName].ValueType()
		dv, err := tfprotov6.NewDynamicValue(idType, tftypes.NewValue(idType, tc.identity))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := s.server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: tc.typeName, Identity: &tfprotov6.ResourceIdentityData{IdentityData: &dv}})
		s.check("importing "+tc.typeName+" by identity", err, resp.Diagnostics)
		state, err := resp.ImportedResources[0].State.Unmarshal(s.resourceType(tc.typeName))
		if err != nil {
			t.Fatal(err)
		}
		var attrs map[string]tftypes.Value
		_ = state.As(&attrs)
		if got := stringOf(t, attrs[tc.attr]); got != tc.want {
			t.Errorf("%s imported by identity: %s = %q, want %q", tc.typeName, tc.attr, got, tc.want)
		}
	}
	// Every resource type has an identity, so every one can be imported this way.
	for typeName := range s.schemas.ResourceSchemas {
		if identities.IdentitySchemas[typeName] == nil {
			t.Errorf("%s has no identity", typeName)
		}
	}
}

// TestAccListResources_repositoryWildcards: name_pattern is a repository wildcard (`*` matches
// any run, `/` included), and a name_prefix no repository name can start with is refused on the
// attribute instead of matching nothing.
func TestAccListResources_repositoryWildcards(t *testing.T) {
	acctest.SetupBeforeTest(t)
	t.Parallel()
	base := acctest.RandomName("wild")
	deep, shallow := base+"/team/app", base+"/app"
	acctest.CreateRepository(t, deep, "IMMUTABLE")
	acctest.CreateRepository(t, shallow, "IMMUTABLE")
	s := newProtocolServer(t, acctest.Endpoint())

	validate := func(typeName string, filter map[string]tftypes.Value) []*tfprotov6.Diagnostic {
		t.Helper()
		resp, err := s.listServer().ValidateListResourceConfig(context.Background(), &tfprotov6.ValidateListResourceConfigRequest{
			TypeName: typeName, Config: dynamicValue(t, objectType(t, s.schemas.ListResourceSchemas[typeName]), filter),
		})
		if err != nil {
			t.Fatal(err)
		}
		return resp.Diagnostics
	}
	for _, typeName := range []string{"ecrgov_repository", "ecrgov_repository_tag_mutability", "ecrgov_lifecycle_policy"} {
		for _, pattern := range []string{"imm/*", base + "/*/app", "*"} {
			if diags := validate(typeName, map[string]tftypes.Value{"name_pattern": tfString(pattern)}); len(diags) != 0 {
				t.Errorf("%s name_pattern %q: %s, want it accepted", typeName, pattern, diagnosticsText(diags))
			}
		}
		for _, tc := range []struct{ attr, value, want string }{
			{"name_prefix", "Team/", `no repository name starts with "Team/"`},
			{"name_prefix", "team//", `no repository name starts with "team//"`},
			{"name_pattern", "Team/*", `"Team/*" is not a repository name pattern`},
		} {
			diags := validate(typeName, map[string]tftypes.Value{tc.attr: tfString(tc.value)})
			if len(diags) != 1 || !strings.Contains(diagnosticsText(diags), tc.want) || diags[0].Attribute == nil ||
				!diags[0].Attribute.Equal(tftypes.NewAttributePath().WithAttributeName(tc.attr)) {
				t.Errorf("%s %s %q: %s (on %v), want one error on %s containing %q", typeName, tc.attr, tc.value, diagnosticsText(diags), attributeOf(diags), tc.attr, tc.want)
			}
		}
		if diags := validate(typeName, map[string]tftypes.Value{"name_prefix": tfString(base + "/team/")}); len(diags) != 0 {
			t.Errorf("%s name_prefix %q: %s, want it accepted", typeName, base+"/team/", diagnosticsText(diags))
		}
	}

	// `*` crosses `/`: base/* lists both depths; */app both names ending in /app of this test.
	if got := s.list("ecrgov_repository", map[string]tftypes.Value{"name_pattern": tfString(base + "/*")}, false, 0); len(got) != 2 || got[0].display != shallow || got[1].display != deep {
		t.Fatalf("name_pattern %s/* listed %+v, want %s and %s", base, got, shallow, deep)
	}
	if got := s.list("ecrgov_repository", map[string]tftypes.Value{"name_pattern": tfString(base + "/*/app")}, false, 0); len(got) != 1 || got[0].display != deep {
		t.Fatalf("name_pattern %s/*/app listed %+v, want only %s", base, got, deep)
	}
}

func attributeOf(diags []*tfprotov6.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		out = append(out, fmt.Sprint(d.Attribute))
	}
	return out
}
