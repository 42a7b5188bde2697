package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
)

// importer is every resource's ImportState. A resource is imported by its import ID or, from an
// import block with `identity` (Terraform 1.12+), by its identity, whose attributes joined with
// ":" are the import ID. parse checks the ID and says which state attributes its parts fill;
// the state's `id` is always the whole ID and the identity is always recorded.
type importer struct {
	label string // what is imported, for errors: "ECR repository"
	// what the import ID is, for errors: "the repository name"
	what string
	// identity names the identity attributes, in import ID order.
	identity []string
	// parse checks the ID and returns the state attributes to set besides `id`, and the identity
	// values in the order of identity.
	parse func(ctx context.Context, id string) (attrs map[string]string, identity []string, err error)
}

func (im importer) importState(
	ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	id := importIDFromIdentity(ctx, req, &resp.Diagnostics, im.identity...)
	if resp.Diagnostics.HasError() {
		return
	}
	attrs, identity, err := im.parse(ctx, id)
	if err != nil {
		resp.Diagnostics.AddError("importing "+im.label, fmt.Sprintf("The import ID is %s. %s", im.what, err))
		return
	}
	if own, ok := attrs["id"]; ok {
		id = own // the ID proper, when the import ID carries an option such as ":json"
		delete(attrs, "id")
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	for name, value := range attrs {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), value)...)
	}
	var pairs []string
	for i, name := range im.identity {
		pairs = append(pairs, name, identity[i])
	}
	setIdentity(ctx, resp.Identity, &resp.Diagnostics, pairs...)
}

// singleKey is the importer of a resource whose import ID is one checked string that also fills
// the state attribute attr and the identity attribute of the same name.
func singleKey(label, what, attr string, check func(string) error) importer {
	return importer{label: label, what: what, identity: []string{attr},
		parse: func(_ context.Context, id string) (map[string]string, []string, error) {
			if err := check(id); err != nil {
				return nil, nil, err
			}
			return map[string]string{attr: id}, []string{id}, nil
		}}
}

// byRepositoryName imports the resources whose import ID is a repository name, held in attr.
func byRepositoryName(label, attr string) importer {
	return singleKey(label, "the repository name", attr, imageref.CheckRepositoryName)
}

// byRegistry imports a registry singleton: the ID must be the registry the provider addresses,
// so an import never adopts another account's configuration by mistake.
func byRegistry(client *ecrapi.Client, label string) importer {
	return importer{label: label, what: "the registry ID the provider addresses", identity: []string{"registry_id"},
		parse: func(ctx context.Context, id string) (map[string]string, []string, error) {
			if client == nil {
				return nil, nil, errors.New("the provider is not configured")
			}
			registry, err := client.RegistryID(ctx)
			if err != nil {
				return nil, nil, fmt.Errorf("reading the registry ID: %s", ecrapi.ErrorDetail(err))
			}
			if id != registry {
				return nil, nil, fmt.Errorf("the provider addresses registry %s, not %q: configure it for that account and region "+
					"to import its %s", registry, id, label)
			}
			return nil, []string{registry}, nil
		}}
}

// byRepositoryAndTag imports an image tag: "repository:tag".
func byRepositoryAndTag(label string) importer {
	return importer{label: label, what: "repository:tag, such as team/api:v1.4.2", identity: []string{"repository", "tag"},
		parse: func(_ context.Context, id string) (map[string]string, []string, error) {
			repo, tag, ok := strings.Cut(id, ":")
			if !ok {
				return nil, nil, fmt.Errorf("%q has no \":\"", id)
			}
			if err := imageref.CheckRepositoryName(repo); err != nil {
				return nil, nil, err
			}
			if err := imageref.CheckTag(tag); err != nil {
				return nil, nil, err
			}
			return map[string]string{"repository": repo, "tag": tag}, []string{repo, tag}, nil
		}}
}

// jsonFormSuffix on an import ID asks for a lifecycle policy read as JSON rather than as typed
// rule blocks: Terraform plans an update whenever an imported resource's form differs from the
// configuration's, so the import must know which form the configuration uses.
const jsonFormSuffix = ":json"

// byNameWithPolicyForm imports a resource whose ID is a name checked by check (held in attr)
// and whose lifecycle policy (in jsonAttr) is read as rule blocks, or as JSON with ":json".
func byNameWithPolicyForm(label, what, attr, jsonAttr string, check func(string) error) importer {
	return importer{label: label, what: what + ", with \":json\" appended when the configuration gives the policy as JSON",
		identity: []string{attr},
		parse: func(_ context.Context, id string) (map[string]string, []string, error) {
			name, asJSON := strings.CutSuffix(id, jsonFormSuffix)
			if err := check(name); err != nil {
				return nil, nil, err
			}
			attrs := map[string]string{"id": name, attr: name}
			if asJSON {
				attrs[jsonAttr] = "{}" // Read replaces it with the policy ECR holds, as JSON
			}
			return attrs, []string{name}, nil
		}}
}
