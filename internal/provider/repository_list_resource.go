package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

var _ list.ListResourceWithConfigure = &repositoryListResource{}

func newRepositoryListResource() list.ListResource { return &repositoryListResource{} }

// repositoryListResource lists repositories as ecrgov_repository resources: the identity is the
// name; with include_resource, the full resource, tags included (one ListTagsForResource each).
type repositoryListResource struct {
	client *ecrapi.Client
}

func (l *repositoryListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_repository"
}

func (l *repositoryListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = repositoryFilterSchema("repositories as `ecrgov_repository`")
}

func (l *repositoryListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *repositoryListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
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
			result.DisplayName = r.Name
			result.Diagnostics.Append(result.Identity.SetAttribute(ctx, path.Root("name"), r.Name)...)
			if req.IncludeResource {
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
			}
			if !push(result) {
				return
			}
		}
	}
}
