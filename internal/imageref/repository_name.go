package imageref

import (
	"fmt"
	"regexp"
)

// ECR's repositoryName grammar: 2 to 256 characters of lowercase path components separated by
// '/', each component made of [a-z0-9] runs joined by single '.', '_' or '-', as in the API
// reference's pattern.
// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
var repositoryNamePattern = regexp.MustCompile(`^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$`)

// CheckRepositoryName reports whether name is a valid ECR repository name.
func CheckRepositoryName(name string) error {
	if len(name) < 2 || len(name) > 256 {
		return fmt.Errorf("%q has %d characters; ECR repository names have 2 to 256", name, len(name))
	}
	if !repositoryNamePattern.MatchString(name) {
		return fmt.Errorf("%q is not a valid ECR repository name: use lowercase letters and digits in path components separated by '/', with '.', '_' or '-' only between them (for example team/app-api)", name)
	}
	return nil
}
