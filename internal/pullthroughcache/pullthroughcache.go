// Package pullthroughcache holds the rules of ECR pull through cache rules that can be checked
// before anything is sent: which upstream registry a URL names, which upstreams need
// credentials, what a credential ARN and a prefix must look like, and which repository creation
// template governs the repositories a rule creates. It has no Terraform or SDK imports.
package pullthroughcache

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/creationtemplate"
)

// The upstream registries (the API's UpstreamRegistry enum).
const (
	ECR        = "ecr"
	ECRPublic  = "ecr-public"
	Quay       = "quay"
	K8s        = "k8s"
	DockerHub  = "docker-hub"
	GitHub     = "github-container-registry"
	Azure      = "azure-container-registry"
	GitLab     = "gitlab-container-registry"
	Chainguard = "chainguard"
)

// Root is the ECR repository prefix of a rule that covers every repository no other rule does,
// and the default upstream repository prefix.
const Root = "ROOT"

// Scenario is the creation template scenario of a pull through cache.
const Scenario = "PULL_THROUGH_CACHE"

// SecretNamePrefix begins the name of every secret a rule can use: "The name of the secret
// begins with ecr-pullthroughcache/" (User Guide, "Creating a pull through cache rule").
const SecretNamePrefix = "ecr-pullthroughcache/"

// fixedHosts are the upstreams with one host. The API reference (CreatePullThroughCacheRule,
// upstreamRegistryUrl) gives each syntax; Chainguard's registry is cgr.dev.
var fixedHosts = map[string]string{
	"public.ecr.aws":       ECRPublic,
	"registry-1.docker.io": DockerHub,
	"ghcr.io":              GitHub,
	"registry.gitlab.com":  GitLab,
	"registry.k8s.io":      K8s,
	"quay.io":              Quay,
	"cgr.dev":              Chainguard,
}

var (
	// ecrHost is "Amazon ECR (ecr) – <accountId>.dkr.ecr.<region>.amazonaws.com".
	ecrHost = regexp.MustCompile(`^([0-9]{12})\.dkr\.ecr\.([a-z]{2}(?:-[a-z]+)+-[0-9]+)\.amazonaws\.com$`)
	// azureHost is "Microsoft Azure Container Registry (azure-container-registry) –
	// <custom>.azurecr.io"; an Azure registry name is 5-50 letters and digits.
	azureHost = regexp.MustCompile(`^[a-z0-9]{5,50}\.azurecr\.io$`)
)

// Upstreams lists every upstream registry.
var Upstreams = []string{ECR, ECRPublic, Quay, K8s, DockerHub, GitHub, Azure, GitLab, Chainguard}

// Upstream returns the upstream registry a URL names, or an error naming the accepted syntaxes.
// The URL is a host, as the API takes it: no scheme and no path.
func Upstream(url string) (string, error) {
	if u, ok := fixedHosts[url]; ok {
		return u, nil
	}
	if ecrHost.MatchString(url) {
		return ECR, nil
	}
	if azureHost.MatchString(url) {
		return Azure, nil
	}
	hint := ""
	if strings.Contains(url, "://") || strings.Contains(url, "/") {
		hint = " Give the host alone, without a scheme or a path."
	}
	return "", fmt.Errorf("%q is not an upstream registry ECR supports. Use public.ecr.aws, registry-1.docker.io, "+
		"ghcr.io, "+
		"registry.gitlab.com, registry.k8s.io, quay.io, cgr.dev, <registry>.azurecr.io or "+
		"<account>.dkr.ecr.<region>.amazonaws.com.%s", url, hint)
}

// CheckUpstreamURL is Upstream as a check.
func CheckUpstreamURL(url string) error {
	_, err := Upstream(url)
	return err
}

