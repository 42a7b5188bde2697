// Package lifecycle models Amazon ECR lifecycle policies: a typed model, strict parsing from
// JSON, canonical JSON, validation against every documented rule, and (simulate.go) an offline
// evaluation of which images a policy acts on. It has no Terraform imports.
//
// Sources: the Amazon ECR User Guide pages "Lifecycle policy properties"
// (lifecycle_policy_parameters.html), "Examples of lifecycle policies"
// (lifecycle_policy_examples.html) and "How lifecycle policies work" (LifecyclePolicies.html),
// and the PutLifecyclePolicy API reference.
package lifecycle
