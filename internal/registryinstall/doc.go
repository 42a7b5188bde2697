// Package registryinstall holds the test that installs the provider the way the Terraform
// Registry does, offline: service via a CLI `host` block, the provider registry protocol over
// HTTPS with a CA of its own, a GPG-signed SHA256SUMS, and `zh:` hashes in the lock file.
package registryinstall
