package accesspolicy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/wildcard"
)

// Finding codes, shared by the plan checks, the audit and provider::ecrgov::policy_findings.
const (
	// PublicPolicy: an Allow statement grants everyone ("*") with no condition that narrows it.
	PublicPolicy = "PUBLIC_POLICY"
	// UntrustedAccount: a principal belongs to an account outside the trusted list.
	UntrustedAccount = "UNTRUSTED_ACCOUNT"
	// WildcardAction: "*" or "ecr:*" is allowed to the public or another account.
	WildcardAction = "WILDCARD_ACTION"
	// WriteToOtherAccount: a write (push, delete, policy change, repository creation) is allowed
	// to the public or another account.
	WriteToOtherAccount = "WRITE_TO_OTHER_ACCOUNT"
	// NotPrincipalCode: an Allow statement uses NotPrincipal or NotAction, which grant everything
	// they do not name.
	NotPrincipalCode = "NOT_PRINCIPAL"
	// RegistryWideGrant: a registry policy allows more than replication, pull through cache and
	// repository creation; under REGISTRY_POLICY_SCOPE V2 that applies to every repository.
	RegistryWideGrant = "REGISTRY_WIDE_GRANT"
)

// AllCodes lists every finding code.
var AllCodes = []string{PublicPolicy, UntrustedAccount, WildcardAction, WriteToOtherAccount, NotPrincipalCode, RegistryWideGrant}

// Finding is one thing a policy allows that governance should see.
type Finding struct {
	Code string
	// Sid is the statement's Sid, or "#N" for the Nth statement when it has none.
	Sid    string
	Detail string
}

// Blocking reports whether the finding refuses a plan by default: a public grant (unless the
// resource allows it) and an untrusted account. The others are warnings.
func (f Finding) Blocking() bool { return f.Code == PublicPolicy || f.Code == UntrustedAccount }

// Options says whose policy it is.
type Options struct {
	// OwnAccount is the registry's account. Grants to it are not cross-account. When it is
	// empty (provider::ecrgov::policy_findings knows no account), accounts in TrustedAccounts
	// count as one's own and every other account as another.
	OwnAccount string
	// TrustedAccounts, when not empty, is every account a principal may belong to (besides
	// OwnAccount); a principal of any other account is UNTRUSTED_ACCOUNT.
	TrustedAccounts []string
	// Registry says the policy is the registry's permissions policy. When false, a policy whose
	// statements name a Resource is read as a registry policy, since repository policies never
	// name one.
	Registry bool
}

// restrictingConditionKeys narrow a public grant to an organisation, an account, a VPC endpoint
// or an address range: the keys the issue and the scanners accept as "not public".
var restrictingConditionKeys = []string{"aws:principalorgid", "aws:sourceaccount", "aws:principalaccount", "aws:sourcevpce", "aws:sourceip"}

// restrictingConditionKeysDoc names them as the IAM documentation spells them.
const restrictingConditionKeysDoc = "aws:PrincipalOrgID, aws:SourceAccount, aws:PrincipalAccount, aws:SourceVpce " +
	"or aws:SourceIp"

// accountConditionKeys name the accounts a public grant is narrowed to.
var accountConditionKeys = []string{"aws:sourceaccount", "aws:principalaccount"}

// writeActions are the ECR actions that change what a repository holds or who governs it.
var writeActions = []string{
	"ecr:PutImage", "ecr:BatchDeleteImage", "ecr:DeleteRepository", "ecr:SetRepositoryPolicy",
	"ecr:DeleteRepositoryPolicy", "ecr:PutLifecyclePolicy", "ecr:DeleteLifecyclePolicy",
	"ecr:PutImageTagMutability", "ecr:CompleteLayerUpload", "ecr:CreateRepository",
}

// registryScopedActions are the actions that REGISTRY_POLICY_SCOPE V1 enforced at the registry
// level (User Guide, "Private registry permissions"): replication, pull through cache and the
// repository creation they need. Anything else in a V2 registry policy reaches every repository.
var registryScopedActions = []string{"ecr:ReplicateImage", "ecr:BatchImportUpstreamImage", "ecr:CreateRepository"}

// Analyze parses policy and returns its findings, in statement order.
func Analyze(policy string, opts Options) ([]Finding, error) {
	doc, err := Parse(policy)
	if err != nil {
		return nil, err
	}
	return doc.Findings(opts), nil
}

// Findings judges a parsed document.
func (d Document) Findings(opts Options) []Finding {
	registry := opts.Registry
	for _, s := range d.Statements {
		registry = registry || s.HasResource
	}
	var out []Finding
	for _, s := range d.Statements {
		if !s.Allow {
			continue // a Deny only takes away
		}
		out = append(out, s.findings(opts, registry)...)
	}
	return out
}

