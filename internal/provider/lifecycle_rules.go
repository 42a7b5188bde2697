package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

// The typed `rule` block is shared by ecrgov_lifecycle_policy and
// ecrgov_lifecycle_policy_document. It is described once here and built for both schema
// packages. Its fields carry no validators of their own: lifecycle.Validate is the one source of
// the rules, and its problems are mapped onto these paths.

type ruleField struct {
	name, jsonName, kind, doc string
	required                  bool
}

var ruleFields = []ruleField{
	{"priority", "rulePriority", "int", "Unique positive integer; rules are applied from the lowest. A `tag_status " +
		"= \"any\"` rule needs the highest.", true},
	{"description", "description", "string", "What the rule is for.", false},
}

var selectionFields = []ruleField{
	{"tag_status", "tagStatus", "string", "`tagged`, `untagged` or `any`.", true},
	{"tag_pattern_list", "tagPatternList", "set", "With `tagged`: wildcard patterns (at most 4 `*` each). Several " +
		"patterns mean AND: an image must carry a tag matching each. Conflicts with `tag_prefix_list`.", false},
	{"tag_prefix_list", "tagPrefixList", "set", "With `tagged`: tag prefixes. Several prefixes mean AND. Conflicts " +
		"with `tag_pattern_list`.", false},
	{"storage_class", "storageClass", "string", "`standard` (default) or `archive`. `archive` only with `count_type " +
		"= \"sinceImageTransitioned\"`.", false},
	{"count_type", "countType", "string", "`imageCountMoreThan`, `sinceImagePushed`, `sinceImagePulled` (transition " +
		"only) or `sinceImageTransitioned` (archived images).", true},
	{"count_unit", "countUnit", "string", "`days`; required with the `since*` count types and not allowed with " +
		"`imageCountMoreThan`.", false},
	{"count_number", "countNumber", "int", "Positive integer: images to keep, or days. Expiring archived images " +
		"needs 90 or more.", true},
}

var actionFields = []ruleField{
	{"type", "type", "string", "`expire` or `transition`.", true},
	{"target_storage_class", "targetStorageClass", "string", "`archive`; required with `transition`, not allowed " +
		"with `expire`.", false},
}

const ruleBlockDoc = "A lifecycle rule. ECR evaluates all rules together and applies them by priority; an image " +
	"is acted on by at most one rule, and an image selected by a higher-priority rule is never acted on by a lower " +
	"one."

// tfFieldNames maps the policy's JSON names to the block's attribute names.
var tfFieldNames = func() map[string]string {
	m := map[string]string{}
	for _, fs := range [][]ruleField{ruleFields, selectionFields, actionFields} {
		for _, f := range fs {
			m[f.jsonName] = f.name
		}
	}
	return m
}()

func resourceRuleAttributes(fields []ruleField) map[string]rschema.Attribute {
	out := map[string]rschema.Attribute{}
	for _, f := range fields {
		switch f.kind {
		case "int":
			out[f.name] = rschema.Int64Attribute{Required: f.required, Optional: !f.required, MarkdownDescription: f.doc}
		case "set":
			out[f.name] = rschema.SetAttribute{ElementType: types.StringType, Optional: true, MarkdownDescription: f.doc}
		default:
			out[f.name] = rschema.StringAttribute{Required: f.required, Optional: !f.required, MarkdownDescription: f.doc}
		}
	}
	return out
}

func dataSourceRuleAttributes(fields []ruleField) map[string]dschema.Attribute {
	out := map[string]dschema.Attribute{}
	for _, f := range fields {
		switch f.kind {
		case "int":
			out[f.name] = dschema.Int64Attribute{Required: f.required, Optional: !f.required, MarkdownDescription: f.doc}
		case "set":
			out[f.name] = dschema.SetAttribute{ElementType: types.StringType, Optional: true, MarkdownDescription: f.doc}
		default:
			out[f.name] = dschema.StringAttribute{Required: f.required, Optional: !f.required, MarkdownDescription: f.doc}
		}
	}
	return out
}

func resourceRuleBlock() rschema.ListNestedBlock {
	return rschema.ListNestedBlock{
		MarkdownDescription: ruleBlockDoc,
		NestedObject: rschema.NestedBlockObject{
			Attributes: resourceRuleAttributes(ruleFields),
			Blocks: map[string]rschema.Block{
				"selection": rschema.SingleNestedBlock{
					MarkdownDescription: "Which images the rule considers. Required.",
					Attributes:          resourceRuleAttributes(selectionFields),
					Validators:          []validator.Object{objectvalidator.IsRequired()},
				},
				"action": rschema.SingleNestedBlock{
					MarkdownDescription: "What happens to the selected images beyond the count. Required.",
					Attributes:          resourceRuleAttributes(actionFields),
					Validators:          []validator.Object{objectvalidator.IsRequired()},
				},
			},
		},
	}
}

