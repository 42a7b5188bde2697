package accesspolicy

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"testing"
)

// randomStatement builds a statement from the pieces the documented examples use, so that the
// properties below range over public, cross-account, organisation-wide and service grants.
func randomStatement(r *rand.Rand, i int) map[string]any {
	principals := []any{
		"*",
		map[string]any{"AWS": "*"},
		map[string]any{"AWS": "arn:aws:iam::" + own + ":root"},
		map[string]any{"AWS": []string{partner, "arn:aws:iam::" + stranger + ":role/ci"}},
		map[string]any{"Service": "codebuild.amazonaws.com"},
		map[string]any{"AWS": "arn:aws-us-gov:sts::" + partner + ":assumed-role/r/s"},
	}
	actions := []any{"ecr:*", "*", "ecr:BatchGetImage", []string{"ecr:BatchGetImage", "ecr:PutImage"}, "ecr:Batch*", "ecr:CreateRepository"}
	conditions := []any{
		nil,
		map[string]any{"StringEquals": map[string]any{"aws:PrincipalOrgID": "o-a1b2c3d4e5"}},
		map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": own}},
		map[string]any{"IpAddress": map[string]any{"aws:SourceIp": []string{"203.0.113.0/24"}}},
	}
	s := map[string]any{
		"Sid":       fmt.Sprintf("S%d", i),
		"Effect":    []string{"Allow", "Deny"}[r.Intn(2)],
		"Principal": principals[r.Intn(len(principals))],
		"Action":    actions[r.Intn(len(actions))],
	}
	if c := conditions[r.Intn(len(conditions))]; c != nil {
		s["Condition"] = c
	}
	return s
}

func render(t *testing.T, statements []map[string]any) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sortedCodes(fs []Finding) []string {
	out := codes(fs)
	sort.Strings(out)
	return out
}

// Properties of the analysis, over random policies built from documented pieces:
//   - a Deny statement never adds a finding;
//   - the order of statements changes the order of findings, never their set;
//   - trusting more accounts never adds a finding;
//   - narrowing every statement to the organisation removes every PUBLIC_POLICY.
func TestAnalyze_properties(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for round := 0; round < 500; round++ {
		n := 1 + r.Intn(4)
		var statements []map[string]any
		for i := 0; i < n; i++ {
			statements = append(statements, randomStatement(r, i))
		}
		opts := Options{OwnAccount: own, TrustedAccounts: []string{partner}}
		base, err := Analyze(render(t, statements), opts)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}

		deny := append(slices.Clone(statements), map[string]any{"Sid": "Extra", "Effect": "Deny", "Principal": "*", "Action": "ecr:*"})
		if got, _ := Analyze(render(t, deny), opts); !slices.Equal(sortedCodes(got), sortedCodes(base)) {
			t.Fatalf("round %d: a Deny changed the findings from %v to %v", round, codes(base), codes(got))
		}

		reversed := slices.Clone(statements)
		slices.Reverse(reversed)
		if got, _ := Analyze(render(t, reversed), opts); !slices.Equal(sortedCodes(got), sortedCodes(base)) {
			t.Fatalf("round %d: reordering changed the findings from %v to %v", round, codes(base), codes(got))
		}

		wider := Options{OwnAccount: own, TrustedAccounts: []string{partner, stranger}}
		if got, _ := Analyze(render(t, statements), wider); len(got) > len(base) {
			t.Fatalf("round %d: trusting more accounts added findings: %v -> %v", round, codes(base), codes(got))
		}

		narrowed := make([]map[string]any, len(statements))
		for i, s := range statements {
			c := maps(s)
			c["Condition"] = map[string]any{"StringEquals": map[string]any{"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
			narrowed[i] = c
		}
		got, _ := Analyze(render(t, narrowed), opts)
		for _, f := range got {
			if f.Code == PublicPolicy {
				t.Fatalf("round %d: an organisation condition left %+v", round, f)
			}
		}
	}
}

func maps(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// The same principal as a string or a one-element list is the same policy.
func TestAnalyze_stringOrListIsTheSame(t *testing.T) {
	one := `{"Statement":{"Sid":"X","Effect":"Allow","Principal":{"AWS":"777788889999"},"Action":"ecr:PutImage"}}`
	list := `{"Statement":[{"Sid":"X","Effect":"Allow","Principal":{"AWS":["777788889999"]},"Action":["ecr:PutImage"]}]}`
	opts := Options{OwnAccount: own, TrustedAccounts: []string{partner}}
	a, errA := Analyze(one, opts)
	b, errB := Analyze(list, opts)
	if errA != nil || errB != nil || !slices.Equal(a, b) || len(a) != 2 {
		t.Fatalf("string form %v (%v), list form %v (%v)", a, errA, b, errB)
	}
}
