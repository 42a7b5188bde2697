package ecrapi

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The operations this package calls, found in its source: c.api.Operation( and
// ecr.NewOperationPaginator(. Each needs the IAM action ecr:Operation.
var (
	apiCall   = regexp.MustCompile(`\.api\.([A-Z][A-Za-z]+)\(`)
	paginator = regexp.MustCompile(`ecr\.New([A-Z][A-Za-z]+)Paginator\(`)
	action    = regexp.MustCompile(`"((?:ecr|sts):[A-Za-z]+)"`)
)

func calledActions(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{"sts:GetCallerIdentity": true} // the account check in client.go
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range []*regexp.Regexp{apiCall, paginator} {
			for _, m := range re.FindAllSubmatch(src, -1) {
				found["ecr:"+string(m[1])] = true
			}
		}
	}
	return slices.Sorted(func(yield func(string) bool) {
		for a := range found {
			if !yield(a) {
				return
			}
		}
	})
}

func missingFrom(called []string, granted map[string]bool) []string {
	var missing []string
	for _, a := range called {
		if !granted[a] {
			missing = append(missing, a)
		}
	}
	return missing
}

// Every operation the provider calls is in the shipped IAM policy (examples/iam/policy.json) and
// in the README's policy for the real-ECR acceptance run, so that neither fails with
// AccessDenied on an operation added later.
func TestShippedIAMPoliciesGrantEveryCalledOperation(t *testing.T) {
	called := calledActions(t)
	if len(called) < 30 {
		t.Fatalf("found only %d operations in the source: %v; the patterns no longer match the code", len(called), called)
	}

	raw, err := os.ReadFile("../../examples/iam/policy.json")
	if err != nil {
		t.Fatal(err)
	}
	var policy struct {
		Statement []struct {
			Action json.RawMessage
		}
	}
	if err := json.Unmarshal(raw, &policy); err != nil {
		t.Fatal(err)
	}
	granted := map[string]bool{}
	for _, s := range policy.Statement {
		var list []string
		if json.Unmarshal(s.Action, &list) != nil {
			var one string
			_ = json.Unmarshal(s.Action, &one)
			list = []string{one}
		}
		for _, a := range list {
			granted[a] = true
		}
	}
	if missing := missingFrom(called, granted); len(missing) > 0 {
		t.Errorf("examples/iam/policy.json lacks %v", missing)
	}

	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "The IAM policy the suite needs")
	block, _, _ = strings.Cut(block, "\n  ```\n")
	if !ok {
		t.Fatal("README.md no longer has \"The IAM policy the suite needs\"")
	}
	granted = map[string]bool{}
	for _, m := range action.FindAllStringSubmatch(block, -1) {
		granted[m[1]] = true
	}
	if missing := missingFrom(called, granted); len(missing) > 0 {
		t.Errorf("README.md's policy for make testacc-aws lacks %v", missing)
	}
}
