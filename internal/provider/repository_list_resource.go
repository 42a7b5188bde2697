package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

var _ list.ListResourceWithConfigure = &repositoryListResource{}

func newRepositoryListResource() list.ListResource { return &repositoryListResource{} }

// repositoryListResource lists repositories as ecrgov_repository resources: the identity is the
// name; with include_resource, the full resource, tags included (one ListTagsForResource each).
type repositoryListResource struct {
	repositoryLister
}

func (l *repositoryListResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_repository"
}

func (l *repositoryListResource) ListResourceConfigSchema(
	_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse,
) {
	resp.Schema = repositoryFilterSchema("repositories as `ecrgov_repository`")
}

func (l *repositoryListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	l.list(ctx, req, stream, "name", func(r ecrapi.Repository, result *list.ListResult) bool {
		if !req.IncludeResource {
			return true
		}
		tags, err := l.client.FindRepositoryTags(ctx, r.ARN)
		if err != nil {
			addActionError(&result.Diagnostics, "reading tags of", repositoryLabel, r.Name, err)
		}
		m := repositoryModel{
			ID: types.StringValue(r.Name), Name: types.StringValue(r.Name), ImageTagMutability: types.StringValue(r.TagMutability),
			ExclusionFilters: setFromStrings(r.ExclusionFilters), ScanOnPush: types.BoolValue(r.ScanOnPush),
			ForceDelete: types.BoolValue(false), Tags: mapFromStrings(tags, types.MapNull(types.StringType)),
		}
		m.setComputed(&r)
		result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		return true
	})
}
