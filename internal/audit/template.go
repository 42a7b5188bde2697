package audit

import (
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/mutability"
)

// Template finding codes: a repository creation template weaker than the governance its
// repositories should have. ECR applies a template only when it creates a repository, so a weak
// template is a stream of future findings.
const (
	// TemplateTagsMutable: the template creates repositories whose tags can be pushed again.
	TemplateTagsMutable = "TEMPLATE_TAGS_MUTABLE"
	// TemplateNoLifecyclePolicy: the template creates repositories without a lifecycle policy.
	TemplateNoLifecyclePolicy = "TEMPLATE_NO_LIFECYCLE_POLICY"
	// TemplateNoUntaggedExpiry: the template's lifecycle policy never expires untagged images.
	TemplateNoUntaggedExpiry = "TEMPLATE_NO_UNTAGGED_EXPIRY"
)

// AllTemplateFindings lists every template finding code, in the order they are reported.
var AllTemplateFindings = []string{TemplateTagsMutable, TemplateNoLifecyclePolicy, TemplateNoUntaggedExpiry}

// Template is what the audit knows of a repository creation template.
type Template struct {
	Mutability string
	// PolicyText is the template's lifecycle policy JSON; "" when there is none.
	PolicyText string
}

// TemplateFacts are the audit's answers for one template.
type TemplateFacts struct {
	TagsImmutable      bool
	HasLifecyclePolicy bool
	ExpiresUntagged    bool
	Findings           []string
}

// AssessTemplate computes the facts and findings of one template. A policy that cannot be
// parsed expires nothing the audit can prove.
func AssessTemplate(t Template) TemplateFacts {
	f := TemplateFacts{TagsImmutable: mutability.TagsImmutable(t.Mutability), HasLifecyclePolicy: t.PolicyText != ""}
	if !f.TagsImmutable {
		f.Findings = append(f.Findings, TemplateTagsMutable)
	}
	if !f.HasLifecyclePolicy {
		f.Findings = append(f.Findings, TemplateNoLifecyclePolicy, TemplateNoUntaggedExpiry)
		return f
	}
	if p, err := lifecycle.Parse(t.PolicyText); err == nil {
		f.ExpiresUntagged = p.ExpiresUntagged()
	}
	if !f.ExpiresUntagged {
		f.Findings = append(f.Findings, TemplateNoUntaggedExpiry)
	}
	return f
}
