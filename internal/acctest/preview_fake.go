package acctest

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// PreviewFake plays ECR's lifecycle policy preview, which the emulator does not have:
// StartLifecyclePolicyPreview first answers LifecyclePolicyPreviewInProgressException BusyStarts
// times (another preview is running), GetLifecyclePolicyPreview answers IN_PROGRESS for
// PollsBeforeDone polls, then FinalStatus with Results.
type PreviewFake struct {
	BusyStarts      int
	PollsBeforeDone int
	FinalStatus     string // COMPLETE, FAILED or EXPIRED
	Results         []PreviewResult

	mu      sync.Mutex
	started bool
	polls   int
	// PolicyTexts records the lifecyclePolicyText of each accepted start ("" when omitted).
	PolicyTexts []string
}

// PreviewResult is one image the fake says the preview acts on.
type PreviewResult struct {
	Digest       string
	Tags         []string
	Action       string // EXPIRE or TRANSITION
	RulePriority int
}

// Install makes the proxy answer the preview operations with this fake.
func (f *PreviewFake) Install(p *Proxy) {
	p.Handle("StartLifecyclePolicyPreview", f.start)
	p.Handle("GetLifecyclePolicyPreview", f.get)
}

func (f *PreviewFake) start(w http.ResponseWriter, body []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.BusyStarts > 0 {
		f.BusyStarts--
		WriteError(w, http.StatusBadRequest, "LifecyclePolicyPreviewInProgressException", "The previous lifecycle "+
			"policy preview request has not completed.")
		return
	}
	var in struct {
		RepositoryName      string `json:"repositoryName"`
		LifecyclePolicyText string `json:"lifecyclePolicyText"`
	}
	_ = json.Unmarshal(body, &in)
	f.started, f.polls = true, 0
	f.PolicyTexts = append(f.PolicyTexts, in.LifecyclePolicyText)
	WriteJSON(w, map[string]any{"registryId": EmulatorAccountID, "repositoryName": in.RepositoryName, "status": "IN_PROGRESS"})
}

func (f *PreviewFake) get(w http.ResponseWriter, body []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var in struct {
		RepositoryName string `json:"repositoryName"`
	}
	_ = json.Unmarshal(body, &in)
	// Before our start, the preview being polled is the other one, which has just finished.
	if !f.started {
		WriteJSON(w, map[string]any{"repositoryName": in.RepositoryName, "status": "COMPLETE"})
		return
	}
	if f.polls < f.PollsBeforeDone {
		f.polls++
		WriteJSON(w, map[string]any{"repositoryName": in.RepositoryName, "status": "IN_PROGRESS"})
		return
	}
	results := make([]map[string]any, 0, len(f.Results))
	for _, r := range f.Results {
		results = append(results, map[string]any{
			"imageDigest": r.Digest, "imageTags": r.Tags, "imagePushedAt": float64(time.Now().Unix()),
			"action": map[string]any{"type": r.Action}, "appliedRulePriority": r.RulePriority, "storageClass": "STANDARD",
		})
	}
	WriteJSON(w, map[string]any{"repositoryName": in.RepositoryName, "status": f.FinalStatus, "previewResults": results})
}
