package ecrapi

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// captureTemplates records the members of each template request it is sent.
func captureTemplates(t *testing.T) (*Client, *[]map[string]any) {
	t.Helper()
	var bodies []map[string]any
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		var in map[string]any
		_ = json.NewDecoder(r.Body).Decode(&in)
		in["_op"] = r.Header.Get("X-Amz-Target")[strings.LastIndex(r.Header.Get("X-Amz-Target"), ".")+1:]
		bodies = append(bodies, in)
		_ = json.NewEncoder(w).Encode(map[string]any{"repositoryCreationTemplate": map[string]any{"prefix": in["prefix"], "appliedFor": in["appliedFor"]}})
	})
	return c, &bodies
}

func members(body map[string]any) []string {
	return slices.Sorted(maps.Keys(body))
}

// A create sends only what is set: no empty description, policies or role.
func TestCreateCreationTemplate_sendsOnlyWhatIsSet(t *testing.T) {
	c, bodies := captureTemplates(t)
	spec := CreationTemplateSpec{Prefix: "team", AppliedFor: []string{"CREATE_ON_PUSH"}, TagMutability: "IMMUTABLE", EncryptionType: "AES256"}
	if _, err := c.CreateCreationTemplate(context.Background(), spec); err != nil {
		t.Fatal(err)
	}
	want := []string{"_op", "appliedFor", "encryptionConfiguration", "imageTagMutability", "prefix"}
	if got := members((*bodies)[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("create members = %v, want %v", got, want)
	}
}

func TestUpdateCreationTemplate_requestShape(t *testing.T) {
	base := CreationTemplateSpec{
		Prefix: "team", AppliedFor: []string{"CREATE_ON_PUSH"}, Description: "team repositories",
		TagMutability: "IMMUTABLE_WITH_EXCLUSION", ExclusionFilters: []string{"latest"}, EncryptionType: "AES256",
		LifecyclePolicy: `{"rules":[]}`, RepositoryPolicy: `{"Version":"2012-10-17"}`,
		CustomRoleARN: "arn:aws:iam::123456789012:role/ecr-templates", ResourceTags: map[string]string{"team": "a"},
	}
	with := func(change func(*CreationTemplateSpec)) CreationTemplateSpec {
		s := base
		s.ResourceTags = maps.Clone(base.ResourceTags)
		change(&s)
		return s
	}
	for _, tt := range []struct {
		name    string
		desired CreationTemplateSpec
		want    map[string]any // the members sent besides prefix
	}{
		{
			name:    "mode changes: the filters go with it",
			desired: with(func(s *CreationTemplateSpec) { s.TagMutability = "MUTABLE_WITH_EXCLUSION" }),
			want: map[string]any{
				"imageTagMutability":                 "MUTABLE_WITH_EXCLUSION",
				"imageTagMutabilityExclusionFilters": []any{map[string]any{"filter": "latest", "filterType": "WILDCARD"}},
			},
		},
		{
			name:    "filters change: the mode goes with them",
			desired: with(func(s *CreationTemplateSpec) { s.ExclusionFilters = []string{"latest", "dev-*"} }),
			want: map[string]any{
				"imageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
				"imageTagMutabilityExclusionFilters": []any{
					map[string]any{"filter": "latest", "filterType": "WILDCARD"}, map[string]any{"filter": "dev-*", "filterType": "WILDCARD"},
				},
			},
		},
		{
			name:    "to a plain mode: no filters",
			desired: with(func(s *CreationTemplateSpec) { s.TagMutability, s.ExclusionFilters = "IMMUTABLE", nil }),
			want:    map[string]any{"imageTagMutability": "IMMUTABLE"},
		},
		{
			name: "cleared text members are sent empty",
			desired: with(func(s *CreationTemplateSpec) {
				s.Description, s.CustomRoleARN, s.LifecyclePolicy, s.RepositoryPolicy = "", "", "", ""
			}),
			want: map[string]any{"description": "", "customRoleArn": "", "lifecyclePolicy": "", "repositoryPolicy": ""},
		},
		{
			name:    "cleared tags are sent as []",
			desired: with(func(s *CreationTemplateSpec) { s.ResourceTags = nil }),
			want:    map[string]any{"resourceTags": []any{}},
		},
		{
			name: "applied_for and encryption",
			desired: with(func(s *CreationTemplateSpec) {
				s.AppliedFor = []string{"REPLICATION", "CREATE_ON_PUSH"}
				s.EncryptionType = "KMS"
			}),
			want: map[string]any{
				"appliedFor":              []any{"CREATE_ON_PUSH", "REPLICATION"},
				"encryptionConfiguration": map[string]any{"encryptionType": "KMS"},
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, bodies := captureTemplates(t)
			changed, err := c.UpdateCreationTemplate(context.Background(), base, tt.desired)
			if err != nil || !changed || len(*bodies) != 1 {
				t.Fatalf("changed = %v, err = %v, calls = %d; want one update", changed, err, len(*bodies))
			}
			got := (*bodies)[0]
			if got["_op"] != "UpdateRepositoryCreationTemplate" || got["prefix"] != "team" {
				t.Fatalf("request = %v", got)
			}
			delete(got, "_op")
			delete(got, "prefix")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("members sent = %v, want %v", got, tt.want)
			}
		})
	}
}

// An update that changes nothing ECR holds (a lifecycle policy written in another form) makes no
// call.
func TestUpdateCreationTemplate_nothingChangedSendsNothing(t *testing.T) {
	c, bodies := captureTemplates(t)
	spec := CreationTemplateSpec{Prefix: "team", AppliedFor: []string{"CREATE_ON_PUSH"}, TagMutability: "IMMUTABLE", ExclusionFilters: []string{"a", "b"}}
	same := spec
	same.ExclusionFilters = []string{"b", "a"}
	changed, err := c.UpdateCreationTemplate(context.Background(), spec, same)
	if err != nil || changed || len(*bodies) != 0 {
		t.Fatalf("changed = %v, err = %v, calls = %d; want none", changed, err, len(*bodies))
	}
}
