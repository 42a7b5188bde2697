package lifecycle

import (
	"strings"
	"testing"
)

func TestParse_strict(t *testing.T) {
	tests := []struct {
		name, text, wantPath, wantMsg string
	}{
		{"not JSON", `{"rules":`, "(policy)", "not valid JSON"},
		{"trailing data", `{"rules":[]} {}`, "(policy)", "unexpected data"},
		{"not an object", `[]`, "(policy)", "must be an object, not an array"},
		{"missing rules", `{}`, "rules", "is required"},
		{"null rules", `{"rules":null}`, "rules", "null is not allowed"},
		{"unknown top field", `{"rules":[],"version":1}`, "version", `unknown field "version"`},
		{"unknown rule field", policyJSON(`{"rulePriority":1,"priority":2,"selection":{` + untagged7days + `},"action":{"type":"expire"}}`), "rules[0].priority", `unknown field "priority"`},
		{"unknown selection field", policyJSON(rule(1, untagged7days+`,"tagRegex":"x"`, expire)), "rules[0].selection.tagRegex", `unknown field "tagRegex"`},
		{"unknown action field", policyJSON(rule(1, untagged7days, `"type":"expire","when":"now"`)), "rules[0].action.when", `unknown field "when"`},
		{"null description", policyJSON(`{"rulePriority":1,"description":null,"selection":{` + untagged7days + `},"action":{"type":"expire"}}`), "rules[0].description", "null is not allowed"},
		{"null tag list", policyJSON(rule(1, untagged7days+`,"tagPatternList":null`, expire)), "rules[0].selection.tagPatternList", "null is not allowed"},
		{"string priority", policyJSON(`{"rulePriority":"1","selection":{` + untagged7days + `},"action":{"type":"expire"}}`), "rules[0].rulePriority", "must be an integer, not a string"},
		{"fractional count", policyJSON(rule(1, `"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1.5`, expire)), "rules[0].selection.countNumber", "must be an integer, not 1.5"},
		{"numeric tag", policyJSON(rule(1, `"tagStatus":"tagged","tagPatternList":["v*",7],"countType":"imageCountMoreThan","countNumber":1`, expire)), "rules[0].selection.tagPatternList[1]", "must be a string, not a number"},
		{"missing selection", policyJSON(`{"rulePriority":1,"action":{"type":"expire"}}`), "rules[0].selection", "is required"},
		{"missing countNumber", policyJSON(rule(1, `"tagStatus":"untagged","countType":"imageCountMoreThan"`, expire)), "rules[0].selection.countNumber", "is required"},
		{"missing action type", policyJSON(rule(1, untagged7days, ``)), "rules[0].action.type", "is required"},
		{"rule not an object", `{"rules":[1]}`, "rules[0]", "must be an object, not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.text)
			ps, ok := err.(Problems)
			if !ok {
				t.Fatalf("err = %v (%T), want Problems", err, err)
			}
			for _, p := range ps {
				if p.Path() == tt.wantPath && strings.Contains(p.Message, tt.wantMsg) {
					return
				}
			}
			t.Errorf("want a problem at %s containing %q; got:\n%v", tt.wantPath, tt.wantMsg, ps)
		})
	}
}

func TestParse_integerWithZeroFraction(t *testing.T) {
	p, err := Parse(policyJSON(rule(1, `"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":3.0`, expire)))
	if err != nil {
		t.Fatal(err)
	}
	if p.Rules[0].Selection.CountNumber != 3 {
		t.Fatalf("countNumber = %d", p.Rules[0].Selection.CountNumber)
	}
}

func TestCanonical(t *testing.T) {
	a := `{"rules":[
	  {"action":{"type":"expire"},"selection":{"countNumber":30,"countType":"imageCountMoreThan","tagPatternList":["v*","release-*"],"tagStatus":"tagged"},"rulePriority":2},
	  {"rulePriority":1,"description":"","selection":{"tagStatus":"untagged","storageClass":"standard","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}`
	b := `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}},
	  {"rulePriority":2,"selection":{"tagStatus":"tagged","tagPatternList":["release-*","v*","v*"],"countType":"imageCountMoreThan","countNumber":30},"action":{"type":"expire"}}]}`
	want := `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}},` +
		`{"rulePriority":2,"selection":{"tagStatus":"tagged","tagPatternList":["release-*","v*"],"countType":"imageCountMoreThan","countNumber":30},"action":{"type":"expire"}}]}`
	if got := Canonical(mustParse(a)); got != want {
		t.Errorf("Canonical(a) =\n%s\nwant\n%s", got, want)
	}
	if !EquivalentJSON(a, b) {
		t.Error("a and b mean the same but are not equivalent")
	}
	c := strings.Replace(b, `"countNumber":30`, `"countNumber":31`, 1)
	if EquivalentJSON(a, c) {
		t.Error("a changed countNumber is still equivalent")
	}
	d := strings.Replace(b, `"release-*"`, `"rel-*"`, 1)
	if EquivalentJSON(a, d) {
		t.Error("a changed tagPatternList is still equivalent")
	}
	// The archive fields are emitted.
	arch := Canonical(mustParse(policyJSON(rule(1, archivedExp365, expire), rule(2, archivePull90, transition))))
	for _, want := range []string{`"storageClass":"archive"`, `"targetStorageClass":"archive"`, `"countType":"sinceImagePulled"`} {
		if !strings.Contains(arch, want) {
			t.Errorf("canonical form lacks %s: %s", want, arch)
		}
	}
}

func TestParse_duplicateKeys(t *testing.T) {
	tests := map[string]string{
		`{"rules":[],"rules":[]}`: "rules",
		`{"rules":[{"rulePriority":1,"rulePriority":2,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}`:                                                                                                                                      "rules[0].rulePriority",
		`{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},{"rulePriority":2,"selection":{"tagStatus":"untagged","tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}`: "rules[1].selection.tagStatus",
		`{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire","type":"transition"}}]}`:                                                                                                                                   "rules[0].action.type",
	}
	for text, wantPath := range tests {
		_, err := Parse(text)
		ps, ok := err.(Problems)
		if !ok || len(ps) != 1 || ps[0].Path() != wantPath || !strings.Contains(ps[0].Message, "appears twice") {
			t.Errorf("Parse(%s) = %v; want one duplicate-key problem at %s", text, err, wantPath)
		}
	}
	// Equal keys in different objects are not duplicates.
	if _, err := Parse(`{"rules":[{"rulePriority":1,"description":"a","selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},{"rulePriority":2,"description":"b","selection":{"tagStatus":"tagged","tagPatternList":["v*"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}`); err != nil {
		t.Errorf("distinct objects with the same keys: %v", err)
	}
}