func dataSourceRuleBlock() dschema.ListNestedBlock {
	return dschema.ListNestedBlock{
		MarkdownDescription: ruleBlockDoc,
		NestedObject: dschema.NestedBlockObject{
			Attributes: dataSourceRuleAttributes(ruleFields),
			Blocks: map[string]dschema.Block{
				"selection": dschema.SingleNestedBlock{
					MarkdownDescription: "Which images the rule considers. Required.",
					Attributes:          dataSourceRuleAttributes(selectionFields),
					Validators:          []validator.Object{objectvalidator.IsRequired()},
				},
				"action": dschema.SingleNestedBlock{
					MarkdownDescription: "What happens to the selected images beyond the count. Required.",
					Attributes:          dataSourceRuleAttributes(actionFields),
					Validators:          []validator.Object{objectvalidator.IsRequired()},
				},
			},
		},
	}
}

type lifecycleRuleModel struct {
	Priority    types.Int64              `tfsdk:"priority"`
	Description types.String             `tfsdk:"description"`
	Selection   *lifecycleSelectionModel `tfsdk:"selection"`
	Action      *lifecycleActionModel    `tfsdk:"action"`
}

type lifecycleSelectionModel struct {
	TagStatus      types.String `tfsdk:"tag_status"`
	TagPatternList types.Set    `tfsdk:"tag_pattern_list"`
	TagPrefixList  types.Set    `tfsdk:"tag_prefix_list"`
	StorageClass   types.String `tfsdk:"storage_class"`
	CountType      types.String `tfsdk:"count_type"`
	CountUnit      types.String `tfsdk:"count_unit"`
	CountNumber    types.Int64  `tfsdk:"count_number"`
}

type lifecycleActionModel struct {
	Type               types.String `tfsdk:"type"`
	TargetStorageClass types.String `tfsdk:"target_storage_class"`
}

// lifecycleRuleObjectType is the element type of the rule list, for building values. It is
// derived from the field tables, like the schemas; a test checks the model structs against them.
var lifecycleRuleObjectType = func() types.ObjectType {
	rule := ruleAttrTypes(ruleFields)
	rule["selection"] = types.ObjectType{AttrTypes: ruleAttrTypes(selectionFields)}
	rule["action"] = types.ObjectType{AttrTypes: ruleAttrTypes(actionFields)}
	return types.ObjectType{AttrTypes: rule}
}()

func ruleAttrTypes(fields []ruleField) map[string]attr.Type {
	out := map[string]attr.Type{}
	for _, f := range fields {
		switch f.kind {
		case "int":
			out[f.name] = types.Int64Type
		case "set":
			out[f.name] = types.SetType{ElemType: types.StringType}
		default:
			out[f.name] = types.StringType
		}
	}
	return out
}

// missingBlocks records the rules whose selection or action block is absent: the schema
// reports each once ("selection is required"), so the rule's problems in that block, which all
// follow from its absence, are not reported again.
type missingBlocks map[int]map[string]bool

func (m missingBlocks) drop(problems lifecycle.Problems) lifecycle.Problems {
	var out lifecycle.Problems
	for _, p := range problems {
		if p.Rule >= 0 && m[p.Rule][p.Section] {
			continue
		}
		out = append(out, p)
	}
	return out
}

