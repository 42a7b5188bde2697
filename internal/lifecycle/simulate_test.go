package lifecycle

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func daysAgo(d float64) time.Time { return now.Add(-time.Duration(d * float64(day))) }

func img(digest string, pushedDaysAgo float64, tags ...string) Image {
	return Image{Digest: digest, Tags: tags, PushedAt: daysAgo(pushedDaysAgo)}
}

type want map[string]string // digest -> "action@priority"

func decisionsOf(ds []Decision) want {
	out := want{}
	for _, d := range ds {
		out[d.Digest] = fmt.Sprintf("%s@%d", d.Action, d.RulePriority)
	}
	return out
}

func check(t *testing.T, policy string, images []Image, expected want) {
	t.Helper()
	p := mustParse(policy)
	if ps := Validate(p); len(ps) > 0 {
		t.Fatalf("test policy is invalid: %v", ps)
	}
	got := decisionsOf(Simulate(p, images, now))
	if !reflect.DeepEqual(got, expected) {
		t.Fatalf("decisions = %v, want %v", got, expected)
	}
}

// The user guide's "Filtering on multiple rules": Rule 1 keeps one prod* image, Rule 2 keeps
// one beta* image.
const multipleRules = `{"rules":[
 {"rulePriority":1,"description":"Rule 1","selection":{"tagStatus":"tagged","tagPatternList":["prod*"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},
 {"rulePriority":2,"description":"Rule 2","selection":{"tagStatus":"tagged","tagPatternList":["beta*"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}`

// Example A: "Image A is expired" — Rule 2 also marks B, but B matches Rule 1's selection (which
// keeps it), so Rule 2 cannot expire it.
func TestSimulate_userGuideExampleA(t *testing.T) {
	check(t, multipleRules, []Image{
		img("A", 10, "beta-1", "prod-1"),
		img("B", 9, "beta-2", "prod-2"),
		img("C", 8, "beta-3"),
	}, want{"A": "expire@1"})
}

// Example B: "Images A and B are expired" by Rule 1.
func TestSimulate_userGuideExampleB(t *testing.T) {
	check(t, multipleRules, []Image{
		img("A", 10, "beta-1", "prod-1"),
		img("B", 9, "beta-2", "prod-2"),
		img("C", 8, "beta-3", "prod-3"),
	}, want{"A": "expire@1", "B": "expire@1"})
}

// "Filtering on multiple tags in a single rule": only images with both alpha* and beta* tags are
// selected, and of those the ones pushed more than 5 days ago are expired.
func TestSimulate_multipleTagsMeanAND(t *testing.T) {
	check(t, `{"rules":[{"rulePriority":1,"description":"Rule 1","selection":{"tagStatus":"tagged","tagPatternList":["alpha*","beta*"],"countType":"sinceImagePushed","countUnit":"days","countNumber":5},"action":{"type":"expire"}}]}`,
		[]Image{
			img("A", 12, "alpha-1"),
			img("B", 11, "beta-1"),
			img("C", 10, "alpha-2", "beta-2"),
			img("D", 4, "alpha-3", "beta-3"),
		}, want{"C": "expire@1"})
}

