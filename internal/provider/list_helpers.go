package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/wildcard"
)

// List resources (`terraform query`, Terraform 1.14+) turn what a registry holds into import
// blocks and configuration. The three share their filter: a name prefix or an ECR wildcard.

// repositoryFilterSchema is the config of every ecrgov list resource.
func repositoryFilterSchema(what string) listschema.Schema {
	return listschema.Schema{
		MarkdownDescription: "Lists " + what + " of the registry, sorted by repository name, for `terraform query`. " +
			"One DescribeRepositories per 1,000 repositories.",
		Attributes: map[string]listschema.Attribute{
			"name_prefix": listschema.StringAttribute{
				Optional: true, MarkdownDescription: "Only repositories whose name starts with this, such as `team/`. Conflicts with `name_pattern`.",
				Validators: []validator.String{stringvalidator.ConflictsWith(path.MatchRoot("name_pattern"))},
			},
			"name_pattern": listschema.StringAttribute{
				Optional: true, MarkdownDescription: "Only repositories whose name matches this ECR wildcard (`*` matches any run of characters, `/` included).",
				Validators: []validator.String{checkString("repository name pattern", imageref.CheckTagPattern)},
			},
		},
	}
}

type repositoryFilterModel struct {
	NamePrefix  types.String `tfsdk:"name_prefix"`
	NamePattern types.String `tfsdk:"name_pattern"`
}

// listedRepositories reads the filter and lists the repositories it selects, sorted by name.
func listedRepositories(ctx context.Context, client *ecrapi.Client, req list.ListRequest) ([]ecrapi.Repository, diag.Diagnostics) {
	var cfg repositoryFilterModel
	diags := req.Config.Get(ctx, &cfg)
	if diags.HasError() {
		return nil, diags
	}
	if client == nil {
		diags.AddError("listing ECR repositories", "The provider is not configured.")
		return nil, diags
	}
	all, err := client.ListRepositories(ctx)
	if err != nil {
		addActionError(&diags, "listing", "ECR repositories", "registry", err)
		return nil, diags
	}
	prefix, pattern := cfg.NamePrefix.ValueString(), cfg.NamePattern.ValueString()
	var out []ecrapi.Repository
	for _, r := range all {
		if strings.HasPrefix(r.Name, prefix) && (pattern == "" || wildcard.Match(pattern, r.Name)) {
			out = append(out, r)
		}
	}
	sortRepositories(out)
	return out, diags
}

// limited reports whether n results reach the request's limit (0 is none).
func limited(req list.ListRequest, n int) bool {
	return req.Limit > 0 && int64(n) >= req.Limit
}
