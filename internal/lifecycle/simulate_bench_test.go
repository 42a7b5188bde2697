package lifecycle

import (
	"fmt"
	"math/rand"
	"testing"
	"time"
)

// benchCase is 50 rules (48 tagged rules with distinct patterns, an untagged rule and a final
// any rule) over n images with up to three tags each.
func benchCase(n int) (Policy, []Image) {
	var p Policy
	for i := 0; i < 48; i++ {
		s := Selection{TagStatus: TagStatusTagged, TagPatternList: []string{fmt.Sprintf("team%02d-*", i)}, CountType: CountTypeImageCountMoreThan, CountNumber: 20}
		if i%2 == 1 {
			s = Selection{TagStatus: TagStatusTagged, TagPatternList: []string{fmt.Sprintf("team%02d-*", i), "*-rc*"}, CountType: CountTypeSinceImagePushed, CountUnit: CountUnitDays, CountNumber: 30}
		}
		p.Rules = append(p.Rules, Rule{RulePriority: int64(i + 1), Selection: s, Action: Action{Type: ActionExpire}})
	}
	p.Rules = append(p.Rules,
		Rule{RulePriority: 49, Selection: Selection{TagStatus: TagStatusUntagged, CountType: CountTypeSinceImagePushed, CountUnit: CountUnitDays, CountNumber: 7}, Action: Action{Type: ActionExpire}},
		Rule{RulePriority: 50, Selection: Selection{TagStatus: TagStatusAny, CountType: CountTypeImageCountMoreThan, CountNumber: 5000}, Action: Action{Type: ActionExpire}},
	)
	r := rand.New(rand.NewSource(42))
	images := make([]Image, n)
	for i := range images {
		im := Image{Digest: fmt.Sprintf("sha256:%064x", i), PushedAt: now.Add(-day * 400).Add(time.Duration(r.Int63n(int64(day) * 400)))}
		for j := r.Intn(4); j > 0; j-- {
			suffix := ""
			if r.Intn(5) == 0 {
				suffix = "-rc1"
			}
			im.Tags = append(im.Tags, fmt.Sprintf("team%02d-%d%s", r.Intn(60), r.Intn(1000), suffix))
		}
		images[i] = im
	}
	return p, images
}

// BenchmarkSimulate_100kImages50Rules is the performance target: under 1 s per run on one core,
// under 256 MiB allocated. Run it with:
//
//	go test ./internal/lifecycle -run '^$' -bench Simulate -benchmem -cpu 1
func BenchmarkSimulate_100kImages50Rules(b *testing.B) {
	p, images := benchCase(100_000)
	if ps := Validate(p); len(ps) > 0 {
		b.Fatalf("benchmark policy is invalid: %v", ps)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Simulate(p, images, now)
	}
}

func BenchmarkValidate_50Rules(b *testing.B) {
	p, _ := benchCase(0)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if ps := Validate(p); len(ps) > 0 {
			b.Fatal(ps)
		}
	}
}

func BenchmarkParse_50Rules(b *testing.B) {
	p, _ := benchCase(0)
	text := Canonical(p)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(text); err != nil {
			b.Fatal(err)
		}
	}
}