func (s Statement) findings(opts Options, registry bool) []Finding {
	var out []Finding
	add := func(code, format string, args ...any) {
		out = append(out, Finding{Code: code, Sid: s.Sid, Detail: fmt.Sprintf(format, args...)})
	}
	if s.NotPrincipal {
		add(NotPrincipalCode, "Allow with NotPrincipal grants every principal it does not list, the public included.")
	}
	if s.NotAction {
		add(NotPrincipalCode, "Allow with NotAction grants every action it does not list.")
	}
	external := s.externalPrincipals(opts, add)
	if len(external) > 0 || s.NotPrincipal {
		who := strings.Join(external, ", ")
		if s.NotPrincipal {
			who = "everyone NotPrincipal does not list"
		}
		if s.hasWildcardAction() {
			add(WildcardAction, "Allows %s to %s: every ECR action, writes and deletes included.", strings.Join(s.Actions, ", "), who)
		} else if writes := s.writes(registry); len(writes) > 0 {
			detail := fmt.Sprintf("Allows %s to %s.", strings.Join(writes, ", "), who)
			if slices.Contains(writes, "ecr:CreateRepository") && registry {
				detail += " Another account can then create empty repositories in this registry on a push " +
					"(aws/containers-roadmap#853)."
			}
			add(WriteToOtherAccount, "%s", detail)
		}
	}
	if registry {
		if beyond := s.beyondRegistryScope(); len(beyond) > 0 {
			add(RegistryWideGrant, "Allows %s in the registry policy; under REGISTRY_POLICY_SCOPE V2 that applies to "+
				"every repository in the registry, not only to replication and pull through cache.",
				strings.Join(beyond, ", "))
		}
	}
	return out
}

// externalPrincipals reports PUBLIC_POLICY and UNTRUSTED_ACCOUNT, and returns the principals
// that are the public or another account, for the action checks.
func (s Statement) externalPrincipals(opts Options, add func(code, format string, args ...any)) []string {
	trusted := func(account string) bool {
		return account == opts.OwnAccount || slices.Contains(opts.TrustedAccounts, account)
	}
	other := func(account string) bool {
		if opts.OwnAccount == "" {
			return !slices.Contains(opts.TrustedAccounts, account)
		}
		return account != opts.OwnAccount
	}
	var external []string
	for _, p := range s.Principals {
		switch account := p.Account(); {
		case p.Public():
			if narrowed, accounts := s.narrowed(); !narrowed {
				add(PublicPolicy, "Principal %q with no condition on %s: anyone, in any account, can use this statement.",
					p.Value, restrictingConditionKeysDoc)
				external = append(external, "everyone")
			} else {
				for _, a := range accounts {
					if len(opts.TrustedAccounts) > 0 && !trusted(a) {
						add(UntrustedAccount, "Principal \"*\" narrowed to account %s, which is not in trusted_accounts.", a)
					}
					if other(a) {
						external = append(external, "account "+a)
					}
				}
			}
		case account == "*":
			add(PublicPolicy, "Principal %q names every account.", p.Value)
			external = append(external, p.Value)
		case account != "":
			if len(opts.TrustedAccounts) > 0 && !trusted(account) {
				add(UntrustedAccount, "Principal %q belongs to account %s, which is not in trusted_accounts.", p.Value, account)
			}
			if other(account) {
				external = append(external, p.Value)
			}
		case p.Kind == "AWS":
			if len(opts.TrustedAccounts) > 0 {
				add(UntrustedAccount, "Principal %q names no account that can be checked against trusted_accounts.", p.Value)
			}
		}
	}
	return external
}

// narrowed reports whether the statement's conditions narrow a public principal, and the
// accounts they narrow it to when they name accounts.
func (s Statement) narrowed() (bool, []string) {
	narrowed := false
	var accounts []string
	for _, key := range restrictingConditionKeys {
		values := s.Conditions[key]
		if len(values) == 0 || slices.Contains(values, "*") {
			continue
		}
		narrowed = true
		if slices.Contains(accountConditionKeys, key) {
			accounts = append(accounts, values...)
		}
	}
	return narrowed, accounts
}

func (s Statement) hasWildcardAction() bool {
	for _, a := range s.Actions {
		if a == "*" || strings.EqualFold(a, "ecr:*") {
			return !s.NotAction
		}
	}
	return false
}

// writes lists the write actions the statement's action patterns allow.
func (s Statement) writes(registry bool) []string {
	var out []string
	for _, w := range writeActions {
		if w == "ecr:CreateRepository" && !registry {
			continue // creation is granted by the registry, not by a repository's policy
		}
		if s.allows(w) {
			out = append(out, w)
		}
	}
	return out
}

// allows reports whether the statement's actions cover action (IAM matches actions without
// regard to case, with '*' wildcards).
func (s Statement) allows(action string) bool {
	matched := false
	for _, a := range s.Actions {
		if wildcard.Match(strings.ToLower(a), strings.ToLower(action)) {
			matched = true
			break
		}
	}
	return matched != s.NotAction
}

// beyondRegistryScope lists the statement's actions that are not the registry-scoped ones.
func (s Statement) beyondRegistryScope() []string {
	if s.NotAction {
		return []string{"every action except " + strings.Join(s.Actions, ", ")}
	}
	var out []string
	for _, a := range s.Actions {
		if !slices.ContainsFunc(registryScopedActions, func(r string) bool { return strings.EqualFold(r, a) }) {
			out = append(out, a)
		}
	}
	return out
}