// ECRUpstream returns the account and region of an ECR upstream URL.
func ECRUpstream(url string) (account, region string, ok bool) {
	m := ecrHost.FindStringSubmatch(url)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// NeedsSecret reports whether an upstream needs a Secrets Manager secret: "Docker Hub, Microsoft
// Azure Container Registry, GitHub Container Registry, GitLab Container Registry and Chainguard
// Registry (requires authentication with AWS Secrets Manager secret)" (User Guide, "Sync an
// upstream registry with an Amazon ECR private registry").
func NeedsSecret(upstream string) bool {
	switch upstream {
	case DockerHub, Azure, GitHub, GitLab, Chainguard:
		return true
	}
	return false
}

// namespace is the model's PullThroughCacheRuleRepositoryPrefix pattern without ROOT and the
// optional trailing "/" (ECR assumes it).
var namespace = regexp.MustCompile(`^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$`)

// The model's length limits on a prefix.
const (
	MinPrefixLength = 2
	MaxPrefixLength = 30
)

// CheckPrefix reports whether s is a prefix a rule can take (the model's
// PullThroughCacheRuleRepositoryPrefix: 2-30 characters, ROOT or a namespace). A trailing "/"
// is refused: "There is always an assumed / applied to the end of the prefix", so "cache/" and
// "cache" would name the same rule.
func CheckPrefix(s string) error {
	switch {
	case s == Root:
		return nil
	case len(s) < MinPrefixLength || len(s) > MaxPrefixLength:
		return fmt.Errorf("%q is %d characters; a pull through cache prefix has %d to %d", s, len(s), MinPrefixLength, MaxPrefixLength)
	case strings.HasSuffix(s, "/") && namespace.MatchString(strings.TrimRight(s, "/")):
		// Suggest the prefix without the "/" only when that one is valid.
		return fmt.Errorf("%q ends with \"/\"; ECR appends the \"/\" itself, so write %q", s, strings.TrimRight(s, "/"))
	case !namespace.MatchString(s):
		return fmt.Errorf("%q is not a repository namespace: lowercase letters and digits, separated by \".\", \"_\", "+
			"\"__\", \"-\" (one or more) or \"/\" (for example %q), or ROOT", s, "docker-hub")
	}
	return nil
}

// credentialARN is the model's CredentialArn pattern.
var credentialARN = regexp.MustCompile(`^arn:aws(-\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr\-pullthroughcache\/[a-zA-Z0-9\/_+=.@-]+$`)

// Secret is what a credential ARN says of its secret.
type Secret struct {
	Partition, Region, Account, Name string
}

// ParseCredentialARN checks a credential ARN against the model (50-612 characters, a Secrets
// Manager secret whose name begins with ecr-pullthroughcache/) and returns its parts.
func ParseCredentialARN(arn string) (Secret, error) {
	parts := strings.SplitN(arn, ":", 7)
	if len(parts) != 7 || parts[0] != "arn" || parts[2] != "secretsmanager" || parts[5] != "secret" {
		return Secret{}, fmt.Errorf("%q is not a Secrets Manager secret ARN "+
			"(arn:aws:secretsmanager:<region>:<account>:secret:%s<name>)", arn, SecretNamePrefix)
	}
	s := Secret{Partition: parts[1], Region: parts[3], Account: parts[4], Name: parts[6]}
	switch {
	case !strings.HasPrefix(s.Name, SecretNamePrefix):
		return s, fmt.Errorf("the secret %q does not begin with %s: \"The name of the secret begins with "+
			"ecr-pullthroughcache/\" "+
			"(Amazon ECR User Guide, creating a pull through cache rule). Create or rename the secret", s.Name, SecretNamePrefix)
	case len(arn) < 50 || len(arn) > 612:
		return s, fmt.Errorf("a credential ARN has 50 to 612 characters; %q has %d", arn, len(arn))
	case !credentialARN.MatchString(arn):
		return s, fmt.Errorf("%q does not match the API's pattern for a credential ARN (the secret name takes letters, "+
			"digits and /_+=.@-)", arn)
	}
	return s, nil
}

// CheckCredentialARN is ParseCredentialARN as a check.
func CheckCredentialARN(arn string) error {
	_, err := ParseCredentialARN(arn)
	return err
}

// Rule is a rule's configuration, with "" for what is unset or not known yet.
type Rule struct {
	Prefix, UpstreamURL, CredentialARN, CustomRoleARN, UpstreamPrefix string
}

// Problem is a configuration error on one attribute of a rule.
type Problem struct {
	Attribute string // ecr_repository_prefix, upstream_registry_url, credential_arn, custom_role_arn, upstream_repository_prefix
	Summary   string
	Detail    string
}

// Check returns the problems of a rule in registry account and region, the rule's own ("" when
// not known, which skips the checks that need them). It covers what spans attributes; each
// attribute's own form is CheckPrefix, CheckUpstreamURL and CheckCredentialARN. Only documented
// requirements are problems: a secret for an upstream that does not require one (ECR Public can
// take one) and a role for an upstream that is not ECR are left to ECR.
func Check(r Rule, account, region string) []Problem {
	var out []Problem
	upstream, err := Upstream(r.UpstreamURL)
	if r.UpstreamURL == "" || err != nil {
		upstream = "" // reported by the attribute's own check
	}
	if NeedsSecret(upstream) && r.CredentialARN == "" {
		out = append(out, Problem{"credential_arn", "credential_arn is required for " + upstream,
			"The upstream " + r.UpstreamURL + " (" + upstream + ") requires authentication with a Secrets Manager secret " +
				"(Amazon ECR User Guide, " +
				"\"Sync an upstream registry\"). Store the credentials in a secret whose name begins with " + SecretNamePrefix +
				", in this registry's account and Region, and set credential_arn to its ARN."})
	}
	if s, err := ParseCredentialARN(r.CredentialARN); r.CredentialARN != "" && err == nil {
		if (account != "" && s.Account != account) || (region != "" && s.Region != region) {
			out = append(out, Problem{"credential_arn", "The secret is in another account or Region",
				fmt.Sprintf("The secret is in account %s, Region %s; this rule is in account %s, Region %s. \"The account "+
					"and Region "+
					"that the secret is in must match the account and Region that the pull through cache rule is in\" (Amazon "+
					"ECR User "+
					"Guide, creating a pull through cache rule). Create the secret there.", s.Account, s.Region, orUnknown(account), orUnknown(region))})
		}
	}
	if upstreamAccount, _, ok := ECRUpstream(r.UpstreamURL); ok && account != "" && upstreamAccount != account && r.CustomRoleARN == "" {
		out = append(out, Problem{"custom_role_arn", "custom_role_arn is required for an ECR upstream in another account",
			"The upstream registry is in account " + upstreamAccount + ", this registry in " + account + ". \"For Amazon ECR, you must create " +
				"an IAM role if the upstream and downstream Amazon ECR registries belong to different AWS account\" (Amazon " +
				"ECR User Guide). Set custom_role_arn to a role in this account that can pull from the upstream."})
	}
	if r.UpstreamPrefix != "" && r.UpstreamPrefix != Root && r.Prefix == Root {
		out = append(out, Problem{"upstream_repository_prefix", "upstream_repository_prefix needs a namespace prefix",
			"\"You can set the upstream repository prefix only when the Amazon ECR repository prefix has a non-ROOT " +
				"value\" (Amazon ECR User Guide, customizing repository prefixes). Set ecr_repository_prefix to a namespace, " +
				"or remove upstream_repository_prefix."})
	}
	return out
}

// Warnings returns what ECR documents only for an ECR upstream, set on a rule whose upstream is
// not ECR: custom_role_arn ("the IAM role to be assumed by Amazon ECR to authenticate to the ECR
// upstream registry", API reference) and a ROOT prefix (the User Guide describes ROOT for ECR to
// ECR pull through cache). What ECR does with them for another upstream is not documented, so they
// are warnings, not errors.
func Warnings(r Rule) []Problem {
	upstream, err := Upstream(r.UpstreamURL)
	if r.UpstreamURL == "" || err != nil || upstream == "ecr" {
		return nil
	}
	var out []Problem
	if r.CustomRoleARN != "" {
		out = append(out, Problem{"custom_role_arn", "custom_role_arn is for an ECR upstream",
			"ECR documents customRoleArn as the role it assumes \"to authenticate to the ECR upstream registry\"; " +
				"this rule's upstream is " + upstream + ", and what ECR does with the role then is not documented. " +
				"Remove it unless you know ECR uses it for this upstream."})
	}
	if r.Prefix == Root {
		out = append(out, Problem{"ecr_repository_prefix", "A ROOT prefix is for an ECR upstream",
			"The Amazon ECR User Guide describes the ROOT prefix for ECR to ECR pull through cache; this rule's " +
				"upstream is " + upstream + ". Every pull of a repository no other rule covers would go to it. Use a " +
				"namespace such as \"" + upstream + "\" unless that is what you want."})
	}
	return out
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

// Template is what governance needs to know of a repository creation template.
type Template = creationtemplate.Template

// GoverningTemplate returns the prefix of the template that gives its settings to the
// repositories a rule with prefix creates, or "" when no PULL_THROUGH_CACHE template covers
// all of them. A template covers a rule when its namespace holds the rule's (a template "cache"
// covers the rule "cache/docker-hub") or it is ROOT; a more specific template inside the rule's
// namespace covers only part of it, and is not enough. A ROOT rule caches into every namespace
// no other rule has, so only a ROOT template covers it.
func GoverningTemplate(prefix string, templates []Template) string {
	if prefix == Root {
		for _, t := range templates {
			if t.Prefix == creationtemplate.Root && applied(t) {
				return t.Prefix
			}
		}
		return ""
	}
	if i := creationtemplate.Governing(strings.TrimRight(prefix, "/")+"/", templates, Scenario); i >= 0 {
		return templates[i].Prefix
	}
	return ""
}

func applied(t Template) bool {
	for _, a := range t.AppliedFor {
		if a == Scenario {
			return true
		}
	}
	return false
}
