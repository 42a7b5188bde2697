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
		return fmt.Errorf("%s has %d characters; ECR repository names have 2 to 256", Quote(name), len(name))
	}
	if !repositoryNamePattern.MatchString(name) {
		return fmt.Errorf("%s is not a valid ECR repository name: use lowercase letters and digits in path components "+
			"separated by '/', with '.', '_' or '-' only between them (for example team/app-api)", Quote(name))
	}
	return nil
}

// repositoryPatternChars are the characters of a repository name, and the wildcard '*'.
var repositoryPatternChars = regexp.MustCompile(`^[a-z0-9._/*-]{1,256}$`)

// CheckRepositoryPattern reports whether s is a repository wildcard such as "team/*" or
// "*/app": the characters of a repository name and '*', which matches any run of characters,
// '/' included.
func CheckRepositoryPattern(s string) error {
	if !repositoryPatternChars.MatchString(s) {
		return fmt.Errorf("%s is not a repository name pattern: use 1 to 256 lowercase letters, digits, '.', '_', '-', "+
			"'/' or the wildcard '*', such as \"team/*\"", Quote(s))
	}
	return nil
}

// repositoryPrefixPattern matches the beginnings of valid repository names: whole path
// components, then part of one, which may end with its separator ("team/", "team/app-").
var repositoryPrefixPattern = regexp.MustCompile(`^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*(?:[a-z0-9]+(?:[._-][a-z0-9]+)*[._-]?)?$`)

// CheckRepositoryNamePrefix reports whether s can begin a repository name, so that a filter by
// prefix can match something: "team/" can, "Team/" and "team//" cannot.
func CheckRepositoryNamePrefix(s string) error {
	if len(s) > 256 || !repositoryPrefixPattern.MatchString(s) {
		return fmt.Errorf("no repository name starts with %s: names are lowercase letters and digits in path "+
			"components separated by '/', with '.', '_' or '-' only between them (for example \"team/\")", Quote(s))
	}
	return nil
}
