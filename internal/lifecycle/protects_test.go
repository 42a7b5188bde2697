package lifecycle

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

func TestProtects(t *testing.T) {
	deployGuarded := Policy{Rules: []Rule{
		{RulePriority: 1, Selection: Selection{TagStatus: TagStatusUntagged, CountType: CountTypeSinceImagePushed, CountUnit: "days", CountNumber: 7}, Action: Action{Type: ActionExpire}},
		{RulePriority: 2, Selection: Selection{TagStatus: TagStatusTagged, TagPatternList: []string{"sha-*"}, CountType: CountTypeSinceImagePushed, CountUnit: "days", CountNumber: 30}, Action: Action{Type: ActionExpire}},
	}}
	catchAll := Policy{Rules: append(append([]Rule(nil), deployGuarded.Rules...),
		Rule{RulePriority: 9, Selection: Selection{TagStatus: TagStatusAny, CountType: CountTypeImageCountMoreThan, CountNumber: 100}, Action: Action{Type: ActionExpire}})}
	for _, tc := range []struct {
		name   string
		policy Policy
		tags   []string
		want   bool
		reason string
	}{
		{"deployment tag no rule selects", deployGuarded, []string{"deployed-prod-1", "v1.2.0"}, true, "no rule selects"},
		{"a deployed commit build", deployGuarded, []string{"deployed-prod-1", "sha-abc"}, false, "rule 2 selects it first and would expire it once the image was pushed more than 30 days ago"},
		{"untagged", deployGuarded, nil, false, "rule 1"},
		{"a catch-all rule selects everything", catchAll, []string{"deployed-prod-1"}, false, "once more than 100 images it selects are newer"},
		{"no rules", Policy{}, []string{"x"}, true, ""},
	} {
		got, reason := Protects(tc.policy, tc.tags)
		if got != tc.want || !strings.Contains(reason, tc.reason) {
			t.Errorf("%s: Protects = %v (%s), want %v (%s)", tc.name, got, reason, tc.want, tc.reason)
		}
	}
}

// TestProtectsAgainstSimulate is the property that defines Protects, checked against Simulate on
// random policies: when it says protected, no image with those tags is ever acted on, however
// old and among however many images; when it says not protected, a repository of old images
// with those tags exists in which Simulate acts on one.
func TestProtectsAgainstSimulate(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	tagPool := []string{"v1", "v2", "sha-1", "deployed-prod-1", "latest", "pr-3"}
	patternPool := []string{"v*", "sha-*", "deployed-*", "*", "pr-*", "latest"}
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	for n := 0; n < 2000; n++ {
		p := randomPolicy(rng, patternPool)
		var tags []string
		for _, tag := range tagPool {
			if rng.Intn(3) == 0 {
				tags = append(tags, tag)
			}
		}
		protected, reason := Protects(p, tags)
		witness := oldImages(tags, 40, now)
		acted := map[string]bool{}
		for _, d := range Simulate(p, witness, now) {
			acted[d.Digest] = true
		}
		if protected && len(acted) > 0 {
			t.Fatalf("policy %s: Protects(%v) = true, but Simulate acts on %d of 40 old images", Canonical(p), tags, len(acted))
		}
		if !protected && len(acted) == 0 {
			t.Fatalf("policy %s: Protects(%v) = false (%s), but Simulate acts on none of 40 old images", Canonical(p), tags, reason)
		}
		if protected {
			// ...and however young, few or many, mixed with other images.
			mixed := append(oldImages(tags, 1+rng.Intn(5), now.Add(-time.Duration(rng.Intn(5000))*time.Hour)), oldImages([]string{"sha-9"}, 30, now)...)
			for _, d := range Simulate(p, mixed, now) {
				if strings.HasPrefix(d.Digest, "img-") && !strings.HasPrefix(d.Digest, "img-sha-9") {
					t.Fatalf("policy %s: protected tags %v, but Simulate acts on %s", Canonical(p), tags, d.Digest)
				}
			}
		}
	}
}

// oldImages is count images with the same tags, pushed one day apart ending 10 years before now,
// never pulled.
func oldImages(tags []string, count int, now time.Time) []Image {
	out := make([]Image, 0, count)
	for i := 0; i < count; i++ {
		out = append(out, Image{
			Digest: fmt.Sprintf("img-%s-%03d", strings.Join(tags, "+"), i), Tags: tags,
			PushedAt: now.AddDate(-10, 0, -i),
		})
	}
	return out
}

func randomPolicy(rng *rand.Rand, patterns []string) Policy {
	var p Policy
	for i := 0; i < 1+rng.Intn(3); i++ {
		s := Selection{CountNumber: int64(1 + rng.Intn(30))}
		switch rng.Intn(3) {
		case 0:
			s.TagStatus = TagStatusUntagged
		case 1:
			s.TagStatus = TagStatusAny
		default:
			s.TagStatus = TagStatusTagged
			s.TagPatternList = []string{patterns[rng.Intn(len(patterns))]}
		}
		if rng.Intn(2) == 0 {
			s.CountType = CountTypeImageCountMoreThan
		} else {
			s.CountType, s.CountUnit = CountTypeSinceImagePushed, "days"
		}
		p.Rules = append(p.Rules, Rule{RulePriority: int64(i + 1), Selection: s, Action: Action{Type: ActionExpire}})
	}
	return p
}
