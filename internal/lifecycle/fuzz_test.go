package lifecycle

import "testing"

func addPolicySeeds(f *testing.F) {
	f.Add(policyJSON(rule(1, untagged7days, expire), rule(2, keep30Releases, expire), rule(3, archivePull90, transition)))
	f.Add(policyJSON(rule(1, archivedExp365, expire), rule(9, anyKeep100, expire)))
	f.Add(`{"rules":[{"rulePriority":1e0,"selection":{"tagStatus":"tagged","tagPrefixList":["a","a"]},"action":{}}]}`)
	f.Add(`{"rules":null}`)
	f.Add(`[`)
}

// FuzzParseCanonical: any input parses or fails without panicking, and a parsed policy survives
// parse → canonical → parse unchanged.
func FuzzParseCanonical(f *testing.F) {
	addPolicySeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		p, err := Parse(text)
		if err != nil {
			return
		}
		c1 := Canonical(p)
		p2, err := Parse(c1)
		if err != nil {
			t.Fatalf("canonical text does not parse: %v\n%s", err, c1)
		}
		if c2 := Canonical(p2); c2 != c1 {
			t.Fatalf("canonical form is not stable:\n%s\n%s", c1, c2)
		}
		_ = Validate(p) // must not panic
	})
}
