// Package acctest is the acceptance-test harness: it makes sure the local ECR emulator runs,
// provides the provider factories and an explicit provider block that points at it, an ECR
// client for checking outcomes through the API, and helpers that seed images.
package acctest
