package imageref

import (
	"fmt"
	"unicode/utf8"
)

// QuoteMax is how many characters of a value an error repeats.
const QuoteMax = 64

// Quote is %q of s for an error message, shortened when s is long: a hostile 10,000-character
// value is not repeated in full, and its length is said instead.
func Quote(s string) string {
	if utf8.RuneCountInString(s) <= QuoteMax {
		return fmt.Sprintf("%q", s)
	}
	runes := []rune(s)
	return fmt.Sprintf("%q… (%d characters)", string(runes[:QuoteMax]), len(s))
}
