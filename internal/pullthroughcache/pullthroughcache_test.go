package pullthroughcache

import (
	"slices"
	"strings"
	"testing"
)

const (
	account = "123456789012"
	region  = "us-east-1"
	secret  = "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf"
)

// The API reference's syntax for each upstream registry, and URLs that are none of them.
func TestUpstream(t *testing.T) {
	for url, want := range map[string]string{
		"public.ecr.aws":        ECRPublic,
		"registry-1.docker.io":  DockerHub,
		"ghcr.io":               GitHub,
		"registry.gitlab.com":   GitLab,
		"registry.k8s.io":       K8s,
		"quay.io":               Quay,
		"cgr.dev":               Chainguard,
		"myregistry.azurecr.io": Azure,
		"111122223333.dkr.ecr.eu-west-1.amazonaws.com":     ECR,
		"111122223333.dkr.ecr.us-gov-west-1.amazonaws.com": ECR,
		"docker.io":                            "",
		"https://ghcr.io":                      "",
		"ghcr.io/owner":                        "",
		"my.azurecr.io":                        "", // Azure names are 5-50 characters
		"MyRegistry.azurecr.io":                "",
		"1111.dkr.ecr.eu-west-1.amazonaws.com": "",
		"":                                     "",
	} {
		got, err := Upstream(url)
		if got != want || (err != nil) != (want == "") {
			t.Errorf("Upstream(%q) = %q, %v; want %q", url, got, err, want)
		}
	}
	if _, err := Upstream("https://quay.io"); err == nil || !strings.Contains(err.Error(), "without a scheme") {
		t.Errorf("a URL with a scheme: %v, want the hint", err)
	}
}

// "Docker Hub, Microsoft Azure Container Registry, GitHub Container Registry, GitLab Container
// Registry and Chainguard Registry (requires authentication with AWS Secrets Manager secret)";
// ECR Public, Kubernetes and Quay do not; ECR authenticates with an IAM role.
func TestNeedsSecret(t *testing.T) {
	for _, u := range Upstreams {
		want := u == DockerHub || u == Azure || u == GitHub || u == GitLab || u == Chainguard
		if NeedsSecret(u) != want {
			t.Errorf("NeedsSecret(%s) = %v", u, !want)
		}
	}
}

func TestCheckPrefix(t *testing.T) {
	for s, ok := range map[string]bool{
		"ROOT": true, "docker-hub": true, "ecr-public": true, "cache/dockerhub": true, "a.b_c__d---e": true, "ab": true,
		strings.Repeat("a", 30): true,
		"a":                     false, strings.Repeat("a", 31): false, "cache/": false, "Cache": false, "-cache": false, "cache//x": false,
		"cache_": false, "root": true, "": false, "ca che": false,
	} {
		if err := CheckPrefix(s); (err == nil) != ok {
			t.Errorf("CheckPrefix(%q) = %v, want ok=%v", s, err, ok)
		}
	}
	if err := CheckPrefix("cache/"); err == nil || !strings.Contains(err.Error(), `write "cache"`) {
		t.Errorf("a trailing slash: %v, want the fix", err)
	}
	// No fix is offered that is itself invalid.
	if err := CheckPrefix("Bad/Prefix/"); err == nil || strings.Contains(err.Error(), "write") {
		t.Errorf("an invalid prefix with a trailing slash: %v, want no suggested fix", err)
	}
}

func TestParseCredentialARN(t *testing.T) {
	s, err := ParseCredentialARN(secret)
	if err != nil || s.Account != account || s.Region != region || s.Name != "ecr-pullthroughcache/docker-hub-AbCdEf" || s.Partition != "aws" {
		t.Fatalf("ParseCredentialARN = %+v, %v", s, err)
	}
	for arn, want := range map[string]string{
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:dockerhub-AbCdEf":                                 "does not begin with ecr-pullthroughcache/",
		"arn:aws:iam::123456789012:role/ecr-pullthroughcache/x":                                                 "not a Secrets Manager secret ARN",
		"ecr-pullthroughcache/docker-hub":                                                                       "not a Secrets Manager secret ARN",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/" + strings.Repeat("a", 560): "50 to 612",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/with space":                  "pattern",
	} {
		if _, err := ParseCredentialARN(arn); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseCredentialARN(%q) = %v, want %q", arn, err, want)
		}
	}
	if _, err := ParseCredentialARN("arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:ecr-pullthroughcache/x-AbCdEf"); err != nil {
		t.Errorf("a GovCloud ARN: %v", err)
	}
}

