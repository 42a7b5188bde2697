package lifecycle

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
)

// The canonical form makes two policies that mean the same thing byte-identical:
//   - rules sorted by rulePriority (ECR applies them in that order; the order in the array is
//     meaningless);
//   - keys in one stable order, and no nulls;
//   - defaults left out: storageClass "standard" (the documented default) and an empty
//     description;
//   - tagPatternList and tagPrefixList sorted and without duplicates. ECR treats a list as AND
//     ("only images that have all the tags are selected"), and AND does not depend on order
//     or repetition, so they are sets. The rules array is the only order-sensitive list, and
//     only through rulePriority.
type canonicalPolicy struct {
	Rules []canonicalRule `json:"rules"`
}

type canonicalRule struct {
	RulePriority int64              `json:"rulePriority"`
	Description  string             `json:"description,omitempty"`
	Selection    canonicalSelection `json:"selection"`
	Action       canonicalAction    `json:"action"`
}

type canonicalSelection struct {
	TagStatus      string   `json:"tagStatus"`
	TagPatternList []string `json:"tagPatternList,omitempty"`
	TagPrefixList  []string `json:"tagPrefixList,omitempty"`
	StorageClass   string   `json:"storageClass,omitempty"`
	CountType      string   `json:"countType"`
	CountUnit      string   `json:"countUnit,omitempty"`
	CountNumber    int64    `json:"countNumber"`
}

type canonicalAction struct {
	Type               string `json:"type"`
	TargetStorageClass string `json:"targetStorageClass,omitempty"`
}

// Canonical returns the policy's canonical JSON text.
func Canonical(p Policy) string {
	c := canonicalPolicy{Rules: make([]canonicalRule, 0, len(p.Rules))}
	for _, r := range p.Rules {
		s := r.Selection
		storage := s.StorageClass
		if storage == StorageClassStandard {
			storage = ""
		}
		c.Rules = append(c.Rules, canonicalRule{
			RulePriority: r.RulePriority,
			Description:  r.Description,
			Selection: canonicalSelection{
				TagStatus:      s.TagStatus,
				TagPatternList: tagSet(s.TagPatternList),
				TagPrefixList:  tagSet(s.TagPrefixList),
				StorageClass:   storage,
				CountType:      s.CountType,
				CountUnit:      s.CountUnit,
				CountNumber:    s.CountNumber,
			},
			Action: canonicalAction{Type: r.Action.Type, TargetStorageClass: r.Action.TargetStorageClass},
		})
	}
	sort.SliceStable(c.Rules, func(i, j int) bool { return c.Rules[i].RulePriority < c.Rules[j].RulePriority })
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // tag patterns are not HTML
	_ = enc.Encode(c)        // plain structs of strings and integers cannot fail
	return string(bytes.TrimRight(buf.Bytes(), "\n"))
}

func tagSet(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	out := slices.Clone(list)
	sort.Strings(out)
	return slices.Compact(out)
}

// Equivalent reports whether two policies mean the same thing.
func Equivalent(a, b Policy) bool { return Canonical(a) == Canonical(b) }

// EquivalentJSON reports whether two policy texts parse and mean the same thing.
func EquivalentJSON(a, b string) bool {
	pa, err := Parse(a)
	if err != nil {
		return false
	}
	pb, err := Parse(b)
	if err != nil {
		return false
	}
	return Equivalent(pa, pb)
}
