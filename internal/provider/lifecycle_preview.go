package provider

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/lifecycle"
)

// previewOutcome is what a policy would do to a repository's images, from the simulator or
// from ECR's own preview.
type previewOutcome struct {
	images                   []previewImage // newest first
	expire, transition, keep int
}

type previewImage struct {
	digest       string
	tags         []string
	pushedAt     time.Time
	action       string // keep, expire or transition
	rulePriority int64  // 0 for keep
	reason       string
}

// newPreviewOutcome combines the images with the decisions; reasons (by digest) may be nil.
func newPreviewOutcome(
	images []lifecycle.Image, decisions map[string]lifecycle.Decision, reasons map[string]string,
) previewOutcome {
	var o previewOutcome
	for _, img := range images {
		pi := previewImage{digest: img.Digest, tags: img.Tags, pushedAt: img.PushedAt, action: "keep", reason: reasons[img.Digest]}
		if d, ok := decisions[img.Digest]; ok {
			pi.action, pi.rulePriority = d.Action, d.RulePriority
		}
		switch pi.action {
		case lifecycle.ActionExpire:
			o.expire++
		case lifecycle.ActionTransition:
			o.transition++
		default:
			o.keep++
		}
		o.images = append(o.images, pi)
	}
	sort.SliceStable(o.images, func(i, j int) bool {
		a, b := o.images[i], o.images[j]
		if !a.pushedAt.Equal(b.pushedAt) {
			return a.pushedAt.After(b.pushedAt)
		}
		return a.digest < b.digest
	})
	return o
}

func decisionsByDigest(ds []lifecycle.Decision) map[string]lifecycle.Decision {
	m := make(map[string]lifecycle.Decision, len(ds))
	for _, d := range ds {
		m[d.Digest] = d
	}
	return m
}

// affected is the number of images the policy would act on.
func (o previewOutcome) affected() int { return o.expire + o.transition }

// summary is the sentence of the plan warning, with up to limit examples.
func (o previewOutcome) summary(limit int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Applying this policy now would expire %d %s and archive %d of the %d in the repository.",
		o.expire, plural(o.expire, "image", "images"), o.transition, len(o.images))
	shown := 0
	for _, img := range o.images {
		if img.action == "keep" || shown == limit {
			continue
		}
		if shown == 0 {
			b.WriteString("\n")
		}
		tags := "untagged"
		if len(img.tags) > 0 {
			tags = strings.Join(img.tags, ", ")
		}
		fmt.Fprintf(&b, "\n  %-10s %s (%s), pushed %s, rule %d", img.action, img.digest, tags, img.pushedAt.UTC().Format(time.RFC3339), img.rulePriority)
		shown++
	}
	if rest := o.affected() - shown; rest > 0 {
		fmt.Fprintf(&b, "\n  ... and %d more", rest)
	}
	return b.String()
}

// indexNote says how an estimate made without reading the repository's indexes treats the
// images they may keep alive; "" when the indexes were read or there are none.
func indexNote(listing ecrapi.LifecycleListing, decisions map[string]lifecycle.Decision) string {
	acted := make(map[string]bool, len(decisions))
	for digest := range decisions {
		acted[digest] = true
	}
	maybe := listing.MaybeIndexChildren(acted)
	if maybe == 0 {
		return ""
	}
	return fmt.Sprintf("\n\nThis estimate did not read the repository's %d image %s: ECR never expires or archives "+
		"an image that an index "+
		"references, so up to %d of the untagged %s counted above may be kept. Set read_index_manifests = true for the "+
		"exact answer; "+
		"it reads each index with BatchGetImage, which ECR records as a pull of the index.",
		listing.Indexes, plural(listing.Indexes, "index", "indexes"), maybe, plural(maybe, "image", "images"))
}
