package ecrapi

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"
)

// ListImageReferrers filters by at most 5 artifact types (ArtifactTypeList); with more, the
// client sends no type filter and keeps the wanted types itself.
func TestImageReferrers_moreArtifactTypesThanECRFilters(t *testing.T) {
	var sent [][]string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Filter struct {
				ArtifactTypes []string `json:"artifactTypes"`
			} `json:"filter"`
		}
		_ = json.NewDecoder(r.Body).Decode(&in)
		sent = append(sent, in.Filter.ArtifactTypes)
		if len(in.Filter.ArtifactTypes) > MaxArtifactTypes {
			writeErr(w, 400, "InvalidParameterException", "Member must have length less than or equal to 5")
			return
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		_ = json.NewEncoder(w).Encode(map[string]any{"referrers": []map[string]any{
			{"digest": "sha256:a", "artifactType": "t1", "artifactStatus": "ACTIVE"},
			{"digest": "sha256:b", "artifactType": "other", "artifactStatus": "ACTIVE"},
		}})
	})
	six := []string{"t1", "t2", "t3", "t4", "t5", "t6"}
	refs, err := c.ImageReferrers(context.Background(), "app", "sha256:s", six)
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 1 || refs[0].Digest != "sha256:a" {
		t.Fatalf("referrers = %+v, want only the t1 one", refs)
	}
	if len(sent) != 1 || sent[0] != nil {
		t.Fatalf("filters sent = %q, want one listing without a type filter", sent)
	}
	sent = nil
	if _, err := c.ImageReferrers(context.Background(), "app", "sha256:s", six[:5]); err != nil || len(sent) != 1 || !slices.Equal(sent[0], six[:5]) {
		t.Fatalf("five types: sent %q, %v; want them sent to ECR", sent, err)
	}
}
