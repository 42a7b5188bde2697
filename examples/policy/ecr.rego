# ECR governance checks for `terraform show -json` plan output. Run with:
#   opa eval -d examples/policy -i plan.json 'data.ecrgov.policy.deny'
# Settings (data.ecrgov.settings, see settings.json) choose the allowed tag exceptions and
# whether every ecrgov_lifecycle_policy must carry max_affected_images.
package ecrgov.policy

import rego.v1

default configured := {}

configured := data.ecrgov.settings

settings := object.union({"allowed_exclusions": ["latest"], "require_max_affected_images": false}, configured)

# Resources that exist after the plan: created, updated or kept (not deleted).
planned contains rc if {
	some rc in input.resource_changes
	rc.mode == "managed"
	not rc.change.actions == ["delete"]
}

immutable_modes := {"IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"}

# --- 1. Repositories have immutable tags, with exceptions only from the allow-list. ---

repositories contains {"address": rc.address, "name": rc.change.after.name, "mode": mode, "filters": filters} if {
	some rc in planned
	rc.type == "ecrgov_repository"
	mode := object.get(rc.change.after, "image_tag_mutability", "IMMUTABLE")
	filters := object.get(rc.change.after, "image_tag_mutability_exclusion_filters", []) # null when absent
}

repositories contains {"address": rc.address, "name": rc.change.after.name, "mode": mode, "filters": filters} if {
	some rc in planned
	rc.type == "aws_ecr_repository"
	mode := object.get(rc.change.after, "image_tag_mutability", "MUTABLE")
	filters := [f.filter | some f in object.get(rc.change.after, "image_tag_mutability_exclusion_filter", [])]
}

# An ecrgov_repository_tag_mutability overlay governs a repository owned elsewhere.
overlays[name] := {"address": rc.address, "mode": rc.change.after.image_tag_mutability, "filters": filters} if {
	some rc in planned
	rc.type == "ecrgov_repository_tag_mutability"
	name := rc.change.after.repository
	filters := object.get(rc.change.after, "image_tag_mutability_exclusion_filters", [])
}

effective(repo) := overlays[repo.name] if overlays[repo.name]

effective(repo) := repo if not overlays[repo.name]

deny contains msg if {
	some repo in repositories
	eff := effective(repo)
	not eff.mode in immutable_modes
	msg := sprintf("%s: tags are %s; use IMMUTABLE or IMMUTABLE_WITH_EXCLUSION", [repo.address, eff.mode])
}

deny contains msg if {
	some repo in repositories
	eff := effective(repo)
	some filter in array_or_empty(eff.filters)
	not filter in settings.allowed_exclusions
	msg := sprintf("%s: tag exception %q is not allowed (allowed: %s)", [repo.address, filter, concat(", ", settings.allowed_exclusions)])
}

array_or_empty(x) := x if is_array(x)

array_or_empty(x) := [] if not is_array(x)

# --- 2. Every repository has a lifecycle policy that expires untagged images. ---

policies[name] := doc if {
	some rc in planned
	rc.type == "ecrgov_lifecycle_policy"
	name := rc.change.after.repository
	doc := json.unmarshal(rc.change.after.policy_json)
}

policies[name] := doc if {
	some rc in planned
	rc.type == "aws_ecr_lifecycle_policy"
	name := rc.change.after.repository
	doc := json.unmarshal(rc.change.after.policy)
}

expires_untagged(doc) if {
	some rule in doc.rules
	rule.selection.tagStatus in {"untagged", "any"}
	rule.action.type == "expire"
	object.get(rule.selection, "storageClass", "standard") == "standard"
}

deny contains msg if {
	some repo in repositories
	not policies[repo.name]
	msg := sprintf("%s: no lifecycle policy; add one that expires untagged images", [repo.address])
}

deny contains msg if {
	some repo in repositories
	doc := policies[repo.name]
	not expires_untagged(doc)
	msg := sprintf("%s: the lifecycle policy never expires untagged images", [repo.address])
}

# --- 3. Container images are pinned by digest. ---

pinned(ref) if regex.match(`@sha256:[a-f0-9]{64}$`, ref)

deny contains msg if {
	some rc in planned
	rc.type == "aws_ecs_task_definition"
	some container in json.unmarshal(rc.change.after.container_definitions)
	not pinned(container.image)
	msg := sprintf("%s: container %q uses %q; pin it by digest (repo@sha256:...)", [rc.address, container.name, container.image])
}

# kubernetes_* resources: every string field named "image" in the planned object.
deny contains msg if {
	some rc in planned
	startswith(rc.type, "kubernetes_")
	walk(rc.change.after, [path, value])
	path[count(path) - 1] == "image"
	is_string(value)
	not pinned(value)
	msg := sprintf("%s: image %q is not pinned by digest", [rc.address, value])
}

# helm_release values: an "image" string, or an image object with a tag and no digest.
deny contains msg if {
	some rc in planned
	rc.type == "helm_release"
	some doc in object.get(rc.change.after, "values", [])
	walk(yaml.unmarshal(doc), [path, value])
	path[count(path) - 1] == "image"
	helm_image_unpinned(value)
	msg := sprintf("%s: helm value %s is not pinned by digest", [rc.address, concat(".", [sprintf("%v", [p]) | some p in path])])
}

helm_image_unpinned(v) if {
	is_string(v)
	not pinned(v)
}

helm_image_unpinned(v) if {
	is_object(v)
	not v.digest
	not pinned(object.get(v, "repository", ""))
}

# --- 4. Optional: every ecrgov_lifecycle_policy has a max_affected_images guard. ---

deny contains msg if {
	settings.require_max_affected_images
	some rc in planned
	rc.type == "ecrgov_lifecycle_policy"
	object.get(rc.change.after, "max_affected_images", null) == null
	msg := sprintf("%s: set max_affected_images so that a review sees a bound on what the policy deletes", [rc.address])
}

# --- 5. Repository creation templates create governed repositories. ---
# ECR applies a template whenever it creates a repository (on a push, a pull through cache or a
# replication), so a weak template is a stream of ungoverned repositories. The messages name the
# audit's finding codes.

templates contains {"address": rc.address, "mode": mode, "policy": policy} if {
	some rc in planned
	rc.type == "ecrgov_repository_creation_template"
	mode := object.get(rc.change.after, "image_tag_mutability", "IMMUTABLE")
	policy := object.get(rc.change.after, "lifecycle_policy_json", null)
}

templates contains {"address": rc.address, "mode": mode, "policy": policy} if {
	some rc in planned
	rc.type == "aws_ecr_repository_creation_template"
	mode := object.get(rc.change.after, "image_tag_mutability", "MUTABLE")
	policy := object.get(rc.change.after, "lifecycle_policy", null)
}

deny contains msg if {
	some t in templates
	not t.mode in immutable_modes
	msg := sprintf("%s: repositories this template creates have %s tags; use IMMUTABLE or IMMUTABLE_WITH_EXCLUSION (TEMPLATE_TAGS_MUTABLE)", [t.address, t.mode])
}

deny contains msg if {
	some t in templates
	not is_string(t.policy)
	msg := sprintf("%s: repositories this template creates get no lifecycle policy (TEMPLATE_NO_LIFECYCLE_POLICY)", [t.address])
}

deny contains msg if {
	some t in templates
	is_string(t.policy)
	t.policy != ""
	not expires_untagged(json.unmarshal(t.policy))
	msg := sprintf("%s: the template's lifecycle policy never expires untagged images (TEMPLATE_NO_UNTAGGED_EXPIRY)", [t.address])
}
