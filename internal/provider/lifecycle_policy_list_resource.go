package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

var _ list.ListResourceWithConfigure = &lifecyclePolicyListResource{}

func newLifecyclePolicyListResource() list.ListResource { return &lifecyclePolicyListResource{} }

// lifecyclePolicyListResource lists the lifecycle policies of the selected repositories (one
// GetLifecyclePolicy each; repositories without one are skipped), as ecrgov_lifecycle_policy
// resources whose generated configuration uses the typed rule blocks.
type lifecyclePolicyListResource struct {
	repositoryLister
}

func (l *lifecyclePolicyListResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_lifecycle_policy"
}

func (l *lifecyclePolicyListResource) ListResourceConfigSchema(
	_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse,
) {
	resp.Schema = repositoryFilterSchema("lifecycle policies as `ecrgov_lifecycle_policy` with typed `rule` blocks " +
		"(one GetLifecyclePolicy per repository)")
}

func (l *lifecyclePolicyListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	l.list(ctx, req, stream, "repository", func(r ecrapi.Repository, result *list.ListResult) bool {
		text, err := l.client.FindLifecyclePolicyByRepository(ctx, r.Name)
		switch {
		case ecrapi.IsNotFound(err):
			return false // no policy: nothing to adopt here; the audit reports NO_LIFECYCLE_POLICY
		case err != nil:
			addActionError(&result.Diagnostics, "reading", lifecyclePolicyLabel, r.Name, err)
		case req.IncludeResource:
			l.fill(ctx, result, r.Name, text)
		}
		return true
	})
}

// fill sets the listed resource: the policy as typed rule blocks and its canonical text.
func (l *lifecyclePolicyListResource) fill(ctx context.Context, result *list.ListResult, repo, text string) {
	p, err := lifecycle.Parse(text)
	if err != nil {
		result.Diagnostics.AddWarning("listing "+lifecyclePolicyLabel+" ("+repo+")",
			"The policy in ECR could not be parsed ("+err.Error()+"); it is listed without a resource.")
		return
	}
	rules, d := rulesFromPolicy(ctx, p)
	result.Diagnostics.Append(d...)
	m := lifecyclePolicyModel{
		ID: types.StringValue(repo), Repository: types.StringValue(repo), Policy: nullLifecyclePolicyJSON(),
		PolicyJSON: types.StringValue(lifecycle.Canonical(p)), Rules: rules,
		MaxAffectedImages: types.Int64Null(), ReadIndexManifests: types.BoolNull(),
	}
	result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
}
