// Package ecrapi is the provider's access layer to Amazon ECR: building the SDK client from the
// provider configuration, typed not-found errors, and find<Thing>By<Key> lookups that resources,
// data sources and tests share. It has no Terraform imports.
package ecrapi
