package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

var _ list.ListResourceWithConfigure = &repositoryTagMutabilityListResource{}

func newRepositoryTagMutabilityListResource() list.ListResource {
	return &repositoryTagMutabilityListResource{}
}

// repositoryTagMutabilityListResource lists every repository, including those another module or
// provider owns, as the ecrgov_repository_tag_mutability overlay: the way to bring a registry
// under immutability governance without taking ownership of its repositories. The resource it
// generates records today's setting as it is; the user then sets IMMUTABLE.
type repositoryTagMutabilityListResource struct {
	client *ecrapi.Client
}

func (l *repositoryTagMutabilityListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_repository_tag_mutability"
}

func (l *repositoryTagMutabilityListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = repositoryFilterSchema("the tag mutability of repositories, whoever owns them, as the `ecrgov_repository_tag_mutability` overlay")
}

func (l *repositoryTagMutabilityListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *repositoryTagMutabilityListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	repos, diags := listedRepositories(ctx, l.client, req)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for i, r := range repos {
			if limited(req, i) {
				return
			}
			result := req.NewListResult(ctx)
			result.DisplayName = r.Name + " (" + r.TagMutability + ")"
			result.Diagnostics.Append(result.Identity.SetAttribute(ctx, path.Root("repository"), r.Name)...)
			if req.IncludeResource {
				filters := setFromStrings(r.ExclusionFilters)
				m := repositoryTagMutabilityModel{
					ID: types.StringValue(r.Name), Repository: types.StringValue(r.Name), ImageTagMutability: types.StringValue(r.TagMutability),
					ExclusionFilters: filters, RestoreOnDestroy: types.BoolValue(false),
					PreviousMutability: types.StringValue(r.TagMutability), PreviousFilters: filters,
				}
				result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
			}
			if !push(result) {
				return
			}
		}
	}
}