func TestSimulate_semantics(t *testing.T) {
	untaggedKeep1 := `{"rules":[{"rulePriority":1,"description":"keep one untagged image","selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}`
	t.Run("count keeps the newest by push time", func(t *testing.T) {
		check(t, untaggedKeep1, []Image{img("old", 9), img("new", 1), img("mid", 5), img("tagged", 20, "v1")},
			want{"old": "expire@1", "mid": "expire@1"})
	})
	t.Run("sinceImagePushed is strictly more than N days", func(t *testing.T) {
		check(t, policyJSON(rule(1, untagged7days, expire)), []Image{img("8d", 8), img("7d", 7), img("6d", 6)},
			want{"8d": "expire@1"})
	})
	t.Run("prefix matching", func(t *testing.T) {
		check(t, policyJSON(rule(1, `"tagStatus":"tagged","tagPrefixList":["rel"],"countType":"imageCountMoreThan","countNumber":1`, expire)),
			[]Image{img("a", 3, "release-1"), img("b", 2, "rel-2"), img("c", 1, "prerelease")},
			want{"a": "expire@1"})
	})
	t.Run("wildcards", func(t *testing.T) {
		check(t, policyJSON(rule(1, `"tagStatus":"tagged","tagPatternList":["v*-rc*"],"countType":"sinceImagePushed","countUnit":"days","countNumber":1`, expire)),
			[]Image{img("rc", 3, "v1.2-rc3"), img("final", 3, "v1.2"), img("rcsuffix", 3, "v1-rc")},
			want{"rc": "expire@1", "rcsuffix": "expire@1"})
	})
	t.Run("keep rule protects from lower rules", func(t *testing.T) {
		check(t, policyJSON(
			rule(1, `"tagStatus":"tagged","tagPatternList":["prod-*"],"countType":"imageCountMoreThan","countNumber":100`, expire),
			rule(2, `"tagStatus":"any","countType":"sinceImagePushed","countUnit":"days","countNumber":30`, expire)),
			[]Image{img("prod", 400, "prod-1"), img("dev", 400, "dev-1"), img("recent", 2, "dev-2"), img("untagged", 40)},
			want{"dev": "expire@2", "untagged": "expire@2"})
	})
	t.Run("sinceImagePulled falls back to push and restore times", func(t *testing.T) {
		pulledRecently := img("pulled-recently", 300, "sha-1")
		pulledRecently.LastPulledAt = daysAgo(10)
		pulledLongAgo := img("pulled-long-ago", 300, "sha-2")
		pulledLongAgo.LastPulledAt = daysAgo(100)
		neverPulled := img("never-pulled", 95, "sha-3")
		neverPulledNew := img("never-pulled-new", 50, "sha-4")
		restored := img("restored", 300, "sha-5")
		restored.LastPulledAt = daysAgo(200)
		restored.LastActivatedAt = daysAgo(20)
		check(t, policyJSON(rule(1, archivePull90, transition)),
			[]Image{pulledRecently, pulledLongAgo, neverPulled, neverPulledNew, restored},
			want{"pulled-long-ago": "transition@1", "never-pulled": "transition@1"})
	})
	t.Run("storage classes and sinceImageTransitioned", func(t *testing.T) {
		archivedOld := Image{Digest: "archived-old", PushedAt: daysAgo(900), StorageClass: "archive", LastArchivedAt: daysAgo(400)}
		archivedNew := Image{Digest: "archived-new", PushedAt: daysAgo(900), StorageClass: "archive", LastArchivedAt: daysAgo(100)}
		archivedNoTime := Image{Digest: "archived-no-time", PushedAt: daysAgo(900), StorageClass: "archive"}
		standardOld := img("standard-old", 900)
		check(t, policyJSON(rule(1, archivedExp365, expire)),
			[]Image{archivedOld, archivedNew, archivedNoTime, standardOld},
			want{"archived-old": "expire@1"})
	})
	t.Run("an untagged rule does not see archived images", func(t *testing.T) {
		archived := Image{Digest: "archived", PushedAt: daysAgo(900), StorageClass: "archive", LastArchivedAt: daysAgo(400)}
		check(t, policyJSON(rule(1, untagged7days, expire)), []Image{archived, img("standard", 900)}, want{"standard": "expire@1"})
	})
	t.Run("images referenced by an index are protected and not counted", func(t *testing.T) {
		child := img("child", 100)
		child.ReferencedBy = []string{"index"}
		orphanRef := img("orphan-child", 100)
		orphanRef.ReferencedBy = []string{"gone"}
		check(t, untaggedKeep1, []Image{img("index", 100, "v1"), child, orphanRef, img("loose", 50)},
			want{"orphan-child": "expire@1"})
	})
	t.Run("referrers follow their subject", func(t *testing.T) {
		sig := img("sig-of-old", 1)
		sig.SubjectDigest = "old"
		sbom := img("sbom-of-new", 100)
		sbom.SubjectDigest = "new"
		orphan := img("orphan-sig", 100)
		orphan.SubjectDigest = "deleted"
		check(t, policyJSON(rule(1, untagged7days, expire)),
			[]Image{img("old", 30), img("new", 1), sig, sbom, orphan},
			want{"old": "expire@1", "sig-of-old": "expire@1", "orphan-sig": "expire@1"})
	})
	t.Run("transition then nothing else in the same run", func(t *testing.T) {
		check(t, policyJSON(rule(1, archivePull90, transition), rule(2, `"tagStatus":"tagged","tagPatternList":["sha-*"],"countType":"imageCountMoreThan","countNumber":1`, expire)),
			[]Image{img("a", 200, "sha-a"), img("b", 100, "sha-b"), img("c", 1, "sha-c")},
			want{"a": "transition@1", "b": "transition@1"})
	})
}

