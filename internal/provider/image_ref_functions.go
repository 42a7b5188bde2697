package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
)

// The three image-reference functions are small and share their parsing, so they live in one
// file: parse_image_ref, pin_image and is_digest_pinned.

var (
	_ function.Function = parseImageRefFunction{}
	_ function.Function = pinImageFunction{}
	_ function.Function = isDigestPinnedFunction{}
)

var imageRefType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"registry": types.StringType, "repository": types.StringType, "name": types.StringType,
	"tag": types.StringType, "digest": types.StringType, "familiar": types.StringType,
}}

func newParseImageRefFunction() function.Function { return parseImageRefFunction{} }

type parseImageRefFunction struct{}

func (f parseImageRefFunction) Metadata(
	_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse,
) {
	resp.Name = "parse_image_ref"
}

func (f parseImageRefFunction) Definition(
	_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse,
) {
	resp.Definition = function.Definition{
		Summary: "Parses a container image reference",
		MarkdownDescription: "Parses an image reference with Docker's normalisation (`nginx` is " +
			"`docker.io/library/nginx`) and returns `{registry, repository, name, tag, digest, familiar}`; `tag` and " +
			"`digest` are null when absent. An invalid reference is an error.",
		Parameters: []function.Parameter{function.StringParameter{Name: "ref", MarkdownDescription: "Image reference."}},
		Return:     function.ObjectReturn{AttributeTypes: imageRefType.AttrTypes},
	}
}

func (f parseImageRefFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var ref string
	resp.Error = req.Arguments.Get(ctx, &ref)
	if resp.Error != nil {
		return
	}
	r, err := imageref.ParseRef(ref)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	obj := types.ObjectValueMust(imageRefType.AttrTypes, map[string]attr.Value{
		"registry": types.StringValue(r.Registry), "repository": types.StringValue(r.Repository), "name": types.StringValue(r.Name),
		"tag": stringOrNull(r.Tag), "digest": stringOrNull(r.Digest), "familiar": types.StringValue(r.Familiar),
	})
	resp.Error = resp.Result.Set(ctx, obj)
}

func newPinImageFunction() function.Function { return pinImageFunction{} }

type pinImageFunction struct{}

func (f pinImageFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "pin_image"
}

func (f pinImageFunction) Definition(
	_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse,
) {
	resp.Definition = function.Definition{
		Summary: "Pins an image reference to a digest",
		MarkdownDescription: "Returns `registry/repository@digest`: the reference without its tag, pinned to `digest`, " +
			"which always names the same bits. The digest is validated; a reference already pinned to another digest is " +
			"an error.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "ref", MarkdownDescription: "Image reference, with or without a tag."},
			function.StringParameter{Name: "digest", MarkdownDescription: "Digest such as `sha256:...`."},
		},
		Return: function.StringReturn{},
	}
}

func (f pinImageFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var ref, dgst string
	resp.Error = req.Arguments.Get(ctx, &ref, &dgst)
	if resp.Error != nil {
		return
	}
	if err := imageref.CheckDigest(dgst); err != nil {
		resp.Error = function.NewArgumentFuncError(1, err.Error())
		return
	}
	pinned, err := imageref.Pin(ref, dgst)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, pinned)
}

func newIsDigestPinnedFunction() function.Function { return isDigestPinnedFunction{} }

type isDigestPinnedFunction struct{}

func (f isDigestPinnedFunction) Metadata(
	_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse,
) {
	resp.Name = "is_digest_pinned"
}

func (f isDigestPinnedFunction) Definition(
	_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse,
) {
	resp.Definition = function.Definition{
		Summary: "Reports whether an image reference is pinned by digest",
		MarkdownDescription: "True only when the reference parses and carries a valid digest (`repo@sha256:...` or " +
			"`repo:tag@sha256:...`). An invalid reference is `false`, not an error, so the function is safe in `check` " +
			"blocks and validations.",
		Parameters: []function.Parameter{function.StringParameter{Name: "ref", MarkdownDescription: "Image reference."}},
		Return:     function.BoolReturn{},
	}
}

func (f isDigestPinnedFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var ref string
	resp.Error = req.Arguments.Get(ctx, &ref)
	if resp.Error != nil {
		return
	}
	resp.Error = resp.Result.Set(ctx, imageref.IsDigestPinned(ref))
}