// policyFromRules converts the rule blocks to a policy. known is false while any value is still
// unknown (it depends on something not yet applied); validation then waits for apply.
func policyFromRules(ctx context.Context, rules types.List) (policy lifecycle.Policy, known bool, missing missingBlocks, diags diag.Diagnostics) {
	if rules.IsUnknown() {
		return policy, false, nil, nil
	}
	var models []lifecycleRuleModel
	diags.Append(rules.ElementsAs(ctx, &models, false)...)
	if diags.HasError() {
		return policy, false, nil, diags
	}
	missing = missingBlocks{}
	known = true
	str := func(v types.String) string { known = known && !v.IsUnknown(); return v.ValueString() }
	num := func(v types.Int64) int64 { known = known && !v.IsUnknown(); return v.ValueInt64() }
	set := func(v types.Set) []string {
		if v.IsUnknown() {
			known = false
			return nil
		}
		if v.IsNull() {
			return nil
		}
		out := make([]string, 0, len(v.Elements()))
		for _, e := range v.Elements() {
			s, _ := e.(types.String)
			known = known && !s.IsUnknown()
			out = append(out, s.ValueString())
		}
		return out
	}
	for i, m := range models {
		if m.Selection == nil || m.Action == nil {
			missing[i] = map[string]bool{"selection": m.Selection == nil, "action": m.Action == nil}
		}
		r := lifecycle.Rule{RulePriority: num(m.Priority), Description: str(m.Description)}
		if s := m.Selection; s != nil {
			r.Selection = lifecycle.Selection{
				TagStatus: str(s.TagStatus), TagPatternList: set(s.TagPatternList), TagPrefixList: set(s.TagPrefixList),
				StorageClass: str(s.StorageClass), CountType: str(s.CountType), CountUnit: str(s.CountUnit), CountNumber: num(s.CountNumber),
			}
		}
		if a := m.Action; a != nil {
			r.Action = lifecycle.Action{Type: str(a.Type), TargetStorageClass: str(a.TargetStorageClass)}
		}
		policy.Rules = append(policy.Rules, r)
	}
	return policy, known, missing, diags
}

// rulesFromPolicy converts a policy (read from ECR) into rule blocks in priority order.
func rulesFromPolicy(ctx context.Context, p lifecycle.Policy) (types.List, diag.Diagnostics) {
	rules := append([]lifecycle.Rule(nil), p.Rules...)
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].RulePriority < rules[j].RulePriority })
	models := make([]lifecycleRuleModel, 0, len(rules))
	for _, r := range rules {
		s := r.Selection
		models = append(models, lifecycleRuleModel{
			Priority:    types.Int64Value(r.RulePriority),
			Description: stringOrNull(r.Description),
			Selection: &lifecycleSelectionModel{
				TagStatus: types.StringValue(s.TagStatus), TagPatternList: setFromStrings(s.TagPatternList), TagPrefixList: setFromStrings(s.TagPrefixList),
				StorageClass: stringOrNull(s.StorageClass), CountType: types.StringValue(s.CountType),
				CountUnit: stringOrNull(s.CountUnit), CountNumber: types.Int64Value(s.CountNumber),
			},
			Action: &lifecycleActionModel{Type: types.StringValue(r.Action.Type), TargetStorageClass: stringOrNull(r.Action.TargetStorageClass)},
		})
	}
	return types.ListValueFrom(ctx, lifecycleRuleObjectType, models)
}

// addJSONPolicyProblems reports the problems of a policy given as JSON on the attribute that
// holds it, with the JSON path in each message.
func addJSONPolicyProblems(diags *diag.Diagnostics, problems lifecycle.Problems, jsonAttr path.Path) {
	for _, p := range problems {
		diags.AddAttributeError(jsonAttr, "Invalid lifecycle policy", p.String())
	}
}

// addRuleProblems reports the problems of a policy given as rule blocks, each on the block or
// attribute to fix.
func addRuleProblems(diags *diag.Diagnostics, problems lifecycle.Problems) {
	for _, p := range problems {
		diags.AddAttributeError(problemPath(p), "Invalid lifecycle rule", typedMessage(p))
	}
}

// typedMessage names the block's attributes (tag_pattern_list) rather than the JSON fields
// (tagPatternList), and says which rule, since Terraform shows only the enclosing block when the
// attribute to fix is absent.
func typedMessage(p lifecycle.Problem) string {
	msg := strings.ReplaceAll(p.Message, "rules[", "rule[")
	for _, jsonName := range jsonNamesLongestFirst {
		msg = strings.ReplaceAll(msg, jsonName, tfFieldNames[jsonName])
	}
	if p.Rule < 0 {
		return msg
	}
	return fmt.Sprintf("%s: %s", problemPath(p), msg)
}

var jsonNamesLongestFirst = func() []string {
	names := make([]string, 0, len(tfFieldNames))
	for k := range tfFieldNames {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	return names
}()

func problemPath(p lifecycle.Problem) path.Path {
	at := path.Root("rule")
	if p.Rule < 0 {
		return at
	}
	at = at.AtListIndex(p.Rule)
	if p.Section != "" {
		at = at.AtName(p.Section)
	}
	if p.Field != "" {
		name := tfFieldNames[p.Field]
		if name == "" {
			name = strings.ToLower(p.Field)
		}
		at = at.AtName(name)
	}
	return at
}
