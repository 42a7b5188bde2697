package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Resource identity (Terraform 1.12+): import blocks may name a resource with
// `identity = { name = "team/app" }` as well as with an ID, and `terraform query` lists resources
// by identity. Every identity here is made of the same strings as the import ID.

// idAttribute is a resource's computed `id`: the import ID (described), stable once known.
func idAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Computed: true, MarkdownDescription: description,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// identitySchema is an identity of required string attributes, in import ID order.
func identitySchema(attrs ...[2]string) identityschema.Schema {
	s := identityschema.Schema{Attributes: map[string]identityschema.Attribute{}}
	for _, a := range attrs {
		s.Attributes[a[0]] = identityschema.StringAttribute{RequiredForImport: true, Description: a[1]}
	}
	return s
}

// setIdentity records the identity after Create, Read or Update; pairs are name, value.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics, pairs ...string) {
	if identity == nil {
		return // Terraform before 1.12 does not ask for identities
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		diags.Append(identity.SetAttribute(ctx, path.Root(pairs[i]), types.StringValue(pairs[i+1]))...)
	}
}

// importIDFromIdentity is the import ID given, or, for an import block with identity, the
// identity's attributes joined with ":" (the import ID's own form).
func importIDFromIdentity(
	ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics, names ...string,
) string {
	if req.ID != "" || req.Identity == nil {
		return req.ID
	}
	id := ""
	for i, name := range names {
		var v types.String
		diags.Append(req.Identity.GetAttribute(ctx, path.Root(name), &v)...)
		if i > 0 {
			id += ":"
		}
		id += v.ValueString()
	}
	return id
}
