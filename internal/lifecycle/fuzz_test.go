package lifecycle

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"
)

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

// FuzzSimulate: for any valid policy and a generated set of images, the simulator's invariants
// hold — at most one decision per image, no image acted on by a rule below one whose selection
// matches it, sorted and repeatable output.
func FuzzSimulate(f *testing.F) {
	f.Add(policyJSON(rule(1, untagged7days, expire), rule(2, keep30Releases, expire), rule(3, archivePull90, transition)), int64(1))
	f.Add(multipleRules, int64(2))
	f.Add(policyJSON(rule(1, archivedExp365, expire)), int64(3))
	f.Fuzz(func(t *testing.T, text string, seed int64) {
		p, err := Parse(text)
		if err != nil || len(Validate(p)) > 0 {
			return
		}
		images := fuzzImages(seed)
		got := Simulate(p, images, now)
		checkInvariants(t, p, images, got)
		if again := Simulate(p, images, now); !reflect.DeepEqual(got, again) {
			t.Fatal("simulating twice gave different results")
		}
		// Verdicts agree with Simulate and explain every image, kept ones included.
		verdicts := Verdicts(p, images, now)
		acted := 0
		for _, v := range verdicts {
			if v.Reason == "" {
				t.Fatalf("image %s has no reason (%s)", v.Digest, v.Action)
			}
			if v.Action != ActionKeep {
				acted++
			}
		}
		if len(verdicts) != len(images) || acted != len(got) {
			t.Fatalf("%d verdicts (%d acted) for %d images and %d decisions", len(verdicts), acted, len(images), len(got))
		}
	})
}

func fuzzImages(seed int64) []Image {
	r := rand.New(rand.NewSource(seed))
	tags := []string{"v1", "v2", "prod-1", "beta-2", "sha-abc", "latest", "release-3", "dev"}
	var images []Image
	for i := 0; i < r.Intn(30); i++ {
		im := img(fmt.Sprintf("sha256:%02d", i), float64(r.Intn(500)))
		for j := r.Intn(3); j > 0; j-- {
			im.Tags = append(im.Tags, tags[r.Intn(len(tags))])
		}
		if r.Intn(4) == 0 {
			im.LastPulledAt = daysAgo(float64(r.Intn(200)))
		}
		if r.Intn(5) == 0 {
			im.StorageClass, im.LastArchivedAt = StorageClassArchive, daysAgo(float64(r.Intn(500)))
		}
		if i > 0 && r.Intn(6) == 0 {
			im.SubjectDigest = images[r.Intn(len(images))].Digest
		}
		if i > 0 && r.Intn(6) == 0 {
			im.ReferencedBy = []string{images[r.Intn(len(images))].Digest}
		}
		images = append(images, im)
	}
	return images
}
