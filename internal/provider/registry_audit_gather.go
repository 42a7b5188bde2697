package provider

import (
	"context"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/accesspolicy"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/audit"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/creationtemplate"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/scanning"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/signing"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/wildcard"
)

// auditedRegistry is everything the audit reads, gathered within its call budget:
//   - one DescribeRepositories per 1,000 repositories;
//   - ⌈N/25⌉ BatchGetRepositoryScanningConfiguration and one GetRegistryScanningConfiguration;
//   - one DescribeRepositoryCreationTemplates per 1,000 templates;
//   - one DescribePullThroughCacheRules per 1,000 rules;
//   - N GetLifecyclePolicy, with bounded concurrency;
//   - one ListPullTimeUpdateExclusions per 1,000 exclusions, only when a policy uses
//     sinceImagePulled;
//   - one GetSigningConfiguration;
//   - one DescribeRegistry, and one DescribeRepositoryCreationTemplates per other Region of this
//     account that a replication rule replicates to (registry_audit_replication.go);
//   - with check_sbom_referrers only: per repository ⌈tagged images/1000⌉ DescribeImages and one
//     ListImageReferrers per tagged active image;
//   - with check_policies only: N GetRepositoryPolicy (ECR has no batch form), with the same
//     bounded concurrency, and one GetRegistryPolicy.
type auditedRegistry struct {
	repos     []ecrapi.Repository
	policies  []string // by index of repos; "" when none
	scanning  *ecrapi.ScanningConfiguration
	applied   map[string]ecrapi.RepositoryScanning
	templates []ecrapi.CreationTemplate
	// templateRefs are templates as creationtemplate.Governing reads them, in the same order.
	templateRefs []creationtemplate.Template
	// caches are the registry's pull through cache rules, sorted by prefix.
	caches     []ecrapi.PullThroughCacheRule
	exclusions int
	signing    []signing.Rule
	// withoutSBOM counts, by index of repos, the tagged active images without an SBOM referrer;
	// nil when not asked for.
	withoutSBOM []int
	// access holds, by index of repos, the codes of each repository policy's findings; nil when
	// policies are not checked.
	access [][]string
	// registryPolicy holds the codes of the registry policy's findings (check_policies only).
	registryPolicy []string
	// missing are the permissions the caller lacks for reads the audit can do without
	// (audit.UnknownWithout), in the order met. What those reads would tell stays unknown: the
	// field that holds it is nil (scanning, applied, signing) or lacks reports it (templates).
	missing []string
	// replication is the replication configuration and its destinations' templates.
	replication *auditedReplication
}

// optional is the outcome of a read the audit can do without: an AccessDeniedException records
// the permission as missing and is not an error; any other error is.
func (reg *auditedRegistry) optional(permission string, err error) error {
	if ecrapi.IsAccessDenied(err) {
		reg.missing = append(reg.missing, permission)
		return nil
	}
	return err
}

// lacks reports whether the caller lacks the permission.
func (reg *auditedRegistry) lacks(permission string) bool {
	return slices.Contains(reg.missing, permission)
}

// Permissions whose absence leaves part of the audit unknown.
const (
	permRegistryScanning   = "ecr:GetRegistryScanningConfiguration"
	permRepositoryScanning = "ecr:BatchGetRepositoryScanningConfiguration"
	permTemplates          = "ecr:DescribeRepositoryCreationTemplates"
	permSigning            = "ecr:GetSigningConfiguration"
	permPullTimeExclusions = "ecr:ListPullTimeUpdateExclusions"
	permPullThroughCache   = "ecr:DescribePullThroughCacheRules"
	permReplication        = "ecr:DescribeRegistry"
)

// accessCheck is what check_policies asks for: the accounts a principal may belong to.
type accessCheck struct {
	trusted []string
}

