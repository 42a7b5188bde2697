// Package audit turns a repository's settings into flat governance facts and finding codes that
// Rego or Sentinel can read without parsing JSON. It has no Terraform imports.
package audit

import (
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
)

// AllFindings lists every repository finding code, in the order they are reported.
var AllFindings = []string{TagsMutable, BroadTagException, NoLifecyclePolicy, NoUntaggedExpiry, PolicyUnreadable, ScanOnPushOff, AES256NotKMS, PullTimeUnprotected, UnsignedRepository, NoSBOMReferrers}

// Repository is what the audit knows of one repository.
type Repository struct {
	Name             string
	Mutability       string
	ExclusionFilters []string
	// Scanned is whether ECR scans the repository's images on push or continuously, from the
	// repository's setting or the registry's rules.
	Scanned        bool
	EncryptionType string
	// PolicyText is the lifecycle policy JSON; "" when there is none.
	PolicyText string
	// PullTimeExclusions is how many principals the registry excludes from pull-time updates.
	PullTimeExclusions int
	// SigningProfiles is how many signing profiles cover the repository.
	SigningProfiles int
	// ImagesWithoutSBOM counts the tagged, active images without an SBOM referrer; nil when not
	// checked.
	ImagesWithoutSBOM *int
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
		f.Findings = append(f.Findings, AES256NotKMS)
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
	return f
}
