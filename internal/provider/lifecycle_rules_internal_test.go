package provider

import (
	"reflect"
	"slices"
	"testing"
)

// The rule block is described once, in the field tables; the model structs must carry exactly
// those attributes (plus the nested blocks), or reading the blocks fails at run time.
func TestLifecycleRuleModelsMatchFieldTables(t *testing.T) {
	for _, tt := range []struct {
		model  any
		fields []ruleField
		blocks []string
	}{
		{lifecycleRuleModel{}, ruleFields, []string{"action", "selection"}},
		{lifecycleSelectionModel{}, selectionFields, nil},
		{lifecycleActionModel{}, actionFields, nil},
	} {
		typ := reflect.TypeOf(tt.model)
		var tags []string
		for i := range typ.NumField() {
			tags = append(tags, typ.Field(i).Tag.Get("tfsdk"))
		}
		want := slices.Clone(tt.blocks)
		for _, f := range tt.fields {
			want = append(want, f.name)
		}
		slices.Sort(tags)
		slices.Sort(want)
		if !slices.Equal(tags, want) {
			t.Errorf("%s has tfsdk tags %v; the field table says %v", typ.Name(), tags, want)
		}
	}
	if got := len(lifecycleRuleObjectType.AttrTypes); got != len(ruleFields)+2 {
		t.Errorf("lifecycleRuleObjectType has %d attributes, want %d", got, len(ruleFields)+2)
	}
}
