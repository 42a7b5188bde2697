package provider

// What diagnostics call each object, in summaries such as "creating ECR repository (team/app)".
const (
	repositoryLabel           = "ECR repository"
	tagMutabilityLabel        = "ECR repository tag mutability"
	lifecyclePolicyLabel      = "ECR lifecycle policy"
	previewLabel              = "ECR lifecycle policy preview"
	imageLabel                = "ECR image"
	imageTagLabel             = "ECR image tag"
	pullTimeExclusionLabel    = "ECR pull time update exclusion"
	creationTemplateLabel     = "ECR repository creation template"
	scanningConfigLabel       = "ECR registry scanning configuration"
	accountSettingLabel       = "ECR account setting"
	signingConfigLabel        = "ECR signing configuration"
	replicationRuleLabel      = "ECR replication rule"
	repositoryPolicyLabel     = "ECR repository policy"
	registryPolicyLabel       = "ECR registry policy"
	pullThroughCacheRuleLabel = "ECR pull through cache rule"
)
