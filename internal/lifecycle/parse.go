package lifecycle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

// Parse reads policy JSON strictly, as ECR does: unknown fields, nulls and values of the wrong
// type are problems, each with its JSON path. ECR rejects these with "failed to match exactly
// one schema"; reporting them here names the field instead. Parse checks structure only;
// Validate checks the documented rules.
func Parse(text string) (Policy, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return Policy{}, Problems{policyProblem("not valid JSON: %v", err)}
	}
	if dec.More() || trailingData(dec) {
		return Policy{}, Problems{policyProblem("not valid JSON: unexpected data after the policy object")}
	}
	// encoding/json keeps the last of two equal keys without a word, so what ECR reads and what
	// a reviewer sees could differ; a repeated key is a problem at its path.
	if dups := duplicateKeys(text); len(dups) > 0 {
		return Policy{}, dups
	}
	p := &parser{}
	policy := p.policy(root)
	if len(p.problems) > 0 {
		return Policy{}, p.problems
	}
	return policy, nil
}

func trailingData(dec *json.Decoder) bool {
	var extra json.RawMessage
	return dec.Decode(&extra) == nil || len(bytes.TrimSpace(extra)) > 0
}

type parser struct {
	problems Problems
}

func (p *parser) add(at Problem, msg string, args ...any) {
	at.Message = fmt.Sprintf(msg, args...)
	p.problems = append(p.problems, at)
}

// object checks that v is an object with only allowed keys, none of them null.
func (p *parser) object(v any, at Problem, allowed ...string) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		p.add(at, "must be an object, not %s", jsonType(v))
		return nil, false
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		field := child(at, k)
		if !slices.Contains(allowed, k) {
			p.add(field, "unknown field %q; allowed fields are %s", k, strings.Join(allowed, ", "))
			continue
		}
		if m[k] == nil {
			p.add(field, "null is not allowed; remove the field instead")
		}
	}
	return m, true
}

// child returns the location of key inside the object at at: the policy, a rule, or a rule's
// selection or action (which sit at Field "selection"/"action" of their rule).
func child(at Problem, key string) Problem {
	switch {
	case at.Rule < 0 && at.Field == "":
		return Problem{Rule: -1, Field: key, Index: -1}
	case at.Section == "" && at.Field == "":
		return Problem{Rule: at.Rule, Field: key, Index: -1}
	case at.Section == "" && (at.Field == "selection" || at.Field == "action"):
		return Problem{Rule: at.Rule, Section: at.Field, Field: key, Index: -1}
	default:
		return Problem{Rule: at.Rule, Section: at.Section, Field: at.Field + "." + key, Index: -1}
	}
}

// contains reports whether list holds s.
func (p *parser) policy(root any) Policy {
	top := Problem{Rule: -1, Index: -1}
	m, ok := p.object(root, top, "rules")
	if !ok {
		return Policy{}
	}
	raw, present := m["rules"]
	if !present {
		p.add(child(top, "rules"), "is required: a policy is {\"rules\": [...]}")
		return Policy{}
	}
	list, ok := raw.([]any)
	if !ok {
		if raw != nil {
			p.add(child(top, "rules"), "must be an array, not %s", jsonType(raw))
		}
		return Policy{}
	}
	var policy Policy
	for i, r := range list {
		policy.Rules = append(policy.Rules, p.rule(i, r))
	}
	return policy
}

func (p *parser) rule(i int, v any) Rule {
	at := Problem{Rule: i, Index: -1}
	m, ok := p.object(v, at, "rulePriority", "description", "selection", "action")
	if !ok {
		return Rule{}
	}
	var r Rule
	r.RulePriority = p.integer(m, at, "rulePriority", true)
	r.Description = p.str(m, at, "description", false)
	if sel, ok := p.required(m, at, "selection"); ok {
		r.Selection = p.selection(i, sel)
	}
	if act, ok := p.required(m, at, "action"); ok {
		r.Action = p.action(i, act)
	}
	return r
}

func (p *parser) selection(i int, v any) Selection {
	at := Problem{Rule: i, Section: "selection", Index: -1}
	m, ok := p.object(v, Problem{Rule: i, Field: "selection", Index: -1},
		"tagStatus", "tagPatternList", "tagPrefixList", "storageClass", "countType", "countUnit", "countNumber")
	if !ok {
		return Selection{}
	}
	return Selection{
		TagStatus:      p.str(m, at, "tagStatus", true),
		TagPatternList: p.strings(m, at, "tagPatternList"),
		TagPrefixList:  p.strings(m, at, "tagPrefixList"),
		StorageClass:   p.str(m, at, "storageClass", false),
		CountType:      p.str(m, at, "countType", true),
		CountUnit:      p.str(m, at, "countUnit", false),
		CountNumber:    p.integer(m, at, "countNumber", true),
	}
}

