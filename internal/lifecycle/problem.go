package lifecycle

import (
	"fmt"
	"strings"
)

// Problem is one reason a policy is invalid, at a precise place.
type Problem struct {
	// Rule is the index of the rule in the order given, or -1 for the policy as a whole.
	Rule int
	// Section is "selection", "action" or "" (a field of the rule itself).
	Section string
	// Field is the JSON field name ("tagPatternList"), or "" for the rule or section itself.
	Field string
	// Index is the position in a list field, or -1.
	Index int
	// Message says what is wrong and how to fix it.
	Message string
}

// Path renders the location as a JSON path such as rules[2].selection.tagPatternList[0].
func (p Problem) Path() string {
	var b strings.Builder
	if p.Rule >= 0 {
		fmt.Fprintf(&b, "rules[%d]", p.Rule)
	}
	for _, part := range []string{p.Section, p.Field} {
		if part == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(part)
	}
	if p.Index >= 0 {
		fmt.Fprintf(&b, "[%d]", p.Index)
	}
	if b.Len() == 0 {
		return "(policy)"
	}
	return b.String()
}

// String is "path: message".
func (p Problem) String() string { return p.Path() + ": " + p.Message }

// Problems is a list of problems; as an error it lists them all.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func policyProblem(msg string, args ...any) Problem {
	return Problem{Rule: -1, Index: -1, Message: fmt.Sprintf(msg, args...)}
}

func ruleProblem(rule int, section, field string, msg string, args ...any) Problem {
	return Problem{Rule: rule, Section: section, Field: field, Index: -1, Message: fmt.Sprintf(msg, args...)}
}
