package provider

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

var _ function.Function = lifecycleSimulateFunction{}

func newLifecycleSimulateFunction() function.Function { return lifecycleSimulateFunction{} }

// lifecycleSimulateFunction evaluates a policy against a described set of images, offline, so
// module authors can unit-test lifecycle policies with `terraform test`.
type lifecycleSimulateFunction struct{}

var simulateResultType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"digest":        types.StringType,
	"action":        types.StringType,
	"rule_priority": types.Int64Type,
}}

// imageKeys are the keys an image object may have; the first three are required.
var imageKeys = []string{"digest", "tags", "pushed_at", "last_pulled_at", "storage_class", "last_archived_at", "last_activated_at", "referenced_by", "subject_digest"}

func (f lifecycleSimulateFunction) Metadata(
	_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse,
) {
	resp.Name = "lifecycle_simulate"
}

func (f lifecycleSimulateFunction) Definition(
	_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse,
) {
	resp.Definition = function.Definition{
		Summary: "Simulates which images an ECR lifecycle policy expires or archives",
		MarkdownDescription: "Evaluates a lifecycle policy against a list of images exactly as ECR does (all rules " +
			"together, applied by priority; an image acted on by at most one rule; images selected by a higher-priority " +
			"rule protected from lower ones; index children protected; referrers following their subject). Returns " +
			"`{digest, action, rule_priority}` for each image acted on, sorted by digest. Use it to unit-test policies " +
			"with `terraform test`.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "policy", MarkdownDescription: "Lifecycle policy JSON; it must be valid."},
			function.DynamicParameter{
				Name: "images",
				MarkdownDescription: "A list of image objects with `digest`, `tags` (list of strings) and `pushed_at` (RFC " +
					"3339), and optionally `last_pulled_at`, `storage_class` (`standard` or `archive`), `last_archived_at`, " +
					"`last_activated_at`, `referenced_by` (list of index digests) and `subject_digest`. Objects may omit the " +
					"optional keys.",
			},
			function.StringParameter{Name: "now", MarkdownDescription: "The evaluation time, RFC 3339 (for example " +
				"`timestamp()` or a fixed time in tests)."},
		},
		Return: function.ListReturn{ElementType: simulateResultType},
	}
}

func (f lifecycleSimulateFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var text, nowText string
	var imagesArg types.Dynamic
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &text, &imagesArg, &nowText))
	if resp.Error != nil {
		return
	}
	p, problems := lifecycle.ParseAndValidate(text)
	if len(problems) > 0 {
		resp.Error = function.NewArgumentFuncError(0, "invalid lifecycle policy:\n"+problems.Error())
		return
	}
	now, err := time.Parse(time.RFC3339, nowText)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(2, fmt.Sprintf("now: %q is not an RFC 3339 timestamp such as "+
			"2026-01-02T15:04:05Z", nowText))
		return
	}
	images, err := imagesFromValue(imagesArg.UnderlyingValue())
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, err.Error())
		return
	}
	decisions := lifecycle.Simulate(p, images, now)
	out := make([]attr.Value, 0, len(decisions))
	for _, d := range decisions {
		out = append(out, types.ObjectValueMust(simulateResultType.AttrTypes, map[string]attr.Value{
			"digest": types.StringValue(d.Digest), "action": types.StringValue(d.Action), "rule_priority": types.Int64Value(d.RulePriority),
		}))
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, types.ListValueMust(simulateResultType, out)))
}

// imagesFromValue reads the images argument, which may be a tuple (objects with different keys)
// or a list or set (objects of one type).
func imagesFromValue(v attr.Value) ([]lifecycle.Image, error) {
	elems, ok := elementsOf(v)
	if !ok {
		return nil, fmt.Errorf("images must be a list of objects, not %s", v.Type(context.Background()))
	}
	images := make([]lifecycle.Image, 0, len(elems))
	seen := map[string]int{}
	for i, e := range elems {
		obj, ok := e.(basetypes.ObjectValue)
		if !ok {
			return nil, fmt.Errorf("images[%d] must be an object with digest, tags and pushed_at", i)
		}
		img, err := imageFromObject(obj.Attributes())
		if err != nil {
			return nil, fmt.Errorf("images[%d]: %w", i, err)
		}
		// A digest names one image: a repeated digest is two descriptions of the same bits,
		// and the simulation could only pick one of them silently.
		if first, dup := seen[img.Digest]; dup {
			return nil, fmt.Errorf("images[%d]: digest %s is already images[%d]; each image appears once", i, img.Digest, first)
		}
		seen[img.Digest] = i
		images = append(images, img)
	}
	return images, nil
}

func imageFromObject(attrs map[string]attr.Value) (lifecycle.Image, error) {
	var img lifecycle.Image
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !slices.Contains(imageKeys, k) {
			return img, fmt.Errorf("unknown key %q; allowed keys are %s", k, strings.Join(imageKeys, ", "))
		}
	}
	var err error
	str := func(key string, required bool) string {
		v, ok := attrs[key]
		if !ok || v.IsNull() {
			if required && err == nil {
				err = fmt.Errorf("%s is required", key)
			}
			return ""
		}
		s, ok := v.(basetypes.StringValue)
		if !ok && err == nil {
			err = fmt.Errorf("%s must be a string", key)
		}
		return s.ValueString()
	}
	strs := func(key string) []string {
		v, ok := attrs[key]
		if !ok || v.IsNull() {
			return nil
		}
		elems, ok := elementsOf(v)
		if !ok && err == nil {
			err = fmt.Errorf("%s must be a list of strings", key)
		}
		var out []string
		for _, e := range elems {
			s, ok := e.(basetypes.StringValue)
			if !ok && err == nil {
				err = fmt.Errorf("%s must be a list of strings", key)
			}
			out = append(out, s.ValueString())
		}
		return out
	}
	when := func(key string, required bool) time.Time {
		s := str(key, required)
		if s == "" || err != nil {
			return time.Time{}
		}
		t, perr := time.Parse(time.RFC3339, s)
		if perr != nil {
			err = fmt.Errorf("%s: %q is not an RFC 3339 timestamp such as 2026-01-02T15:04:05Z", key, s)
		}
		return t
	}
	img.Digest = str("digest", true)
	img.Tags = strs("tags")
	if _, ok := attrs["tags"]; !ok && err == nil {
		err = fmt.Errorf("tags is required (use [] for an untagged image)")
	}
	img.PushedAt = when("pushed_at", true)
	img.LastPulledAt = when("last_pulled_at", false)
	img.StorageClass = str("storage_class", false)
	if img.StorageClass != "" && img.StorageClass != lifecycle.StorageClassStandard && img.StorageClass != lifecycle.StorageClassArchive && err == nil {
		err = fmt.Errorf("storage_class must be standard or archive, not %q", img.StorageClass)
	}
	img.LastArchivedAt = when("last_archived_at", false)
	img.LastActivatedAt = when("last_activated_at", false)
	img.ReferencedBy = strs("referenced_by")
	img.SubjectDigest = str("subject_digest", false)
	return img, err
}

func elementsOf(v attr.Value) ([]attr.Value, bool) {
	switch v := v.(type) {
	case basetypes.TupleValue:
		return v.Elements(), true
	case basetypes.ListValue:
		return v.Elements(), true
	case basetypes.SetValue:
		return v.Elements(), true
	}
	return nil, false
}
