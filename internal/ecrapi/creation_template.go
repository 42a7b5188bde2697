package ecrapi

import (
	"context"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// KindCreationTemplate is a repository creation template missing from the registry.
const KindCreationTemplate Kind = "repository creation template"

// ErrTemplateExists is returned when a template already holds the prefix and this call did not
// provably create it.
var ErrTemplateExists = errors.New("a repository creation template already exists for this prefix")

// CreationTemplate is a repository creation template as the boundary reports it, with ECR's
// defaults applied once: no mutability is MUTABLE, no encryption is AES256.
type CreationTemplate struct {
	Prefix           string
	AppliedFor       []string // sorted
	Description      string
	TagMutability    string
	ExclusionFilters []string // nil when there are none
	LifecyclePolicy  string   // "" when there is none
	RepositoryPolicy string   // "" when there is none
	EncryptionType   string
	KMSKey           string
	ResourceTags     map[string]string // nil when there are none
	CustomRoleARN    string
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func creationTemplateFrom(t types.RepositoryCreationTemplate) CreationTemplate {
	out := CreationTemplate{
		Prefix:           aws.ToString(t.Prefix),
		Description:      aws.ToString(t.Description),
		TagMutability:    string(t.ImageTagMutability),
		ExclusionFilters: exclusionFilters(t.ImageTagMutabilityExclusionFilters),
		LifecyclePolicy:  aws.ToString(t.LifecyclePolicy),
		RepositoryPolicy: aws.ToString(t.RepositoryPolicy),
		EncryptionType:   DefaultEncryptionType,
		CustomRoleARN:    aws.ToString(t.CustomRoleArn),
		CreatedAt:        aws.ToTime(t.CreatedAt),
		UpdatedAt:        aws.ToTime(t.UpdatedAt),
	}
	if out.TagMutability == "" {
		out.TagMutability = string(types.ImageTagMutabilityMutable)
	}
	for _, a := range t.AppliedFor {
		out.AppliedFor = append(out.AppliedFor, string(a))
	}
	slices.Sort(out.AppliedFor)
	if enc := t.EncryptionConfiguration; enc != nil && enc.EncryptionType != "" {
		out.EncryptionType = string(enc.EncryptionType)
		out.KMSKey = aws.ToString(enc.KmsKey)
	}
	for _, tag := range t.ResourceTags {
		if out.ResourceTags == nil {
			out.ResourceTags = map[string]string{}
		}
		out.ResourceTags[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
	}
	return out
}

// CreationTemplateSpec is everything a template is created or updated with; "" and nil are
// "not set". A create sends only what is set; an update sends only what changed
// (UpdateCreationTemplate).
type CreationTemplateSpec struct {
	Prefix           string
	AppliedFor       []string
	Description      string
	TagMutability    string
	ExclusionFilters []string
	LifecyclePolicy  string
	RepositoryPolicy string
	EncryptionType   string
	KMSKey           string
	ResourceTags     map[string]string
	CustomRoleARN    string
}

func (s CreationTemplateSpec) appliedFor() []types.RCTAppliedFor {
	out := make([]types.RCTAppliedFor, 0, len(s.AppliedFor))
	for _, a := range slices.Sorted(slices.Values(s.AppliedFor)) {
		out = append(out, types.RCTAppliedFor(a))
	}
	return out
}

func (s CreationTemplateSpec) encryption() *types.EncryptionConfigurationForRepositoryCreationTemplate {
	if s.EncryptionType == "" {
		return nil
	}
	enc := &types.EncryptionConfigurationForRepositoryCreationTemplate{EncryptionType: types.EncryptionType(s.EncryptionType)}
	if s.KMSKey != "" {
		enc.KmsKey = aws.String(s.KMSKey)
	}
	return enc
}

// CreateCreationTemplate creates the template. An ambiguous outcome is settled by createSettled,
// as every create is; a template that is not provably this call's is an *ExistsError wrapping
// ErrTemplateExists.
func (c *Client) CreateCreationTemplate(ctx context.Context, spec CreationTemplateSpec) (*CreationTemplate, error) {
	// Only what is set is sent: what ECR makes of an empty description or policy on a create
	// is not documented, and a member left out is plainly "none".
	in := &ecr.CreateRepositoryCreationTemplateInput{
		Prefix:                             aws.String(spec.Prefix),
		AppliedFor:                         spec.appliedFor(),
		Description:                        setOnly(spec.Description),
		ImageTagMutability:                 types.ImageTagMutability(spec.TagMutability),
		ImageTagMutabilityExclusionFilters: wildcardFilters(spec.ExclusionFilters),
		LifecyclePolicy:                    setOnly(spec.LifecyclePolicy),
		RepositoryPolicy:                   setOnly(spec.RepositoryPolicy),
		EncryptionConfiguration:            spec.encryption(),
		ResourceTags:                       apiTags(spec.ResourceTags),
		CustomRoleArn:                      setOnly(spec.CustomRoleARN),
	}
	return createSettled(ctx, c, createOp[CreationTemplate]{
		kind: KindCreationTemplate, id: spec.Prefix, sentinel: ErrTemplateExists,
		call: func(ctx context.Context) (*CreationTemplate, error) {
			out, err := c.api.CreateRepositoryCreationTemplate(ctx, in, oneAttempt)
			switch {
			case err != nil:
				return nil, err
			case out.RepositoryCreationTemplate == nil:
				return c.FindNewCreationTemplateByPrefix(ctx, spec.Prefix)
			}
			t := creationTemplateFrom(*out.RepositoryCreationTemplate)
			return &t, nil
		},
		exists: func(err error) bool {
			var exists *types.TemplateAlreadyExistsException
			return errors.As(err, &exists)
		},
		find: func(ctx context.Context) (*CreationTemplate, error) {
			return c.FindCreationTemplateByPrefix(ctx, spec.Prefix)
		},
		ours: func(t *CreationTemplate, started time.Time) bool {
			return createdSince(t.CreatedAt, started) && t.matches(spec)
		},
	})
}

// matches reports whether the template has the settings spec asked for.
func (t *CreationTemplate) matches(spec CreationTemplateSpec) bool {
	mode := spec.TagMutability
	if mode == "" {
		mode = string(types.ImageTagMutabilityMutable)
	}
	return t.TagMutability == mode &&
		slices.Equal(t.AppliedFor, sorted(spec.AppliedFor)) &&
		slices.Equal(sorted(t.ExclusionFilters), sorted(spec.ExclusionFilters)) &&
		t.LifecyclePolicy == spec.LifecyclePolicy && t.Description == spec.Description
}

// UpdateCreationTemplate changes the template from current to desired with one call that
// carries only the members that differ, as terraform-provider-aws does:
//   - the mutability mode and its exclusion filters are sent together whenever either changes
//     (filters only with a *_WITH_EXCLUSION mode, which requires them; a plain mode takes none);
//   - a text member set to "" (description, custom role, lifecycle or repository policy) is sent
//     as "" to clear it, and tags set to none as [];
//   - nothing changed sends nothing (changed is false).
//
// A missing template is a *NotFoundError.
func (c *Client) UpdateCreationTemplate(
	ctx context.Context, current, desired CreationTemplateSpec) (changed bool, err error,
) {
	in := templateUpdate(current, desired)
	if in == nil {
		return false, nil
	}
	_, err = c.api.UpdateRepositoryCreationTemplate(ctx, in)
	return true, templateNotFound(err, desired.Prefix)
}

// templateUpdate is the UpdateRepositoryCreationTemplate request from current to desired; nil
// when nothing differs.
func templateUpdate(current, desired CreationTemplateSpec) *ecr.UpdateRepositoryCreationTemplateInput {
	in := &ecr.UpdateRepositoryCreationTemplateInput{Prefix: aws.String(desired.Prefix)}
	changed := false
	text := func(cur, want string) *string {
		if cur == want {
			return nil
		}
		changed = true
		return aws.String(want)
	}
	in.Description = text(current.Description, desired.Description)
	in.LifecyclePolicy = text(current.LifecyclePolicy, desired.LifecyclePolicy)
	in.RepositoryPolicy = text(current.RepositoryPolicy, desired.RepositoryPolicy)
	in.CustomRoleArn = text(current.CustomRoleARN, desired.CustomRoleARN)
	if !slices.Equal(sorted(current.AppliedFor), sorted(desired.AppliedFor)) {
		in.AppliedFor, changed = desired.appliedFor(), true
	}
	if current.TagMutability != desired.TagMutability || !slices.Equal(sorted(current.ExclusionFilters), sorted(desired.ExclusionFilters)) {
		in.ImageTagMutability = types.ImageTagMutability(desired.TagMutability)
		in.ImageTagMutabilityExclusionFilters = wildcardFilters(desired.ExclusionFilters)
		changed = true
	}
	if current.EncryptionType != desired.EncryptionType || current.KMSKey != desired.KMSKey {
		in.EncryptionConfiguration, changed = desired.encryption(), true
	}
	if !maps.Equal(current.ResourceTags, desired.ResourceTags) {
		in.ResourceTags, changed = apiTags(desired.ResourceTags), true
		if in.ResourceTags == nil {
			in.ResourceTags = []types.Tag{} // sent as [], which clears the tags
		}
	}
	if !changed {
		return nil
	}
	return in
}

// setOnly is s for a request member, or nil (left out) when it is "".
func setOnly(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

// DeleteCreationTemplate deletes the template and waits until DescribeRepositoryCreationTemplates
// no longer lists it, or lists a new one of that prefix (waitGone), as DeleteRepository does; one
// that is already gone is success.
func (c *Client) DeleteCreationTemplate(ctx context.Context, prefix string) error {
	out, err := c.api.DeleteRepositoryCreationTemplate(ctx, &ecr.DeleteRepositoryCreationTemplateInput{Prefix: aws.String(prefix)})
	switch {
	case err == nil:
		var deletedAt time.Time
		if out.RepositoryCreationTemplate != nil {
			deletedAt = aws.ToTime(out.RepositoryCreationTemplate.CreatedAt)
		}
		return c.waitGone(ctx, KindCreationTemplate, prefix, deletedAt, func(ctx context.Context) (time.Time, error) {
			t, err := c.FindCreationTemplateByPrefix(ctx, prefix)
			if err != nil {
				return time.Time{}, err
			}
			return t.CreatedAt, nil
		})
	case IsNotFound(templateNotFound(err, prefix)):
		return nil
	}
	return err
}

// FindNewCreationTemplateByPrefix is FindCreationTemplateByPrefix for a template this run has
// just created: not found is looked at again a few times (findNew) before it is believed.
func (c *Client) FindNewCreationTemplateByPrefix(ctx context.Context, prefix string) (*CreationTemplate, error) {
	return findNew(ctx, c, func(ctx context.Context) (*CreationTemplate, error) {
		return c.FindCreationTemplateByPrefix(ctx, prefix)
	})
}

// FindCreationTemplateByPrefix returns the template, or a *NotFoundError.
func (c *Client) FindCreationTemplateByPrefix(ctx context.Context, prefix string) (*CreationTemplate, error) {
	out, err := c.api.DescribeRepositoryCreationTemplates(ctx, &ecr.DescribeRepositoryCreationTemplatesInput{Prefixes: []string{prefix}})
	if err != nil {
		return nil, templateNotFound(err, prefix)
	}
	for _, t := range out.RepositoryCreationTemplates {
		if aws.ToString(t.Prefix) == prefix {
			found := creationTemplateFrom(t)
			return &found, nil
		}
	}
	return nil, &NotFoundError{Kind: KindCreationTemplate, ID: prefix}
}

// DescribeCreationTemplatesPageSize is DescribeRepositoryCreationTemplates' largest page.
const DescribeCreationTemplatesPageSize = 1000

// ListCreationTemplates lists every template of the registry, sorted by prefix.
func (c *Client) ListCreationTemplates(ctx context.Context) ([]CreationTemplate, error) {
	var out []CreationTemplate
	p := ecr.NewDescribeRepositoryCreationTemplatesPaginator(c.api, &ecr.DescribeRepositoryCreationTemplatesInput{MaxResults: aws.Int32(DescribeCreationTemplatesPageSize)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, t := range page.RepositoryCreationTemplates {
			out = append(out, creationTemplateFrom(t))
		}
	}
	slices.SortFunc(out, func(a, b CreationTemplate) int {
		switch {
		case a.Prefix < b.Prefix:
			return -1
		case a.Prefix > b.Prefix:
			return 1
		}
		return 0
	})
	return out, nil
}

func templateNotFound(err error, prefix string) error {
	var nf *types.TemplateNotFoundException
	if errors.As(err, &nf) {
		return &NotFoundError{Kind: KindCreationTemplate, ID: prefix, Err: err}
	}
	return err
}
