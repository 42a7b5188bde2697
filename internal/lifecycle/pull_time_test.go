package lifecycle

import "testing"

func TestCountsSincePull(t *testing.T) {
	pulled, err := Parse(`{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":30},"action":{"type":"transition","targetStorageClass":"archive"}}]}`)
	if err != nil {
		t.Fatal(err)
	}
	pushed, err := Parse(`{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePushed","countUnit":"days","countNumber":30},"action":{"type":"expire"}}]}`)
	if err != nil {
		t.Fatal(err)
	}
	if !pulled.CountsSincePull() || pushed.CountsSincePull() {
		t.Fatalf("CountsSincePull: sinceImagePulled %v, sinceImagePushed %v", pulled.CountsSincePull(), pushed.CountsSincePull())
	}
}
