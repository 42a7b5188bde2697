package lifecycle

import (
	"fmt"
	"strings"
	"testing"
)

// rule builds one rule's JSON from selection and action bodies.
func rule(priority int, selection, action string) string {
	return fmt.Sprintf(`{"rulePriority":%d,"description":"test rule","selection":{%s},"action":{%s}}`, priority, selection, action)
}

func policyJSON(rules ...string) string {
	return `{"rules":[` + strings.Join(rules, ",") + `]}`
}

const (
	expire            = `"type":"expire"`
	transition        = `"type":"transition","targetStorageClass":"archive"`
	untagged7days     = `"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7`
	keep30Releases    = `"tagStatus":"tagged","tagPatternList":["v*"],"countType":"imageCountMoreThan","countNumber":30`
	anyKeep100        = `"tagStatus":"any","countType":"imageCountMoreThan","countNumber":100`
	archivePull90     = `"tagStatus":"tagged","tagPatternList":["sha-*"],"countType":"sinceImagePulled","countUnit":"days","countNumber":90`
	archivedExp365    = `"tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":365`
	anyPull90         = `"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":90`
	archivedExp400    = `"tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":400`
	archivedTagged400 = `"tagStatus":"tagged","tagPatternList":["v*"],"storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":400`
	prefixProdCount   = `"tagStatus":"tagged","tagPrefixList":["prod"],"countType":"imageCountMoreThan","countNumber":5`
)