func (d *registryAuditDataSource) gather(ctx context.Context, prefix, pattern string, concurrency int, sbomTypes []string, policies *accessCheck) (*auditedRegistry, error) {
	all, err := d.client.ListRepositories(ctx)
	if err != nil {
		return nil, err
	}
	reg := &auditedRegistry{}
	for _, r := range all {
		if strings.HasPrefix(r.Name, prefix) && (pattern == "" || wildcard.Match(pattern, r.Name)) {
			reg.repos = append(reg.repos, r)
		}
	}
	sortRepositories(reg.repos)
	names := make([]string, 0, len(reg.repos))
	for _, r := range reg.repos {
		names = append(names, r.Name)
	}
	reg.scanning, err = d.client.GetRegistryScanningConfiguration(ctx)
	if err := reg.optional(permRegistryScanning, err); err != nil {
		return nil, err
	}
	reg.applied, err = d.client.BatchRepositoryScanning(ctx, names)
	if err := reg.optional(permRepositoryScanning, err); err != nil {
		return nil, err
	}
	reg.templates, err = d.client.ListCreationTemplates(ctx)
	if err := reg.optional(permTemplates, err); err != nil {
		return nil, err
	}
	for _, t := range reg.templates {
		reg.templateRefs = append(reg.templateRefs, creationtemplate.Template{Prefix: t.Prefix, AppliedFor: t.AppliedFor})
	}
	reg.caches, err = d.client.ListPullThroughCacheRules(ctx)
	if err := reg.optional(permPullThroughCache, err); err != nil {
		return nil, err
	}
	reg.replication, err = gatherReplication(ctx, d.client, reg.templateRefs, !reg.lacks(permTemplates))
	if err := reg.optional(permReplication, err); err != nil {
		return nil, err
	}
	if reg.policies, err = d.lifecyclePolicies(ctx, reg.repos, concurrency); err != nil {
		return nil, err
	}
	rules, err := d.client.FindSigningConfiguration(ctx)
	if ecrapi.IsNotFound(err, ecrapi.KindSigningConfiguration) {
		err = nil
	}
	if err := reg.optional(permSigning, err); err != nil {
		return nil, err
	}
	reg.signing = toSigningRules(rules)
	if sbomTypes != nil {
		if reg.withoutSBOM, err = d.imagesWithoutSBOM(ctx, reg.repos, sbomTypes, concurrency); err != nil {
			return nil, err
		}
	}
	if policies != nil {
		if err := d.accessPolicies(ctx, reg, concurrency, policies.trusted); err != nil {
			return nil, err
		}
	}
	if reg.usesPullTime() {
		exclusions, err := d.client.ListPullTimeExclusions(ctx)
		if err := reg.optional(permPullTimeExclusions, err); err != nil {
			return nil, err
		}
		reg.exclusions = len(exclusions)
	}
	return reg, nil
}

