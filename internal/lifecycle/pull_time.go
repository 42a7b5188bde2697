package lifecycle

// PullTimeNote is what a preview says when a rule counts since the last pull: ECR's
// lastRecordedPullTime is refreshed "at least once every 24 hours", so "if you pull an image
// once an hour ... the result may not be the exact time that the image was last pulled"
// (service model, ImageDetail). A preview that reads it is right to within a day.
const PullTimeNote = "sinceImagePulled counts from lastRecordedPullTime, which ECR refreshes \"at least once " +
	"every 24 hours\" and which \"may not be the exact time that the image was last pulled\" (ECR API reference, " +
	"ImageDetail). The preview is approximate by up to a day for images pulled recently: one near a rule's " +
	"threshold may be acted on a day later, or sooner, than shown."

// CountsSincePull reports whether a rule of the policy counts days since the last pull, so that
// its preview is approximate (PullTimeNote).
func (p Policy) CountsSincePull() bool {
	for _, r := range p.Rules {
		if r.Selection.CountType == CountTypeSinceImagePulled {
			return true
		}
	}
	return false
}
