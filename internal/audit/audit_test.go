package audit

import (
	"reflect"
	"slices"
	"testing"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/accesspolicy"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/pullthroughcache"
)

const goodPolicy = `{"rules":[
 {"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}},
 {"rulePriority":5,"selection":{"tagStatus":"tagged","tagPatternList":["*"],"countType":"imageCountMoreThan","countNumber":200},"action":{"type":"expire"}},
 {"rulePriority":9,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":500},"action":{"type":"expire"}}]}`

const releasesOnly = `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPatternList":["v*"],"countType":"imageCountMoreThan","countNumber":30},"action":{"type":"expire"}}]}`

func TestAssess(t *testing.T) {
	tests := []struct {
		name          string
		repo          Repository
		wantFindings  []string
		wantImmutable bool
		wantUntagged  bool
		wantKeeps     *int64
	}{
		{
			name:          "governed",
			repo:          Repository{Mutability: "IMMUTABLE_WITH_EXCLUSION", ExclusionFilters: []string{"latest"}, Scanned: true, EncryptionType: "KMS", KMSKey: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", PolicyText: goodPolicy, SigningProfiles: 1},
			wantImmutable: true, wantUntagged: true, wantKeeps: ptr(200),
		},
		{
			name:         "ungoverned",
			repo:         Repository{Mutability: "MUTABLE", EncryptionType: "AES256", ImagesWithoutSBOM: ptrInt(2)},
			wantFindings: []string{TagsMutable, NoLifecyclePolicy, NoUntaggedExpiry, ScanOnPushOff, AES256NotKMS, KMSAWSManagedKey, UnsignedRepository, NoSBOMReferrers},
		},
		{
			name:          "releases only, wildcard exception",
			repo:          Repository{Mutability: "IMMUTABLE_WITH_EXCLUSION", ExclusionFilters: []string{"*"}, Scanned: true, EncryptionType: "KMS_DSSE", KMSKey: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", PolicyText: releasesOnly, SigningProfiles: 2, ImagesWithoutSBOM: ptrInt(0)},
			wantFindings:  []string{BroadTagException, NoUntaggedExpiry},
			wantImmutable: true,
		},
		{
			name:          "archives by pull time without an exclusion",
			repo:          Repository{Mutability: "IMMUTABLE", Scanned: true, EncryptionType: "KMS", KMSKey: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", PolicyText: pullTimePolicy, SigningProfiles: 1},
			wantFindings:  []string{PullTimeUnprotected},
			wantImmutable: true, wantUntagged: true,
		},
		{
			name:          "archives by pull time with an exclusion",
			repo:          Repository{Mutability: "IMMUTABLE", Scanned: true, EncryptionType: "KMS", KMSKey: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", PolicyText: pullTimePolicy, PullTimeExclusions: 1, SigningProfiles: 1},
			wantImmutable: true, wantUntagged: true,
		},
		{
			name:          "the AWS managed key, and a public repository policy",
			repo:          Repository{Mutability: "IMMUTABLE", Scanned: true, EncryptionType: "KMS", KMSKey: "arn:aws:kms:us-east-1:111122223333:alias/aws/ecr", PolicyText: goodPolicy, SigningProfiles: 1, AccessFindings: []string{"PUBLIC_POLICY"}},
			wantFindings:  []string{KMSAWSManagedKey, "PUBLIC_POLICY"},
			wantImmutable: true, wantUntagged: true, wantKeeps: ptr(200),
		},
		{
			name:          "KMS with no key reported is the AWS managed key",
			repo:          Repository{Mutability: "IMMUTABLE", Scanned: true, EncryptionType: "KMS", PolicyText: goodPolicy, SigningProfiles: 1},
			wantFindings:  []string{KMSAWSManagedKey},
			wantImmutable: true, wantUntagged: true, wantKeeps: ptr(200),
		},
		{
			name:          "unreadable policy",
			repo:          Repository{Mutability: "IMMUTABLE", Scanned: true, EncryptionType: "KMS", KMSKey: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", PolicyText: `{"rules":[{"x":1}]}`, SigningProfiles: 1},
			wantFindings:  []string{PolicyUnreadable, NoUntaggedExpiry},
			wantImmutable: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Assess(tt.repo)
			if !reflect.DeepEqual(f.Findings, tt.wantFindings) {
				t.Errorf("findings = %v, want %v", f.Findings, tt.wantFindings)
			}
			if f.TagsImmutable != tt.wantImmutable || f.ExpiresUntagged != tt.wantUntagged {
				t.Errorf("immutable=%v expiresUntagged=%v", f.TagsImmutable, f.ExpiresUntagged)
			}
			if !reflect.DeepEqual(f.KeepsAtMost, tt.wantKeeps) {
				t.Errorf("keepsAtMost = %v, want %v", deref(f.KeepsAtMost), deref(tt.wantKeeps))
			}
		})
	}
}

// pullTimePolicy expires untagged images and archives images not pulled for 90 days.
const pullTimePolicy = `{"rules":[
 {"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}},
 {"rulePriority":2,"selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":90},"action":{"type":"transition","targetStorageClass":"archive"}}]}`

func TestAssessTemplate(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   Template
		want []string
	}{
		{"governed", Template{Mutability: "IMMUTABLE_WITH_EXCLUSION", PolicyText: goodPolicy}, nil},
		{"ECR's defaults", Template{Mutability: "MUTABLE"}, []string{TemplateTagsMutable, TemplateNoLifecyclePolicy, TemplateNoUntaggedExpiry}},
		{"keeps untagged", Template{Mutability: "IMMUTABLE", PolicyText: releasesOnly}, []string{TemplateNoUntaggedExpiry}},
		{"unreadable policy", Template{Mutability: "IMMUTABLE", PolicyText: "{"}, []string{TemplateNoUntaggedExpiry}},
		{"mutable with exclusions", Template{Mutability: "MUTABLE_WITH_EXCLUSION", PolicyText: goodPolicy}, []string{TemplateTagsMutable}},
	} {
		if got := AssessTemplate(tc.in).Findings; !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: findings = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func ptr(n int64) *int64 { return &n }

func ptrInt(n int) *int { return &n }

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestAccessCodes(t *testing.T) {
	got := AccessCodes([]accesspolicy.Finding{{Code: "PUBLIC_POLICY", Sid: "a"}, {Code: "WILDCARD_ACTION", Sid: "b"}, {Code: "PUBLIC_POLICY", Sid: "c"}})
	if want := []string{"PUBLIC_POLICY", "WILDCARD_ACTION"}; !reflect.DeepEqual(got, want) {
		t.Errorf("AccessCodes = %v, want %v", got, want)
	}
}

func TestAssessPullThroughCacheRule(t *testing.T) {
	templates := []pullthroughcache.Template{
		{Prefix: "cache", AppliedFor: []string{"PULL_THROUGH_CACHE"}},
		{Prefix: "push", AppliedFor: []string{"CREATE_ON_PUSH"}},
	}
	for prefix, want := range map[string]string{"cache/docker-hub": "cache", "push": "", "quay": "", "ROOT": ""} {
		got := AssessPullThroughCacheRule(prefix, templates)
		if got.Template != want || (want == "") != (len(got.Findings) == 1 && got.Findings[0] == PullThroughCacheUngoverned) {
			t.Errorf("AssessPullThroughCacheRule(%q) = %+v, want template %q", prefix, got, want)
		}
	}
}

// A code the caller could not judge is never a finding: without the signing and scanning reads,
// an unsigned, unscanned repository reports neither UNSIGNED_REPOSITORY nor SCAN_ON_PUSH_OFF.
func TestAssess_unknownCodesAreNotFindings(t *testing.T) {
	unknown := UnknownCodes([]string{"ecr:GetSigningConfiguration", "ecr:BatchGetRepositoryScanningConfiguration"})
	if want := []string{ScanOnPushOff, UnsignedRepository}; !reflect.DeepEqual(unknown, want) {
		t.Fatalf("UnknownCodes = %v, want %v", unknown, want)
	}
	got := Assess(Repository{Mutability: "MUTABLE", EncryptionType: "AES256", Unknown: unknown}).Findings
	want := []string{TagsMutable, NoLifecyclePolicy, NoUntaggedExpiry, AES256NotKMS, KMSAWSManagedKey}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings = %v, want %v", got, want)
	}
}

func TestUnknownCodes(t *testing.T) {
	for _, tt := range []struct {
		missing []string
		want    []string
	}{
		{nil, nil},
		{[]string{"ecr:DescribeRepositoryCreationTemplates"}, append(slices.Clone(AllTemplateFindings), PullThroughCacheUngoverned, ReplicationUngoverned)},
		{[]string{"ecr:DescribeRegistry"}, []string{ReplicationUngoverned, DeleteReplication}},
		{[]string{"ecr:DescribePullThroughCacheRules"}, []string{PullThroughCacheUngoverned}},
		{[]string{"ecr:GetRegistryScanningConfiguration", "ecr:BatchGetRepositoryScanningConfiguration"}, []string{ScanOnPushOff, BasicScanning}},
		{[]string{"ecr:ListPullTimeUpdateExclusions"}, []string{PullTimeUnprotected}},
		{[]string{"ecr:DescribeRepositories"}, nil},
	} {
		if got := UnknownCodes(tt.missing); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("UnknownCodes(%v) = %v, want %v", tt.missing, got, tt.want)
		}
	}
}