// accessPolicies reads every repository policy (bounded concurrency) and the registry policy,
// and keeps the codes of their findings. A policy ECR holds but the analysis cannot read is
// reported as what it most likely hides: nothing is assumed safe.
func (d *registryAuditDataSource) accessPolicies(
	ctx context.Context, reg *auditedRegistry, concurrency int, trusted []string,
) error {
	reg.access = make([][]string, len(reg.repos))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(concurrency)
	for i, r := range reg.repos {
		g.Go(func() error {
			text, err := d.client.InRegistry(r.RegistryID).FindRepositoryPolicyByRepository(gctx, r.Name)
			if ecrapi.IsNotFound(err) {
				return nil
			}
			if err != nil {
				return err
			}
			reg.access[i] = accessCodes(text, accesspolicy.Options{OwnAccount: r.RegistryID, TrustedAccounts: trusted})
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	text, err := d.client.FindRegistryPolicy(ctx)
	if ecrapi.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	own, err := d.client.RegistryID(ctx)
	if err != nil {
		return err
	}
	reg.registryPolicy = accessCodes(text, accesspolicy.Options{OwnAccount: own, TrustedAccounts: trusted, Registry: true})
	return nil
}

// accessCodes is the audit codes of a policy's findings; a policy that cannot be parsed is
// POLICY_UNREADABLE.
func accessCodes(text string, opts accesspolicy.Options) []string {
	fs, err := accesspolicy.Analyze(text, opts)
	if err != nil {
		return []string{audit.PolicyUnreadable}
	}
	return audit.AccessCodes(fs)
}

func (d *registryAuditDataSource) lifecyclePolicies(
	ctx context.Context, repos []ecrapi.Repository, concurrency int) ([]string, error,
) {
	policies := make([]string, len(repos))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(concurrency)
	for i, r := range repos {
		g.Go(func() error {
			text, err := d.client.InRegistry(r.RegistryID).FindLifecyclePolicyByRepository(gctx, r.Name)
			if ecrapi.IsNotFound(err) {
				return nil
			}
			policies[i] = text
			return err
		})
	}
	return policies, g.Wait()
}

// imagesWithoutSBOM counts, per repository, the tagged active images that no SBOM refers to.
func (d *registryAuditDataSource) imagesWithoutSBOM(
	ctx context.Context, repos []ecrapi.Repository, sbomTypes []string, concurrency int) ([]int, error,
) {
	counts := make([]int, len(repos))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(concurrency)
	for i, r := range repos {
		g.Go(func() error {
			images, err := d.client.DescribeImages(gctx, r.Name, ecrapi.TagStatusTagged)
			if err != nil {
				return err
			}
			for _, img := range images {
				if img.Status != ecrapi.ImageStatusActive || img.SubjectDigest != "" {
					continue // archived images cannot run; referrers are not deployed
				}
				refs, err := d.client.ImageReferrers(gctx, r.Name, img.Digest, sbomTypes)
				if err != nil {
					return err
				}
				if !slices.ContainsFunc(refs, func(ref ecrapi.Referrer) bool { return ref.Status == ecrapi.ImageStatusActive }) {
					counts[i]++
				}
			}
			return nil
		})
	}
	return counts, g.Wait()
}

func (reg *auditedRegistry) usesPullTime() bool {
	for _, text := range reg.policies {
		if p, err := lifecycle.Parse(text); text != "" && err == nil && p.UsesPullTime() {
			return true
		}
	}
	return false
}

// scanned is what ECR applies: the registry's rules (as BatchGetRepositoryScanningConfiguration
// reports them) or, with BASIC scanning, the repository's own scanOnPush. A registry-wide rule
// therefore never shows as SCAN_ON_PUSH_OFF. It is unknown (ok false) without either read.
func (reg *auditedRegistry) scanned(r ecrapi.Repository) (scanned, ok bool) {
	if reg.scanning == nil || reg.applied == nil {
		return false, false
	}
	return reg.applied[r.Name].Scanned() || (reg.scanning.ScanType != scanning.Enhanced && r.ScanOnPush), true
}

// frequency is what the registry's rules apply to the repository; "" when unknown.
func (reg *auditedRegistry) frequency(name string) string {
	if reg.applied == nil {
		return ""
	}
	if f := reg.applied[name].Frequency; f != "" {
		return f
	}
	return scanning.Manual
}

// repositoryAudit is what the audit says of one repository, each part derived once.
type repositoryAudit struct {
	facts   audit.Facts
	scanned bool
	// scanKnown is false when the scanning reads were refused: scanned then means nothing.
	scanKnown bool
	profiles  []string // signing profiles whose rules cover it
	governing string   // the template that governs its re-creation by a push (CREATE_ON_PUSH); "" when none
	// byScenario maps each creation scenario to the template that governs it; "" when none.
	byScenario map[string]string
}

func (reg *auditedRegistry) assess(i int) repositoryAudit {
	r := reg.repos[i]
	a := repositoryAudit{profiles: signing.Profiles(reg.signing, r.Name)}
	a.scanned, a.scanKnown = reg.scanned(r)
	a.byScenario = map[string]string{}
	for _, scenario := range creationtemplate.Scenarios {
		a.byScenario[scenario] = ""
		if t := creationtemplate.Governing(r.Name, reg.templateRefs, scenario); t >= 0 {
			a.byScenario[scenario] = reg.templates[t].Prefix
		}
	}
	a.governing = a.byScenario[creationtemplate.CreateOnPush]
	in := audit.Repository{
		Name: r.Name, Mutability: r.TagMutability, ExclusionFilters: r.ExclusionFilters, Scanned: a.scanned,
		EncryptionType: r.EncryptionType, KMSKey: r.KMSKey, PolicyText: reg.policies[i], PullTimeExclusions: reg.exclusions,
		SigningProfiles: len(a.profiles), Unknown: audit.UnknownCodes(reg.missing),
	}
	if reg.access != nil {
		in.AccessFindings = reg.access[i]
	}
	if reg.withoutSBOM != nil {
		in.ImagesWithoutSBOM = &reg.withoutSBOM[i]
	}
	a.facts = audit.Assess(in)
	return a
}

// registryFindings are the findings about the registry itself: BASIC_SCANNING, and the registry
// policy's access codes when policies are checked.
func (reg *auditedRegistry) registryFindings() []string {
	var out []string
	if reg.scanning != nil && reg.scanning.ScanType != scanning.Enhanced {
		out = append(out, audit.BasicScanning)
	}
	return append(out, reg.registryPolicy...)
}
