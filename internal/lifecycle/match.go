package lifecycle

import "strings"

// wildcard is a tag pattern split at its '*'s once, so that matching allocates nothing: the
// simulator matches every rule against every image.
type wildcard []string

func compileWildcard(pattern string) wildcard { return strings.Split(pattern, "*") }

// match reports whether tag matches the pattern: each '*' matches any run of characters,
// including none, and the rest must match literally over the whole tag. ("Lifecycle policy
// properties", tagPatternList: "if your images are tagged as prod, prod1, prod2, and so on, you
// would use the tag pattern list prod* to specify all of them.").
func (w wildcard) match(tag string) bool {
	if len(w) == 1 {
		return w[0] == tag
	}
	first, last := w[0], w[len(w)-1]
	if len(tag) < len(first)+len(last) || !strings.HasPrefix(tag, first) || !strings.HasSuffix(tag, last) {
		return false
	}
	rest := tag[len(first) : len(tag)-len(last)]
	for _, mid := range w[1 : len(w)-1] {
		i := strings.Index(rest, mid)
		if i < 0 {
			return false
		}
		rest = rest[i+len(mid):]
	}
	return true
}

func matchesWildcard(pattern, tag string) bool { return compileWildcard(pattern).match(tag) }

// MatchesTagPattern reports whether tag matches an ECR wildcard tag pattern, with the same
// semantics as lifecycle rules (image lookups by pattern use it too).
func MatchesTagPattern(pattern, tag string) bool { return matchesWildcard(pattern, tag) }

// AnyTagMatches reports whether one of tags matches the wildcard pattern.
func AnyTagMatches(tags []string, pattern string) bool {
	return anyTagMatches(tags, compileWildcard(pattern))
}

// matcher is a rule's selection prepared for matching many images.
type matcher struct {
	tagStatus    string
	storageClass string
	patterns     []wildcard
	prefixes     []string
}

func newMatcher(s Selection) matcher {
	m := matcher{tagStatus: s.TagStatus, storageClass: s.EffectiveStorageClass(), prefixes: s.TagPrefixList}
	for _, p := range s.TagPatternList {
		m.patterns = append(m.patterns, compileWildcard(p))
	}
	return m
}

// selects reports whether the selection matches the image: its storage class ("the storage
// class of the images that the rule applies to") and its tags.
func (m *matcher) selects(img *Image) bool {
	if imageStorageClass(img) != m.storageClass {
		return false
	}
	switch m.tagStatus {
	case TagStatusAny:
		return true
	case TagStatusUntagged:
		return len(img.Tags) == 0
	case TagStatusTagged:
		// "If you specify multiple tags, only the images with all specified tags are
		// selected": every entry must be matched by at least one of the image's tags.
		if len(img.Tags) == 0 || len(m.patterns)+len(m.prefixes) == 0 {
			return false
		}
		for _, w := range m.patterns {
			if !anyTagMatches(img.Tags, w) {
				return false
			}
		}
		for _, prefix := range m.prefixes {
			if !anyTagHasPrefix(img.Tags, prefix) {
				return false
			}
		}
		return true
	}
	return false
}

func anyTagMatches(tags []string, w wildcard) bool {
	for _, t := range tags {
		if w.match(t) {
			return true
		}
	}
	return false
}

func anyTagHasPrefix(tags []string, prefix string) bool {
	for _, t := range tags {
		if strings.HasPrefix(t, prefix) {
			return true
		}
	}
	return false
}

func imageStorageClass(img *Image) string {
	if img.StorageClass == StorageClassArchive {
		return StorageClassArchive
	}
	return StorageClassStandard
}

// selects matches one selection against one image (tests and one-off checks).
func selects(s Selection, img Image) bool {
	m := newMatcher(s)
	return m.selects(&img)
}
