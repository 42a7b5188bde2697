package accesspolicy

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
)

// Principal is one entry of a Principal element.
type Principal struct {
	// Kind is "*" for the bare wildcard, else the key it was listed under: AWS, Service,
	// Federated or CanonicalUser.
	Kind  string
	Value string
}

// Public reports whether the principal is everyone: "*" or {"AWS": "*"}.
func (p Principal) Public() bool {
	return p.Value == "*" && (p.Kind == "*" || p.Kind == "AWS")
}

var (
	accountID = regexp.MustCompile(`^[0-9]{12}$`)
	// arn:partition:iam::ACCOUNT:root|user/...|role/... and sts::ACCOUNT:assumed-role/...
	principalARN = regexp.MustCompile(`^arn:aws[a-z-]*:(?:iam|sts)::([0-9]{12}|\*):`)
)

// Account is the 12-digit account an AWS principal belongs to, "*" for an ARN with a wildcard
// account, and "" for a principal that names no account (services, federated users, a value
// that is not an ARN).
func (p Principal) Account() string {
	if p.Kind != "AWS" {
		return ""
	}
	if accountID.MatchString(p.Value) {
		return p.Value
	}
	if m := principalARN.FindStringSubmatch(p.Value); m != nil {
		return m[1]
	}
	return ""
}

// parsePrincipals reads "*" or an object of kind to a string or a list of strings, in a stable
// order (kinds sorted, values as written).
func parsePrincipals(raw json.RawMessage) ([]Principal, error) {
	var star string
	if err := json.Unmarshal(raw, &star); err == nil {
		if star != "*" {
			return nil, errors.New(`Principal must be "*" or an object such as {"AWS": ...}`)
		}
		return []Principal{{Kind: "*", Value: "*"}}, nil
	}
	var byKind map[string]json.RawMessage
	if err := json.Unmarshal(raw, &byKind); err != nil {
		return nil, errors.New(`Principal must be "*" or an object such as {"AWS": ...}`)
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var out []Principal
	for _, kind := range kinds {
		switch kind {
		case "AWS", "Service", "Federated", "CanonicalUser":
		default:
			return nil, errors.New("Principal kind " + kind + " is not AWS, Service, Federated or CanonicalUser")
		}
		values, err := stringOrList(byKind[kind])
		if err != nil {
			return nil, errors.New("Principal " + kind + ": must be a string or a list of strings")
		}
		for _, v := range values {
			out = append(out, Principal{Kind: kind, Value: v})
		}
	}
	return out, nil
}

// uniqueID is an IAM unique ID (AIDA… for a user, AROA… for a role), which IAM shows in place of
// an ARN once the user or role is deleted.
var uniqueID = regexp.MustCompile(`^A[A-Z0-9]{15,127}$`)

// CheckPrincipals refuses an AWS principal that IAM would not take: one that is not "*", a
// 12-digit account ID, an IAM or STS ARN, or an IAM unique ID ("12345" is none of these, and
// ECR answers such a policy with an error). The plan checks configured policies with it; a policy
// read back from ECR is not judged by it.
func (d Document) CheckPrincipals() error {
	for _, s := range d.Statements {
		for _, p := range s.Principals {
			if p.Kind != "AWS" || p.Value == "*" || p.Account() != "" || uniqueID.MatchString(p.Value) {
				continue
			}
			return fmt.Errorf("%w: statement %s: Principal AWS %q is not an account ID (12 digits), an IAM or STS ARN, or \"*\"",
				ErrNotAPolicy, s.Sid, p.Value)
		}
	}
	return nil
}
