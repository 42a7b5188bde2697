package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
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
	client *ecrapi.Client
}

func (l *lifecyclePolicyListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_lifecycle_policy"
}

func (l *lifecyclePolicyListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = repositoryFilterSchema("lifecycle policies as `ecrgov_lifecycle_policy` with typed `rule` blocks (one GetLifecyclePolicy per repository)")
}

func (l *lifecyclePolicyListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *lifecyclePolicyListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	repos, diags := listedRepositories(ctx, l.client, req)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		n := 0
		for _, r := range repos {
			if limited(req, n) {
				return
			}
			text, err := l.client.FindLifecyclePolicyByRepository(ctx, r.Name)
			if ecrapi.IsNotFound(err) {
				continue // no policy: nothing to adopt here; the audit reports NO_LIFECYCLE_POLICY
			}
			result := req.NewListResult(ctx)
			result.DisplayName = r.Name
			result.Diagnostics.Append(result.Identity.SetAttribute(ctx, path.Root("repository"), r.Name)...)
			if err != nil {
				addActionError(&result.Diagnostics, "reading", lifecyclePolicyLabel, r.Name, err)
			} else if req.IncludeResource {
				l.fill(ctx, &result, r.Name, text)
			}
			n++
			if !push(result) {
				return
			}
		}
	}
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