// randomCase builds a random but valid policy and image set.
func randomCase(r *rand.Rand) (Policy, []Image) {
	prefixes := []string{"v", "prod", "dev", "sha-", "rel"}
	var p Policy
	prio := int64(0)
	nRules := 1 + r.Intn(6)
	untaggedUsed := false
	for i := 0; i < nRules; i++ {
		prio += 1 + int64(r.Intn(3))
		s := Selection{TagStatus: TagStatusTagged, CountType: CountTypeImageCountMoreThan, CountNumber: 1 + int64(r.Intn(5))}
		switch r.Intn(4) {
		case 0:
			if !untaggedUsed {
				s.TagStatus, untaggedUsed = TagStatusUntagged, true
				break
			}
			fallthrough
		default:
			s.TagPatternList = []string{prefixes[r.Intn(len(prefixes))] + "*"}
			if r.Intn(3) == 0 {
				s.TagPatternList = append(s.TagPatternList, "*"+fmt.Sprint(r.Intn(3)))
			}
		}
		if r.Intn(2) == 0 {
			s.CountType, s.CountUnit, s.CountNumber = CountTypeSinceImagePushed, CountUnitDays, int64(1+r.Intn(60))
		}
		p.Rules = append(p.Rules, Rule{RulePriority: prio, Selection: s, Action: Action{Type: ActionExpire}})
	}
	var images []Image
	for i := 0; i < r.Intn(40); i++ {
		im := img(fmt.Sprintf("sha256:%04d", i), float64(r.Intn(90)))
		for j := 0; j < r.Intn(3); j++ {
			im.Tags = append(im.Tags, fmt.Sprintf("%s%d", prefixes[r.Intn(len(prefixes))], r.Intn(20)))
		}
		images = append(images, im)
	}
	return p, images
}

// Properties that hold for any input.
func TestSimulate_properties(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 2000; n++ {
		p, images := randomCase(r)
		if ps := Validate(p); len(ps) > 0 {
			continue // the generator can produce duplicate prefixes; skip those
		}
		got := Simulate(p, images, now)
		checkInvariants(t, p, images, got)
		if again := Simulate(p, images, now); !reflect.DeepEqual(got, again) {
			t.Fatalf("simulating twice gave different results")
		}
	}
}

