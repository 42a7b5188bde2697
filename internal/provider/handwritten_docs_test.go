package provider_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tfplugindocs renders list resources and actions only from a Terraform 1.14+ schema, and
// `make generate` runs with the Terraform the README names, so their pages are written by hand in
// templates/. This keeps the pages and the schemas from drifting apart: every attribute of each
// schema is documented, and nothing else is.
func TestHandwrittenDocsMatchSchemas(t *testing.T) {
	_, schemas := unconfiguredServer(t)
	check := func(kind, dir string, attrs map[string]bool, typeName string) {
		t.Helper()
		page := filepath.Join("..", "..", "templates", dir, strings.TrimPrefix(typeName, "ecrgov_")+".md.tmpl")
		b, err := os.ReadFile(page)
		if err != nil {
			t.Errorf("%s %s has no page: %v", kind, typeName, err)
			return
		}
		text := string(b)
		for name := range attrs {
			if !strings.Contains(text, "- `"+name+"` (") {
				t.Errorf("%s: attribute %s is not documented", page, name)
			}
		}
		for _, line := range strings.Split(text, "\n") {
			if name, ok := strings.CutPrefix(line, "- `"); ok && strings.Contains(name, "` (") {
				name = name[:strings.Index(name, "`")]
				if !attrs[name] {
					t.Errorf("%s documents %s, which the schema does not have", page, name)
				}
			}
		}
	}
	// Every action and list resource needs a handwritten page (the loops below say which is
	// missing); none at all would mean the schemas were not read.
	if len(schemas.ActionSchemas) == 0 || len(schemas.ListResourceSchemas) == 0 {
		t.Fatalf("schemas: %d actions, %d list resources", len(schemas.ActionSchemas), len(schemas.ListResourceSchemas))
	}
	for name, s := range schemas.ActionSchemas {
		attrs := map[string]bool{}
		for _, a := range s.Schema.Block.Attributes {
			attrs[a.Name] = true
		}
		check("action", "actions", attrs, name)
	}
	for name, s := range schemas.ListResourceSchemas {
		attrs := map[string]bool{}
		for _, a := range s.Block.Attributes {
			attrs[a.Name] = true
		}
		check("list resource", "list-resources", attrs, name)
	}
}
