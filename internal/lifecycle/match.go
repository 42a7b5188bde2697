package lifecycle

import (
	"strings"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/wildcard"
)

// matcher is a rule's selection prepared for matching many images.
type matcher struct {
	tagStatus    string
	storageClass string
	patterns     []wildcard.Pattern
	prefixes     []string
}

func newMatcher(s Selection) matcher {
	m := matcher{tagStatus: s.TagStatus, storageClass: s.EffectiveStorageClass(), prefixes: s.TagPrefixList}
	for _, p := range s.TagPatternList {
		m.patterns = append(m.patterns, wildcard.Compile(p))
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
			if !w.MatchAny(img.Tags) {
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