func checkInvariants(t *testing.T, p Policy, images []Image, got []Decision) {
	t.Helper()
	seen := map[string]bool{}
	byDigest := map[string]Image{}
	for _, im := range images {
		byDigest[im.Digest] = im
	}
	if !sort.SliceIsSorted(got, func(a, b int) bool { return got[a].Digest < got[b].Digest }) {
		t.Fatalf("decisions are not sorted by digest")
	}
	for _, d := range got {
		if seen[d.Digest] {
			t.Fatalf("image %s got two decisions", d.Digest)
		}
		seen[d.Digest] = true
		im := byDigest[d.Digest]
		if _, ok := byDigest[im.SubjectDigest]; ok {
			continue // a referrer follows its subject, whatever its own tags
		}
		// No higher-priority rule's selection matches an image a lower rule acted on.
		for _, r := range p.Rules {
			if r.RulePriority < d.RulePriority && selects(r.Selection, im) {
				t.Fatalf("image %s matches rule %d but was acted on by rule %d", d.Digest, r.RulePriority, d.RulePriority)
			}
		}
	}
}

// archived is an image archived archivedDaysAgo, pushed and last pulled long before.
func archived(digest string, archivedDaysAgo float64) Image {
	i := img(digest, archivedDaysAgo+200)
	i.StorageClass, i.LastArchivedAt = StorageClassArchive, daysAgo(archivedDaysAgo)
	return i
}

// "Combining archive and expire rules": each tagStatus any rule sees only the images of its own
// storage class. A standard image not pulled for 90 days is archived; an image archived more
// than 365 days ago is expired; an image archived in this run is not also expired in it, however
// old, because it is still a standard image when the rules are evaluated.
func TestSimulate_combiningArchiveAndExpire(t *testing.T) {
	oldStandard := img("old", 1000, "v1")
	oldStandard.LastPulledAt = daysAgo(500)
	check(t, combinedArchiveExpire, []Image{
		oldStandard,
		img("fresh", 10, "v2"),
		archived("long-archived", 400),
		archived("recently-archived", 100),
	}, want{"old": "transition@1", "long-archived": "expire@2"})
}

// A rule of one storage class never counts images of the other: an archived image neither takes
// a place among the newest N of a standard rule nor is expired by it.
func TestSimulate_storageClassScopesCounting(t *testing.T) {
	policy := `{"rules":[{"rulePriority":1,"description":"Keep one","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}`
	newestButArchived := archived("newest-but-archived", 95)
	newestButArchived.PushedAt = daysAgo(1)
	check(t, policy, []Image{
		newestButArchived,
		img("standard-new", 2),
		img("standard-old", 5),
	}, want{"standard-old": "expire@1"})
}

// Every image gets a reason, kept images included.
func TestVerdicts_reasons(t *testing.T) {
	policy := mustParse(`{"rules":[
	 {"rulePriority":1,"description":"keep 1 release","selection":{"tagStatus":"tagged","tagPatternList":["v*"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},
	 {"rulePriority":2,"description":"old untagged","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}`)
	child := img("child", 30)
	child.ReferencedBy = []string{"index"}
	images := []Image{
		img("v2", 1, "v2"), img("v1", 2, "v1"), // rule 1 keeps v2, expires v1
		img("young", 3), img("old", 30), // rule 2: too recent, and acted on
		child, img("index", 29, "latest"), // protected; selected by no rule
		archived("cold", 100),
	}
	want := map[string][2]string{
		"v2":    {ActionKeep, "rule 1 selects it first and keeps it: #1 of the newest 1"},
		"v1":    {ActionExpire, "rule 1: #2 newest"},
		"young": {ActionKeep, "rule 2 selects it first and keeps it: pushed"},
		"old":   {ActionExpire, "rule 2: pushed"},
		"child": {ActionKeep, "protected: index index references it"},
		"index": {ActionKeep, "no rule selects it"},
		"cold":  {ActionKeep, "in the archive storage class, which no rule selects"},
	}
	vs := Verdicts(policy, images, now)
	if len(vs) != len(images) {
		t.Fatalf("%d verdicts for %d images", len(vs), len(images))
	}
	for _, v := range vs {
		w := want[v.Digest]
		if v.Action != w[0] || !strings.Contains(v.Reason, w[1]) {
			t.Errorf("%s: %s (%s), want %s containing %q", v.Digest, v.Action, v.Reason, w[0], w[1])
		}
	}
}