func TestCheck(t *testing.T) {
	elsewhere := strings.Replace(secret, "us-east-1", "eu-west-1", 1)
	other := strings.Replace(secret, account, "999988887777", 1)
	for _, tc := range []struct {
		name            string
		rule            Rule
		account, region string
		want            []string // attributes with a problem, in order
	}{
		{"quay needs nothing", Rule{Prefix: "quay", UpstreamURL: "quay.io"}, account, region, nil},
		{"docker hub with a secret", Rule{Prefix: "dh", UpstreamURL: "registry-1.docker.io", CredentialARN: secret}, account, region, nil},
		{"docker hub without", Rule{Prefix: "dh", UpstreamURL: "registry-1.docker.io"}, account, region, []string{"credential_arn"}},
		{"github without", Rule{Prefix: "gh", UpstreamURL: "ghcr.io"}, account, region, []string{"credential_arn"}},
		{"gitlab without", Rule{Prefix: "gl", UpstreamURL: "registry.gitlab.com"}, account, region, []string{"credential_arn"}},
		{"azure without", Rule{Prefix: "az", UpstreamURL: "myregistry.azurecr.io"}, account, region, []string{"credential_arn"}},
		{"chainguard without", Rule{Prefix: "cg", UpstreamURL: "cgr.dev"}, account, region, []string{"credential_arn"}},
		{"secret in another region", Rule{Prefix: "dh", UpstreamURL: "registry-1.docker.io", CredentialARN: elsewhere}, account, region, []string{"credential_arn"}},
		{"secret in another account", Rule{Prefix: "dh", UpstreamURL: "registry-1.docker.io", CredentialARN: other}, account, region, []string{"credential_arn"}},
		{"account unknown", Rule{Prefix: "dh", UpstreamURL: "registry-1.docker.io", CredentialARN: other}, "", "", nil},
		{"own ecr", Rule{Prefix: "up", UpstreamURL: account + ".dkr.ecr.eu-west-1.amazonaws.com"}, account, region, nil},
		{"other account's ecr", Rule{Prefix: "up", UpstreamURL: "111122223333.dkr.ecr.eu-west-1.amazonaws.com"}, account, region, []string{"custom_role_arn"}},
		{"other account's ecr with a role", Rule{Prefix: "up", UpstreamURL: "111122223333.dkr.ecr.eu-west-1.amazonaws.com",
			CustomRoleARN: "arn:aws:iam::123456789012:role/ptc"}, account, region, nil},
		{"upstream prefix under ROOT", Rule{Prefix: "ROOT", UpstreamURL: account + ".dkr.ecr.eu-west-1.amazonaws.com", UpstreamPrefix: "team"},
			account, region, []string{"upstream_repository_prefix"}},
		{"upstream prefix ROOT under ROOT", Rule{Prefix: "ROOT", UpstreamURL: account + ".dkr.ecr.eu-west-1.amazonaws.com", UpstreamPrefix: "ROOT"},
			account, region, nil},
		{"unknown url is the attribute's own problem", Rule{Prefix: "x", UpstreamURL: "example.com"}, account, region, nil},
	} {
		var got []string
		for _, p := range Check(tc.rule, tc.account, tc.region) {
			got = append(got, p.Attribute)
			if p.Summary == "" || p.Detail == "" {
				t.Errorf("%s: an empty diagnostic %+v", tc.name, p)
			}
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: problems on %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestGoverningTemplate(t *testing.T) {
	ptc := []string{Scenario}
	push := []string{"CREATE_ON_PUSH"}
	templates := []Template{
		{Prefix: "cache", AppliedFor: ptc},
		{Prefix: "cache/docker-hub", AppliedFor: ptc},
		{Prefix: "dh", AppliedFor: push},
		{Prefix: "gh/library", AppliedFor: ptc},
	}
	for prefix, want := range map[string]string{
		"cache":            "cache",
		"cache/docker-hub": "cache/docker-hub",
		"cache/quay":       "cache",
		"dh":               "", // a CREATE_ON_PUSH template does not govern a cache
		"gh":               "", // a template inside the namespace covers part of it only
		"cachet":           "",
		"ROOT":             "",
	} {
		if got := GoverningTemplate(prefix, templates); got != want {
			t.Errorf("GoverningTemplate(%q) = %q, want %q", prefix, got, want)
		}
	}
	withRoot := append(templates, Template{Prefix: "ROOT", AppliedFor: ptc})
	for prefix, want := range map[string]string{"ROOT": "ROOT", "dh": "ROOT", "cache/quay": "cache"} {
		if got := GoverningTemplate(prefix, withRoot); got != want {
			t.Errorf("with a ROOT template, GoverningTemplate(%q) = %q, want %q", prefix, got, want)
		}
	}
	if got := GoverningTemplate("ROOT", []Template{{Prefix: "ROOT", AppliedFor: push}}); got != "" {
		t.Errorf("a ROOT push template governs a ROOT cache: %q", got)
	}
}

// FuzzCheck: no input panics, every problem names an attribute of the resource, and a
// configuration the checks accept has a URL, prefix and ARN their own checks accept too or that
// are unset.
func FuzzCheck(f *testing.F) {
	f.Add("dh", "registry-1.docker.io", secret, "", "")
	f.Add("ROOT", "111122223333.dkr.ecr.eu-west-1.amazonaws.com", "", "arn:aws:iam::123456789012:role/x", "team")
	f.Add("a/", "https://ghcr.io/", "arn:aws:secretsmanager:::secret:ecr-pullthroughcache/", "", "ROOT")
	attrs := map[string]bool{"credential_arn": true, "custom_role_arn": true, "upstream_repository_prefix": true}
	f.Fuzz(func(t *testing.T, prefix, url, credential, role, upstreamPrefix string) {
		_ = CheckPrefix(prefix)
		_ = CheckUpstreamURL(url)
		_, _ = ParseCredentialARN(credential)
		_, _, _ = ECRUpstream(url)
		for _, p := range Check(Rule{prefix, url, credential, role, upstreamPrefix}, account, region) {
			if !attrs[p.Attribute] {
				t.Fatalf("a problem on an unknown attribute: %+v", p)
			}
		}
		if u, err := Upstream(url); err == nil && NeedsSecret(u) && credential == "" && len(Check(Rule{prefix, url, credential, role, upstreamPrefix}, account, region)) == 0 {
			t.Fatalf("%s needs a secret and none was asked for", url)
		}
	})
}

// What ECR documents only for an ECR upstream warns on another upstream, and never on ECR.
func TestWarnings(t *testing.T) {
	ecrURL := "111122223333.dkr.ecr.us-east-1.amazonaws.com"
	for _, tt := range []struct {
		name string
		rule Rule
		want []string
	}{
		{"role on quay", Rule{Prefix: "qq", UpstreamURL: "quay.io", CustomRoleARN: "arn:aws:iam::123456789012:role/x"},
			[]string{"custom_role_arn"}},
		{"ROOT on quay", Rule{Prefix: "ROOT", UpstreamURL: "quay.io"}, []string{"ecr_repository_prefix"}},
		{"both on ghcr", Rule{Prefix: "ROOT", UpstreamURL: "ghcr.io", CustomRoleARN: "arn:aws:iam::123456789012:role/x"},
			[]string{"custom_role_arn", "ecr_repository_prefix"}},
		{"ECR upstream", Rule{Prefix: "ROOT", UpstreamURL: ecrURL, CustomRoleARN: "arn:aws:iam::123456789012:role/x"}, nil},
		{"plain quay", Rule{Prefix: "quay", UpstreamURL: "quay.io"}, nil},
		{"unknown URL", Rule{Prefix: "ROOT", UpstreamURL: "example.com"}, nil},
	} {
		var got []string
		for _, p := range Warnings(tt.rule) {
			got = append(got, p.Attribute)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: warnings on %v, want %v", tt.name, got, tt.want)
		}
	}
}