func (p *parser) action(i int, v any) Action {
	at := Problem{Rule: i, Section: "action", Index: -1}
	m, ok := p.object(v, Problem{Rule: i, Field: "action", Index: -1}, "type", "targetStorageClass")
	if !ok {
		return Action{}
	}
	return Action{
		Type:               p.str(m, at, "type", true),
		TargetStorageClass: p.str(m, at, "targetStorageClass", false),
	}
}

func (p *parser) required(m map[string]any, at Problem, key string) (any, bool) {
	v, ok := m[key]
	if !ok {
		p.add(fieldAt(at, key), "is required")
		return nil, false
	}
	return v, v != nil
}

func fieldAt(at Problem, key string) Problem {
	at.Field, at.Index = key, -1
	return at
}

func (p *parser) str(m map[string]any, at Problem, key string, required bool) string {
	v, ok := m[key]
	if !ok {
		if required {
			p.add(fieldAt(at, key), "is required")
		}
		return ""
	}
	if v == nil {
		return "" // reported by object
	}
	s, ok := v.(string)
	if !ok {
		p.add(fieldAt(at, key), "must be a string, not %s", jsonType(v))
	}
	return s
}

func (p *parser) integer(m map[string]any, at Problem, key string, required bool) int64 {
	v, ok := m[key]
	if !ok {
		if required {
			p.add(fieldAt(at, key), "is required")
		}
		return 0
	}
	if v == nil {
		return 0
	}
	n, ok := v.(json.Number)
	if !ok {
		p.add(fieldAt(at, key), "must be an integer, not %s", jsonType(v))
		return 0
	}
	i, err := n.Int64()
	if err != nil {
		f, ferr := n.Float64()
		if ferr == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return int64(f) // 7.0 is the integer 7 to a JSON schema validator
		}
		p.add(fieldAt(at, key), "must be an integer, not %s", n.String())
		return 0
	}
	return i
}

func (p *parser) strings(m map[string]any, at Problem, key string) []string {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		p.add(fieldAt(at, key), "must be an array of strings, not %s", jsonType(v))
		return nil
	}
	out := make([]string, 0, len(list))
	for j, e := range list {
		s, ok := e.(string)
		if !ok {
			p.add(Problem{Rule: at.Rule, Section: at.Section, Field: key, Index: j}, "must be a string, not %s", jsonType(e))
			continue
		}
		out = append(out, s)
	}
	return out
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// duplicateKeys walks the JSON tokens and reports every key that appears twice in one object,
// located as the parser locates fields. text is known to be valid JSON.
func duplicateKeys(text string) Problems {
	type frame struct {
		at     Problem
		object bool
		keys   map[string]bool
		key    string // the object's current key, awaiting its value
		index  int    // the array's next index
	}
	var ps Problems
	var stack []*frame
	// locate is where a value at the top of the stack sits.
	locate := func() Problem {
		if len(stack) == 0 {
			return Problem{Rule: -1, Index: -1}
		}
		f := stack[len(stack)-1]
		if f.object {
			return child(f.at, f.key)
		}
		if f.at.Rule < 0 && f.at.Field == "rules" { // an element of the rules array is a rule
			return Problem{Rule: f.index, Index: -1}
		}
		at := f.at
		at.Index = f.index
		return at
	}
	// consumed notes that a value was read in the current container.
	consumed := func() {
		if len(stack) == 0 {
			return
		}
		if f := stack[len(stack)-1]; f.object {
			f.key = ""
		} else {
			f.index++
		}
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return ps
		}
		top := (*frame)(nil)
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				stack = append(stack, &frame{at: locate(), object: t == '{', keys: map[string]bool{}})
			default:
				stack = stack[:len(stack)-1]
				consumed()
			}
		case string:
			if top != nil && top.object && top.key == "" {
				if top.keys[t] {
					at := child(top.at, t)
					at.Message = fmt.Sprintf("the key %q appears twice in this object; ECR would read only one of them: keep one", t)
					ps = append(ps, at)
				}
				top.keys[t] = true
				top.key = t
				continue
			}
			consumed()
		default:
			consumed()
		}
	}
}
