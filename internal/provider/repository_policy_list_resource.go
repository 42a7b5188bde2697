package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/accesspolicy"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

var _ list.ListResourceWithConfigure = &repositoryPolicyListResource{}

func newRepositoryPolicyListResource() list.ListResource { return &repositoryPolicyListResource{} }

// repositoryPolicyListResource lists the repositories that have a permissions policy, as
// ecrgov_repository_policy: the way to bring who-can-pull under review. It costs one
// GetRepositoryPolicy per repository the filter selects (ECR has no batch form).
type repositoryPolicyListResource struct {
	repositoryLister
}

func (l *repositoryPolicyListResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_repository_policy"
}

func (l *repositoryPolicyListResource) ListResourceConfigSchema(
	_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse,
) {
	resp.Schema = repositoryFilterSchema("the permissions policies of repositories, whoever owns them, as " +
		"`ecrgov_repository_policy` (one GetRepositoryPolicy per repository selected; repositories without a policy " +
		"are skipped),")
}

func (l *repositoryPolicyListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	owner := ""
	if l.client != nil {
		owner, _ = l.client.RegistryID(ctx) // "" only weakens the findings to warnings
	}
	l.list(ctx, req, stream, "repository", func(r ecrapi.Repository, result *list.ListResult) bool {
		text, err := l.client.FindRepositoryPolicyByRepository(ctx, r.Name)
		if ecrapi.IsNotFound(err) {
			return false
		}
		if err != nil {
			addActionError(&result.Diagnostics, "reading", repositoryPolicyLabel, r.Name, err)
			return true
		}
		if req.IncludeResource {
			policy := jsontypes.NewNormalizedValue(text)
			m := repositoryPolicyModel{
				ID: types.StringValue(r.Name), Repository: types.StringValue(r.Name), Policy: policy,
				AllowPublic: types.BoolValue(false), TrustedAccounts: types.SetNull(types.StringType),
				Findings:       analyzedPolicy(text, accesspolicy.Options{OwnAccount: owner}),
				PreviousPolicy: policy, RestoreOnDestroy: types.BoolValue(false),
			}
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
		return true
	})
}