// TestValidate_rules pairs every documented rule with a policy that breaks it (and the path
// and message expected) and a fixed counterpart that must be valid.
func TestValidate_rules(t *testing.T) {
	tests := []struct {
		name     string
		bad      string
		wantPath string
		wantMsg  string
		fixed    string
	}{
		{"priorities unique",
			policyJSON(rule(1, untagged7days, expire), rule(1, keep30Releases, expire)), "rules[1].rulePriority", "already the priority of rules[0]",
			policyJSON(rule(1, untagged7days, expire), rule(3, keep30Releases, expire))},
		{"priority positive",
			policyJSON(rule(0, untagged7days, expire)), "rules[0].rulePriority", "positive integer",
			policyJSON(rule(1, untagged7days, expire))},
		{"priority within 32 bits",
			policyJSON(rule(2147483648, untagged7days, expire)), "rules[0].rulePriority", "above 2147483647",
			policyJSON(rule(2147483647, untagged7days, expire))},
		{"countNumber within 32 bits",
			policyJSON(rule(1, strings.Replace(untagged7days, `"countNumber":7`, `"countNumber":99999999999`, 1), expire)), "rules[0].selection.countNumber", "above 2147483647",
			policyJSON(rule(1, strings.Replace(untagged7days, `"countNumber":7`, `"countNumber":2147483647`, 1), expire))},
		{"any has the highest priority",
			policyJSON(rule(5, anyKeep100, expire), rule(9, keep30Releases, expire)), "rules[0].rulePriority", "highest rulePriority",
			policyJSON(rule(10, anyKeep100, expire), rule(9, keep30Releases, expire))},
		{"at most one any rule per storage class",
			policyJSON(rule(1, keep30Releases, expire), rule(8, anyKeep100, expire), rule(9, anyKeep100, expire)), "rules[2].selection.tagStatus", "only one rule per storage class may",
			policyJSON(rule(1, keep30Releases, expire), rule(8, anyKeep100, expire), rule(9, archivedExp365, expire))},
		{"at most one archive any rule",
			policyJSON(rule(1, anyPull90, transition), rule(2, archivedExp365, expire), rule(3, archivedExp400, expire)), "rules[2].selection.tagStatus", "already uses tagStatus any for archive images",
			policyJSON(rule(1, anyPull90, transition), rule(3, archivedExp400, expire))},
		{"any is last among the rules of its storage class",
			policyJSON(rule(1, anyPull90, transition), rule(2, archivedExp365, expire), rule(5, keep30Releases, expire)), "rules[0].rulePriority", "last among the standard rules",
			policyJSON(rule(6, anyPull90, transition), rule(2, archivedExp365, expire), rule(5, keep30Releases, expire))},
		{"an archive any rule is last among the archive rules",
			policyJSON(rule(1, archivedExp365, expire), rule(2, archivedTagged400, expire), rule(3, anyPull90, transition)), "rules[0].rulePriority", "last among the archive rules",
			policyJSON(rule(2, archivedExp365, expire), rule(1, archivedTagged400, expire), rule(3, anyPull90, transition))},
		{"tagged needs a list",
			policyJSON(rule(1, `"tagStatus":"tagged","countType":"imageCountMoreThan","countNumber":3`, expire)), "rules[0].selection.tagPatternList", "need a non-empty tagPatternList",
			policyJSON(rule(1, `"tagStatus":"tagged","tagPatternList":["v*"],"countType":"imageCountMoreThan","countNumber":3`, expire))},
		{"tagged takes one list, not both",
			policyJSON(rule(1, `"tagStatus":"tagged","tagPatternList":["v*"],"tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":3`, expire)), "rules[0].selection.tagPrefixList", "not both",
			policyJSON(rule(1, `"tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":3`, expire))},
		{"untagged takes no list",
			policyJSON(rule(1, `"tagStatus":"untagged","tagPatternList":["v*"],"countType":"imageCountMoreThan","countNumber":3`, expire)), "rules[0].selection.tagPatternList", "only tagged rules",
			policyJSON(rule(1, `"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":3`, expire))},
		{"any takes no prefix list",
			policyJSON(rule(1, `"tagStatus":"any","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":3`, expire)), "rules[0].selection.tagPrefixList", "only tagged rules",
			policyJSON(rule(1, `"tagStatus":"any","countType":"imageCountMoreThan","countNumber":3`, expire))},
		{"at most four wildcards",
			policyJSON(rule(1, `"tagStatus":"tagged","tagPatternList":["v*","*a*b*c*d*"],"countType":"imageCountMoreThan","countNumber":3`, expire)), "rules[0].selection.tagPatternList[1]", "5 wildcards",
			policyJSON(rule(1, `"tagStatus":"tagged","tagPatternList":["v*","*a*b*c*d"],"countType":"imageCountMoreThan","countNumber":3`, expire))},
		{"empty pattern",
			policyJSON(rule(1, `"tagStatus":"tagged","tagPatternList":[""],"countType":"imageCountMoreThan","countNumber":3`, expire)), "rules[0].selection.tagPatternList[0]", "cannot be empty",
			policyJSON(rule(1, `"tagStatus":"tagged","tagPatternList":["*"],"countType":"imageCountMoreThan","countNumber":3`, expire))},
		{"since count types need countUnit",
			policyJSON(rule(1, `"tagStatus":"untagged","countType":"sinceImagePushed","countNumber":7`, expire)), "rules[0].selection.countUnit", `set countUnit to "days"`,
			policyJSON(rule(1, untagged7days, expire))},
		{"imageCountMoreThan forbids countUnit",
			policyJSON(rule(1, `"tagStatus":"untagged","countType":"imageCountMoreThan","countUnit":"days","countNumber":7`, expire)), "rules[0].selection.countUnit", "remove countUnit",
			policyJSON(rule(1, `"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":7`, expire))},
		{"countUnit is days",
			policyJSON(rule(1, `"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"hours","countNumber":7`, expire)), "rules[0].selection.countUnit", `must be "days"`,
			policyJSON(rule(1, untagged7days, expire))},
		{"countNumber positive",
			policyJSON(rule(1, `"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":0`, expire)), "rules[0].selection.countNumber", "positive integer",
			policyJSON(rule(1, untagged7days, expire))},
		{"unknown tagStatus",
			policyJSON(rule(1, `"tagStatus":"TAGGED","tagPatternList":["v*"],"countType":"imageCountMoreThan","countNumber":3`, expire)), "rules[0].selection.tagStatus", "must be one of tagged, untagged, any",
			policyJSON(rule(1, keep30Releases, expire))},
		{"unknown countType",
			policyJSON(rule(1, `"tagStatus":"untagged","countType":"sinceImageBuilt","countUnit":"days","countNumber":7`, expire)), "rules[0].selection.countType", "must be one of",
			policyJSON(rule(1, untagged7days, expire))},
		{"unknown storageClass",
			policyJSON(rule(1, `"tagStatus":"untagged","storageClass":"glacier","countType":"sinceImagePushed","countUnit":"days","countNumber":7`, expire)), "rules[0].selection.storageClass", "standard or archive",
			policyJSON(rule(1, `"tagStatus":"untagged","storageClass":"standard","countType":"sinceImagePushed","countUnit":"days","countNumber":7`, expire))},
		{"sinceImageTransitioned needs archive",
			policyJSON(rule(1, `"tagStatus":"any","countType":"sinceImageTransitioned","countUnit":"days","countNumber":365`, expire)), "rules[0].selection.storageClass", `set storageClass to "archive"`,
			policyJSON(rule(1, archivedExp365, expire))},
		{"archive only with sinceImageTransitioned",
			policyJSON(rule(1, `"tagStatus":"any","storageClass":"archive","countType":"sinceImagePushed","countUnit":"days","countNumber":365`, expire)), "rules[0].selection.storageClass", "only be selected with countType sinceImageTransitioned",
			policyJSON(rule(1, archivedExp365, expire))},
		{"transition needs targetStorageClass archive",
			policyJSON(rule(1, archivePull90, `"type":"transition"`)), "rules[0].action.targetStorageClass", `targetStorageClass "archive"`,
			policyJSON(rule(1, archivePull90, transition))},
		{"expire takes no targetStorageClass",
			policyJSON(rule(1, untagged7days, `"type":"expire","targetStorageClass":"archive"`)), "rules[0].action.targetStorageClass", "remove targetStorageClass",
			policyJSON(rule(1, untagged7days, expire))},
		{"sinceImagePulled only transitions",
			policyJSON(rule(1, archivePull90, expire)), "rules[0].action.type", "can only transition",
			policyJSON(rule(1, archivePull90, transition))},
		{"unknown action type",
			policyJSON(rule(1, untagged7days, `"type":"delete"`)), "rules[0].action.type", "must be expire or transition",
			policyJSON(rule(1, untagged7days, expire))},
		{"archived images are not transitioned again",
			policyJSON(rule(1, archivedExp365, transition)), "rules[0].action.type", "cannot be transitioned again",
			policyJSON(rule(1, archivedExp365, expire))},
		{"archive expiry minimum 90 days",
			policyJSON(rule(1, `"tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":30`, expire)), "rules[0].selection.countNumber", "no sooner than 90 days",
			policyJSON(rule(1, `"tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":90`, expire))},
		{"one untagged rule per storage class",
			policyJSON(rule(1, untagged7days, expire), rule(2, `"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":10`, expire)), "rules[1].selection.tagStatus", "already selects untagged standard images",
			policyJSON(rule(1, untagged7days, expire), rule(2, `"tagStatus":"untagged","storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":90`, expire))},
		{"distinct tag prefixes per storage class",
			policyJSON(rule(1, prefixProdCount, expire), rule(2, `"tagStatus":"tagged","tagPrefixList":["prod"],"countType":"sinceImagePushed","countUnit":"days","countNumber":90`, expire)), "rules[1].selection.tagPrefixList", "already selects standard images with these tag prefixes",
			policyJSON(rule(1, prefixProdCount, expire), rule(2, `"tagStatus":"tagged","tagPrefixList":["prod-hotfix"],"countType":"sinceImagePushed","countUnit":"days","countNumber":90`, expire))},
		{"no rules",
			`{"rules":[]}`, "rules", "at least one rule",
			policyJSON(rule(1, untagged7days, expire))},
		{"too many rules",
			manyRules(MaxRules + 1), "rules", "at most 50",
			manyRules(MaxRules)},
		{"too long",
			longPolicy(MaxPolicyChars + 1), "(policy)", "at most 30720",
			longPolicy(MaxPolicyChars - 200)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.bad)
			if err != nil {
				t.Fatalf("bad policy did not parse: %v", err)
			}
			ps := Validate(p)
			found := false
			for _, pr := range ps {
				if pr.Path() == tt.wantPath && strings.Contains(pr.Message, tt.wantMsg) {
					found = true
				}
			}
			if !found {
				t.Errorf("want a problem at %s containing %q; got:\n%v", tt.wantPath, tt.wantMsg, ps)
			}
			fixed, err := Parse(tt.fixed)
			if err != nil {
				t.Fatalf("fixed policy did not parse: %v", err)
			}
			if ps := Validate(fixed); len(ps) > 0 {
				t.Errorf("fixed policy has problems:\n%v", ps)
			}
		})
	}
}

