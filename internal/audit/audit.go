// Package audit turns a repository's settings into flat governance facts and finding codes that
// Rego or Sentinel can read without parsing JSON. It has no Terraform imports.
package audit

import (
	"slices"
	"strings"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/accesspolicy"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/mutability"
)

// Finding codes. Each names one governance gap; README and the data source docs describe them.
const (
	// TagsMutable: tags can be pushed again (MUTABLE or MUTABLE_WITH_EXCLUSION).
	TagsMutable = "TAGS_MUTABLE"
	// BroadTagException: an exclusion filter is "*", so every tag is an exception.
	BroadTagException = "BROAD_TAG_EXCEPTION"
	// NoLifecyclePolicy: the repository has no lifecycle policy; nothing is ever cleaned up.
	NoLifecyclePolicy = "NO_LIFECYCLE_POLICY"
	// NoUntaggedExpiry: no rule expires untagged images, which accumulate with every push.
	NoUntaggedExpiry = "NO_UNTAGGED_EXPIRY"
	// PolicyUnreadable: the lifecycle policy in ECR could not be parsed.
	PolicyUnreadable = "POLICY_UNREADABLE"
	// ScanOnPushOff: images are scanned neither on push nor continuously, by the repository's
	// own setting or by the registry's scanning rules (what ECR applies, not the repository
	// setting alone).
	ScanOnPushOff = "SCAN_ON_PUSH_OFF"
	// AES256NotKMS: encrypted with AES256 rather than a KMS key the organisation controls.
	AES256NotKMS = "AES256_NOT_KMS"
	// PullTimeUnprotected: a lifecycle rule counts days since the last pull (sinceImagePulled)
	// while the registry has no pull-time update exclusion, so every scanner or tool that reads
	// a manifest keeps the images it reads from ever being archived.
	PullTimeUnprotected = "PULL_TIME_UNPROTECTED"
	// UnsignedRepository: no managed-signing rule covers the repository, so nothing pushed to it
	// is signed.
	UnsignedRepository = "UNSIGNED_REPOSITORY"
	// NoSBOMReferrers: a tagged, active image has no SBOM referrer (checked only when asked for,
	// as it costs a call per image).
	NoSBOMReferrers = "NO_SBOM_REFERRERS"
	// KMSAWSManagedKey: not encrypted with a customer-managed KMS key: AES256, or KMS with the
	// AWS managed key aws/ecr. Security Hub ECR.5 and Config's ecr-repository-cmk-encryption-enabled
	// fail both ("NON_COMPLIANT if the repository is encrypted using AES256 or the default KMS key
	// ('aws/ecr')"). The managed key is recognised when ECR reports no key or the aws/ecr alias; a
	// bare key ID cannot be told apart without a KMS call.
	KMSAWSManagedKey = "KMS_AWS_MANAGED_KEY"
)

// Registry finding codes: about the registry as a whole, not one repository.
const (
	// BasicScanning: the registry uses BASIC scanning rather than ENHANCED (Amazon Inspector):
	// what prowler's ecr_registry_enhanced_scanning_enabled checks.
	BasicScanning = "BASIC_SCANNING"
)

// AllFindings lists every repository finding code, in the order they are reported.
// The access codes (internal/accesspolicy) follow them when policies are checked.
var AllFindings = []string{
	TagsMutable, BroadTagException, NoLifecyclePolicy, NoUntaggedExpiry, PolicyUnreadable, ScanOnPushOff, AES256NotKMS,
	KMSAWSManagedKey, PullTimeUnprotected, UnsignedRepository, NoSBOMReferrers,
}

// Repository is what the audit knows of one repository.
type Repository struct {
	Name             string
	Mutability       string
	ExclusionFilters []string
	// Scanned is whether ECR scans the repository's images on push or continuously, from the
	// repository's setting or the registry's rules.
	Scanned        bool
	EncryptionType string
	// KMSKey is the repository's KMS key ARN or alias; "" when ECR reports none.
	KMSKey string
	// AccessFindings are the codes of the repository policy's findings (internal/accesspolicy),
	// when policies are checked.
	AccessFindings []string
	// PolicyText is the lifecycle policy JSON; "" when there is none.
	PolicyText string
	// PullTimeExclusions is how many principals the registry excludes from pull-time updates.
	PullTimeExclusions int
	// SigningProfiles is how many signing profiles cover the repository.
	SigningProfiles int
	// ImagesWithoutSBOM counts the tagged, active images without an SBOM referrer; nil when not
	// checked.
	ImagesWithoutSBOM *int
	// Unknown are the finding codes the caller could not judge (a read it lacks the permission
	// for): they are never reported as findings, whatever the other fields say.
	Unknown []string
}

// Facts are the audit's answers for one repository.
type Facts struct {
	TagsImmutable      bool
	HasLifecyclePolicy bool
	ExpiresUntagged    bool
	KeepsAtMost        *int64
	UsesPullTime       bool
	Findings           []string
}

// Assess computes the facts and findings of one repository.
func Assess(r Repository) Facts {
	f := Facts{TagsImmutable: mutability.TagsImmutable(r.Mutability), HasLifecyclePolicy: r.PolicyText != ""}
	if !f.TagsImmutable {
		f.Findings = append(f.Findings, TagsMutable)
	}
	for _, filter := range r.ExclusionFilters {
		if filter == "*" {
			f.Findings = append(f.Findings, BroadTagException)
			break
		}
	}
	if !f.HasLifecyclePolicy {
		f.Findings = append(f.Findings, NoLifecyclePolicy, NoUntaggedExpiry)
	} else if p, err := lifecycle.Parse(r.PolicyText); err != nil {
		f.Findings = append(f.Findings, PolicyUnreadable, NoUntaggedExpiry)
	} else {
		f.ExpiresUntagged = p.ExpiresUntagged()
		f.UsesPullTime = p.UsesPullTime()
		if n, ok := p.KeepsAtMost(); ok {
			f.KeepsAtMost = &n
		}
		if !f.ExpiresUntagged {
			f.Findings = append(f.Findings, NoUntaggedExpiry)
		}
	}
	if !r.Scanned {
		f.Findings = append(f.Findings, ScanOnPushOff)
	}
	if r.EncryptionType == "" || r.EncryptionType == "AES256" {
		f.Findings = append(f.Findings, AES256NotKMS, KMSAWSManagedKey)
	} else if r.KMSKey == "" || strings.HasSuffix(r.KMSKey, "alias/aws/ecr") {
		f.Findings = append(f.Findings, KMSAWSManagedKey)
	}
	if f.UsesPullTime && r.PullTimeExclusions == 0 {
		f.Findings = append(f.Findings, PullTimeUnprotected)
	}
	if r.SigningProfiles == 0 {
		f.Findings = append(f.Findings, UnsignedRepository)
	}
	if r.ImagesWithoutSBOM != nil && *r.ImagesWithoutSBOM > 0 {
		f.Findings = append(f.Findings, NoSBOMReferrers)
	}
	f.Findings = append(f.Findings, r.AccessFindings...)
	f.Findings = slices.DeleteFunc(f.Findings, func(code string) bool { return slices.Contains(r.Unknown, code) })
	return f
}

// AccessCodes turns a policy's findings into the audit's codes: each code once, in the order
// they first appear.
func AccessCodes(fs []accesspolicy.Finding) []string {
	var codes []string
	for _, x := range fs {
		if !slices.Contains(codes, x.Code) {
			codes = append(codes, x.Code)
		}
	}
	return codes
}
