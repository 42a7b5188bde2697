package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
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
	repositoryLister
}

func (l *repositoryTagMutabilityListResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_repository_tag_mutability"
}

func (l *repositoryTagMutabilityListResource) ListResourceConfigSchema(
	_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse,
) {
	resp.Schema = repositoryFilterSchema("the tag mutability of repositories, whoever owns them, as the " +
		"`ecrgov_repository_tag_mutability` overlay")
}

func (l *repositoryTagMutabilityListResource) List(
	ctx context.Context, req list.ListRequest, stream *list.ListResultsStream,
) {
	l.list(ctx, req, stream, "repository", func(r ecrapi.Repository, result *list.ListResult) bool {
		result.DisplayName = r.Name + " (" + r.TagMutability + ")"
		if req.IncludeResource {
			filters := setFromStrings(r.ExclusionFilters)
			m := repositoryTagMutabilityModel{
				ID: types.StringValue(r.Name), Repository: types.StringValue(r.Name), ImageTagMutability: types.StringValue(r.TagMutability),
				ExclusionFilters: filters, RestoreOnDestroy: types.BoolValue(false),
				PreviousMutability: types.StringValue(r.TagMutability), PreviousFilters: filters,
			}
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
		return true
	})
}
