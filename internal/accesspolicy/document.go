package accesspolicy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Document is a permission policy as ECR stores it: a version and its statements.
type Document struct {
	Version    string
	Statements []Statement
}

// Statement is one statement, with the IAM grammar's "a string or a list" forms already
// flattened to lists.
type Statement struct {
	// Sid is the statement's Sid, or "#N" (its 1-based position) when it has none, so that every
	// finding can name the statement it is about.
	Sid          string
	Allow        bool
	Principals   []Principal
	NotPrincipal bool
	Actions      []string
	NotAction    bool
	// HasResource is true when the statement names a Resource: registry policies do, repository
	// policies never do (the repository is the resource).
	HasResource bool
	// Conditions maps a lower-cased condition key to the values any operator (other than Null)
	// compares it with.
	Conditions map[string][]string
}

// rawStatement is the JSON shape; each member may be a string, a list or (Principal) an object.
type rawStatement struct {
	Sid          string          `json:"Sid"`
	Effect       string          `json:"Effect"`
	Principal    json.RawMessage `json:"Principal"`
	NotPrincipal json.RawMessage `json:"NotPrincipal"`
	Action       json.RawMessage `json:"Action"`
	NotAction    json.RawMessage `json:"NotAction"`
	Resource     json.RawMessage `json:"Resource"`
	NotResource  json.RawMessage `json:"NotResource"`
	Condition    map[string]map[string]json.RawMessage
}

// ErrNotAPolicy is wrapped by every Parse error.
var ErrNotAPolicy = errors.New("not a permission policy")

// Parse reads a policy document. It refuses what is not a policy (not a JSON object, no
// statements, an Effect other than Allow or Deny, a statement with neither Action nor NotAction);
// it does not judge what the policy allows, which is Analyze's job.
func Parse(policy string) (Document, error) {
	var raw struct {
		Version   string          `json:"Version"`
		Statement json.RawMessage `json:"Statement"`
	}
	dec := json.NewDecoder(strings.NewReader(policy))
	if err := dec.Decode(&raw); err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrNotAPolicy, err)
	}
	if dec.More() {
		return Document{}, fmt.Errorf("%w: text follows the JSON object", ErrNotAPolicy)
	}
	var statements []rawStatement
	switch trimmed := bytes.TrimSpace(raw.Statement); {
	case len(trimmed) == 0 || string(trimmed) == "null":
		return Document{}, fmt.Errorf("%w: no Statement", ErrNotAPolicy)
	case trimmed[0] == '{':
		var one rawStatement
		if err := json.Unmarshal(trimmed, &one); err != nil {
			return Document{}, fmt.Errorf("%w: Statement: %v", ErrNotAPolicy, err)
		}
		statements = []rawStatement{one}
	default:
		if err := json.Unmarshal(trimmed, &statements); err != nil {
			return Document{}, fmt.Errorf("%w: Statement: %v", ErrNotAPolicy, err)
		}
	}
	if len(statements) == 0 {
		return Document{}, fmt.Errorf("%w: Statement is empty", ErrNotAPolicy)
	}
	doc := Document{Version: raw.Version}
	for i, r := range statements {
		s, err := r.statement(i)
		if err != nil {
			return Document{}, err
		}
		doc.Statements = append(doc.Statements, s)
	}
	return doc, nil
}

func (r rawStatement) statement(i int) (Statement, error) {
	s := Statement{Sid: r.Sid, Conditions: map[string][]string{}}
	if s.Sid == "" {
		s.Sid = fmt.Sprintf("#%d", i+1)
	}
	fail := func(format string, args ...any) (Statement, error) {
		return Statement{}, fmt.Errorf("%w: statement %s: %s", ErrNotAPolicy, s.Sid, fmt.Sprintf(format, args...))
	}
	switch r.Effect {
	case "Allow":
		s.Allow = true
	case "Deny":
	default:
		return fail("Effect must be Allow or Deny, not %q", r.Effect)
	}
	principal := r.Principal
	if len(r.NotPrincipal) > 0 {
		if len(r.Principal) > 0 {
			return fail("has both Principal and NotPrincipal")
		}
		principal, s.NotPrincipal = r.NotPrincipal, true
	}
	var err error
	if len(principal) > 0 {
		if s.Principals, err = parsePrincipals(principal); err != nil {
			return fail("%v", err)
		}
	}
	action := r.Action
	if len(r.NotAction) > 0 {
		if len(r.Action) > 0 {
			return fail("has both Action and NotAction")
		}
		action, s.NotAction = r.NotAction, true
	}
	if len(action) == 0 {
		return fail("has neither Action nor NotAction")
	}
	if s.Actions, err = stringOrList(action); err != nil {
		return fail("Action: %v", err)
	}
	s.HasResource = len(r.Resource) > 0 || len(r.NotResource) > 0
	for operator, keys := range r.Condition {
		if strings.EqualFold(operator, "Null") {
			continue // Null tests a key's presence; it narrows nothing by itself
		}
		for key, value := range keys {
			values, err := conditionValues(value)
			if err != nil {
				return fail("Condition %s %s: %v", operator, key, err)
			}
			k := strings.ToLower(key)
			s.Conditions[k] = append(s.Conditions[k], values...)
		}
	}
	return s, nil
}

// stringOrList reads the IAM grammar's "a string or a list of strings".
func stringOrList(raw json.RawMessage) ([]string, error) {
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(raw, &many); err != nil {
		return nil, errors.New("must be a string or a list of strings")
	}
	return many, nil
}

// conditionValues reads a condition value: a string, a boolean, a number or a list of them.
func conditionValues(raw json.RawMessage) ([]string, error) {
	var many []any
	if err := json.Unmarshal(raw, &many); err != nil {
		var one any
		if err := json.Unmarshal(raw, &one); err != nil {
			return nil, err
		}
		many = []any{one}
	}
	out := make([]string, 0, len(many))
	for _, v := range many {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case bool, float64:
			out = append(out, fmt.Sprint(v))
		default:
			return nil, errors.New("values must be strings, numbers or booleans")
		}
	}
	return out, nil
}