func manyRules(n int) string {
	rules := make([]string, n)
	for i := range rules {
		rules[i] = rule(i+1, fmt.Sprintf(`"tagStatus":"tagged","tagPatternList":["r%d-*"],"countType":"imageCountMoreThan","countNumber":3`, i), expire)
	}
	return policyJSON(rules...)
}

func longPolicy(chars int) string {
	base := policyJSON(rule(1, untagged7days, expire))
	pad := chars - len(Canonical(mustParse(base)))
	return policyJSON(fmt.Sprintf(`{"rulePriority":1,"description":"test rule%s","selection":{%s},"action":{%s}}`, strings.Repeat("x", pad), untagged7days, expire))
}

func mustParse(s string) Policy {
	p, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

// TestValidate_userGuideExamples: every example policy in the ECR User Guide's "Examples of
// lifecycle policies" is valid.
func TestValidate_userGuideExamples(t *testing.T) {
	examples := map[string]string{
		"filtering on image age":   `{"rules":[{"rulePriority":1,"description":"Expire images older than 14 days","selection":{"tagStatus":"tagged","tagPatternList":["prod*"],"countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}`,
		"filtering on image count": `{"rules":[{"rulePriority":1,"description":"Keep only one untagged image, expire all others","selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}`,
		"filtering on multiple rules": `{"rules":[
			{"rulePriority":1,"description":"Rule 1","selection":{"tagStatus":"tagged","tagPatternList":["prod*"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},
			{"rulePriority":2,"description":"Rule 2","selection":{"tagStatus":"tagged","tagPatternList":["beta*"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}`,
		"filtering on multiple tags in a single rule": `{"rules":[{"rulePriority":1,"description":"Rule 1","selection":{"tagStatus":"tagged","tagPatternList":["alpha*","beta*"],"countType":"sinceImagePushed","countNumber":5,"countUnit":"days"},"action":{"type":"expire"}}]}`,
		"filtering on all images": `{"rules":[
			{"rulePriority":1,"description":"Rule 1","selection":{"tagStatus":"tagged","tagPatternList":["alpha*"],"countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}},
			{"rulePriority":2,"description":"Rule 2","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":1},"action":{"type":"expire"}},
			{"rulePriority":3,"description":"Rule 3","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}`,
		"tag prefix list":                       `{"rules":[{"rulePriority":1,"description":"Keep last 30 release images","selection":{"tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":30},"action":{"type":"expire"}}]}`,
		"archive images not pulled in 90 days":  `{"rules":[{"rulePriority":1,"description":"Archive images not pulled in 90 days","selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":90},"action":{"type":"transition","targetStorageClass":"archive"}}]}`,
		"delete archived images after 365 days": `{"rules":[{"rulePriority":1,"description":"Delete archived images after 365 days","selection":{"tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":365},"action":{"type":"expire"}}]}`,
		// "Combining archive and expire rules": one any rule per storage class. Real ECR accepts
		// this shape (terraform-provider-aws, testAccLifecyclePolicyConfig_storageClass).
		"combining archive and expire rules": combinedArchiveExpire,
	}
	for name, text := range examples {
		t.Run(name, func(t *testing.T) {
			p, err := Parse(text)
			if err != nil {
				t.Fatal(err)
			}
			if ps := Validate(p); len(ps) > 0 {
				t.Fatalf("problems:\n%v", ps)
			}
		})
	}
}

// combinedArchiveExpire is the User Guide's "Combining archive and expire rules" (Examples of
// lifecycle policies in Amazon ECR, archive examples).
const combinedArchiveExpire = `{"rules":[
	{"rulePriority":1,"description":"Archive images not pulled in 90 days","selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":90},"action":{"type":"transition","targetStorageClass":"archive"}},
	{"rulePriority":2,"description":"Delete images archived for more than 365 days","selection":{"tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":365},"action":{"type":"expire"}}]}`

func TestParseAndValidate(t *testing.T) {
	if _, ps := ParseAndValidate(`{"rules":`); len(ps) != 1 || ps[0].Path() != "(policy)" {
		t.Errorf("malformed JSON: %v", ps)
	}
	if _, ps := ParseAndValidate(policyJSON(rule(0, untagged7days, expire))); len(ps) != 1 || ps[0].Path() != "rules[0].rulePriority" {
		t.Errorf("an invalid policy: %v", ps)
	}
	if p, ps := ParseAndValidate(policyJSON(rule(1, untagged7days, expire))); len(ps) != 0 || len(p.Rules) != 1 {
		t.Errorf("a valid policy: %v, %v", p, ps)
	}
}
