package lifecycle

// Policy is an ECR lifecycle policy. Rules keep the order they were given in; Canonical sorts
// them by priority.
type Policy struct {
	Rules []Rule
}

// Rule is one lifecycle rule.
type Rule struct {
	RulePriority int64
	Description  string
	Selection    Selection
	Action       Action
}

// Selection chooses the images a rule considers. Empty strings and nil lists mean "absent".
type Selection struct {
	TagStatus      string
	TagPatternList []string
	TagPrefixList  []string
	StorageClass   string // "" means the default, standard
	CountType      string
	CountUnit      string
	CountNumber    int64
}

// Action is what a rule does to the images it selects beyond its count.
type Action struct {
	Type               string
	TargetStorageClass string
}

// The policy vocabulary. The policy JSON is lowercase; the SDK's enums are uppercase.
const (
	TagStatusTagged   = "tagged"
	TagStatusUntagged = "untagged"
	TagStatusAny      = "any"

	StorageClassStandard = "standard"
	StorageClassArchive  = "archive"

	CountTypeImageCountMoreThan     = "imageCountMoreThan"
	CountTypeSinceImagePushed       = "sinceImagePushed"
	CountTypeSinceImagePulled       = "sinceImagePulled"
	CountTypeSinceImageTransitioned = "sinceImageTransitioned"

	CountUnitDays = "days"

	ActionExpire     = "expire"
	ActionTransition = "transition"
)

// Enumerations, for validators and docs.
var (
	TagStatuses    = []string{TagStatusTagged, TagStatusUntagged, TagStatusAny}
	StorageClasses = []string{StorageClassStandard, StorageClassArchive}
	CountTypes     = []string{CountTypeImageCountMoreThan, CountTypeSinceImagePushed, CountTypeSinceImagePulled, CountTypeSinceImageTransitioned}
	CountUnits     = []string{CountUnitDays}
	ActionTypes    = []string{ActionExpire, ActionTransition}
)

// Limits from the PutLifecyclePolicy API reference (lifecyclePolicyText: 100 to 30,720
// characters) and the ECR service quotas (50 rules per policy).
const (
	MaxRules = 50
	// MaxInt32 bounds rulePriority and countNumber: the API model types them as 32-bit integers.
	MaxInt32          = 1<<31 - 1
	MaxPolicyChars    = 30720
	MinPolicyChars    = 100
	MaxWildcards      = 4
	MinArchiveExpDays = 90
)

// EffectiveStorageClass is the storage class the selection acts on: standard unless archive is
// named.
func (s Selection) EffectiveStorageClass() string {
	if s.StorageClass == "" {
		return StorageClassStandard
	}
	return s.StorageClass
}

// IsSince reports whether the count type counts days.
func (s Selection) IsSince() bool {
	return s.CountType != CountTypeImageCountMoreThan && s.CountType != ""
}
