"""ECR behaviour that moto lacks or gets wrong, for the ecrgov emulator.

scripts/moto-patches.py installs this file as moto/ecr/ecrgov_ext.py and mixes EcrgovOps into
moto's ECRResponse, so each public method below answers the ECR operation of the same
(snake_case) name; the patches themselves are one-line hooks into moto's own code. Every request
is first checked against the service model (call_action, ecrgov_model_check.py). Every behaviour
follows the ECR API reference and the service model (names, enums, errors, limits); DESIGN.md
lists each with the sentence it follows and what it does not do. Answers are JSON strings built
with the model's member names.
"""
import base64
import hashlib
import json
import re
import time
import uuid

APPLIED_FOR = {"REPLICATION", "PULL_THROUGH_CACHE", "CREATE_ON_PUSH"}
MUTABILITY = {"MUTABLE", "IMMUTABLE", "MUTABLE_WITH_EXCLUSION", "IMMUTABLE_WITH_EXCLUSION"}
WITH_EXCLUSION = {"MUTABLE_WITH_EXCLUSION", "IMMUTABLE_WITH_EXCLUSION"}

# Account settings: "Valid value for basic scan type: AWS_NATIVE. Valid values for registry
# policy scope: V2. Valid values for blob mounting: ENABLED or DISABLED." (PutAccountSetting in the
# service model; V1 was removed, aws-sdk-go-v2 service/ecr v1.57.2).
# The defaults are what a registry reports before anyone sets them: AWS_NATIVE (the only basic
# scan type), V2 ("For new users, your registries are automatically configured to use the V2
# registry policy upon creation", User Guide) and DISABLED (blob mounting is opt-in).
ACCOUNT_SETTINGS = {
    "BASIC_SCAN_TYPE_VERSION": ({"AWS_NATIVE"}, "AWS_NATIVE"),
    "REGISTRY_POLICY_SCOPE": ({"V2"}, "V2"),
    "BLOB_MOUNTING": ({"ENABLED", "DISABLED"}, "DISABLED"),
}


def _invalid(field, constraint):
    return "InvalidParameterException", f"Invalid parameter at '{field}' failed to satisfy constraint: '{constraint}'"


class EcrgovTemplateOps:
    # --- repository creation templates ---------------------------------------------------

    def _ecrgov_templates(self) -> dict:
        if not hasattr(self.ecr_backend, "ecrgov_templates"):
            self.ecr_backend.ecrgov_templates = {}
        return self.ecr_backend.ecrgov_templates

    def _ecrgov_template_problem(self, t):
        """The first rule the template breaks, as (code, message), or None. The model's own
        constraints (prefix pattern, lengths, enums, the KMS key pattern, 1-5 filters) were
        checked on the request (ecrgov_model_check.py); these are the rules across members."""
        if not t.get("appliedFor"):
            return _invalid("appliedFor", "must contain one or more of " + ", ".join(sorted(APPLIED_FOR)))
        mode = t.get("imageTagMutability") or "MUTABLE"
        filters = t.get("imageTagMutabilityExclusionFilters")
        if (filters is not None) != (mode in WITH_EXCLUSION):
            return _invalid("imageTagMutabilityExclusionFilters", f"ImageTagMutabilityExclusionFilters can't be null when imageTagMutability is set as {mode}")
        policy = t.get("lifecyclePolicy") or ""
        if policy:
            from moto.ecr.policy_validation import EcrLifecyclePolicyValidator
            try:
                EcrLifecyclePolicyValidator(policy).validate()
            except Exception as e:  # moto's InvalidParameterException
                return "InvalidParameterException", getattr(e, "message", str(e))
        repo_policy = t.get("repositoryPolicy") or ""
        if repo_policy:
            try:
                json.loads(repo_policy)
            except ValueError:
                return _invalid("repositoryPolicy", "Invalid repository policy provided")
        enc = t.get("encryptionConfiguration")
        if enc is not None and enc.get("kmsKey") and enc["encryptionType"] == "AES256":
            return _invalid("encryptionConfiguration.kmsKey", "a KMS key only with KMS or KMS_DSSE")
        for tag in t.get("resourceTags") or []:
            if not 1 <= len(tag.get("Key") or "") <= 128 or len(tag.get("Value") or "") > 256:
                return _invalid("resourceTags", "Tag keys are 1-128 characters and values at most 256")
        return None

    FIELDS = ("description", "encryptionConfiguration", "resourceTags", "imageTagMutability",
              "imageTagMutabilityExclusionFilters", "repositoryPolicy", "lifecyclePolicy",
              "appliedFor", "customRoleArn")

    def _ecrgov_template_answer(self, t):
        out = {k: v for k, v in t.items() if v not in (None, "", [])}
        out.setdefault("imageTagMutability", "MUTABLE")
        out.setdefault("encryptionConfiguration", {"encryptionType": "AES256"})
        return out

    def create_repository_creation_template(self):
        t = {"prefix": self._get_param("prefix")}
        for k in self.FIELDS:
            t[k] = self._get_param(k)
        problem = self._ecrgov_template_problem(t)
        if problem:
            return self._ecrgov_error(*problem)
        templates = self._ecrgov_templates()
        if t["prefix"] in templates:
            return self._ecrgov_error("TemplateAlreadyExistsException", f"The repository creation template with prefix '{t['prefix']}' already exists in the registry with id '{self.current_account}'")
        t["createdAt"] = t["updatedAt"] = round(time.time(), 3)
        templates[t["prefix"]] = t
        return json.dumps({"registryId": self.current_account, "repositoryCreationTemplate": self._ecrgov_template_answer(t)})

    def update_repository_creation_template(self):
        prefix = self._get_param("prefix")
        templates = self._ecrgov_templates()
        if prefix not in templates:
            return self._ecrgov_error("TemplateNotFoundException", f"The repository creation template with prefix '{prefix}' does not exist in the registry with id '{self.current_account}'")
        # A field the request carries replaces the template's; one it leaves out is kept. A plain
        # mutability mode takes no filters, so setting one clears the filters.
        t = dict(templates[prefix])
        for k in self.FIELDS:
            v = self._get_param(k)
            if v is not None:
                t[k] = v
        if self._get_param("imageTagMutability") in MUTABILITY - WITH_EXCLUSION and self._get_param("imageTagMutabilityExclusionFilters") is None:
            t["imageTagMutabilityExclusionFilters"] = None
        problem = self._ecrgov_template_problem(t)
        if problem:
            return self._ecrgov_error(*problem)
        t["updatedAt"] = round(time.time(), 3)
        templates[prefix] = t
        return json.dumps({"registryId": self.current_account, "repositoryCreationTemplate": self._ecrgov_template_answer(t)})

    def delete_repository_creation_template(self):
        prefix = self._get_param("prefix")
        t = self._ecrgov_templates().pop(prefix, None)
        if t is None:
            return self._ecrgov_error("TemplateNotFoundException", f"The repository creation template with prefix '{prefix}' does not exist in the registry with id '{self.current_account}'")
        return json.dumps({"registryId": self.current_account, "repositoryCreationTemplate": self._ecrgov_template_answer(t)})

    def describe_repository_creation_templates(self):
        size = int(self._get_param("maxResults") or 100)
        wanted = self._get_param("prefixes")
        templates = self._ecrgov_templates()
        chosen = [templates[p] for p in sorted(templates) if not wanted or p in wanted]
        start = int(self._get_param("nextToken") or 0)
        result = {"registryId": self.current_account,
                  "repositoryCreationTemplates": [self._ecrgov_template_answer(t) for t in chosen[start:start + size]]}
        if start + size < len(chosen):
            result["nextToken"] = str(start + size)
        return json.dumps(result)

    # --- create on push --------------------------------------------------------------------

    def _ecrgov_governing_template(self, name, scenario):
        """The most specific template applied for scenario whose prefix covers name; ROOT when
        no other does. "In a registry containing two templates, if one template has the prefix
        "prod" and the other has the prefix "prod/team", the template with the prefix
        "prod/team" will be applied to all repositories whose names start with "prod/team/"."
        (User Guide, repository creation templates.)"""
        best, best_len = None, 0
        for prefix, t in self._ecrgov_templates().items():
            if scenario not in (t.get("appliedFor") or []) or prefix == "ROOT":
                continue
            namespace = prefix.rstrip("/") + "/"
            if name.startswith(namespace) and len(namespace) > best_len:
                best, best_len = t, len(namespace)
        if best is None:
            root = self._ecrgov_templates().get("ROOT")
            if root and scenario in (root.get("appliedFor") or []):
                best = root
        return best

    def _ecrgov_create_from_template(self, name, t):
        """Creates the repository with a template's settings (an empty template: ECR's defaults),
        as create on push and create on pull both do."""
        repo = self.ecr_backend.create_repository(
            repository_name=name, registry_id=None,
            encryption_config=t.get("encryptionConfiguration"), image_scan_config=None,
            image_tag_mutability=t.get("imageTagMutability") or "MUTABLE",
            tags=t.get("resourceTags") or [],
            image_tag_mutability_exclusion_filters=t.get("imageTagMutabilityExclusionFilters"),
        )
        if t.get("lifecyclePolicy"):
            repo.lifecycle_policy = t["lifecyclePolicy"]
        if t.get("repositoryPolicy"):
            repo.policy = t["repositoryPolicy"]

    def _ecrgov_create_on_push(self, name):
        """Creates the repository a push names from its CREATE_ON_PUSH template, when it does
        not exist. "When there isn't a repository creation template that matches the target
        repository for an image push, Amazon ECR will not create a repository with default
        settings." Without a template the push fails as before (RepositoryNotFoundException)."""
        backend = self.ecr_backend
        if not name or name in backend.repositories:
            return
        t = self._ecrgov_governing_template(name, "CREATE_ON_PUSH")
        if t is None:
            return
        self._ecrgov_create_from_template(name, t)

    # --- account settings --------------------------------------------------------------------

    def _ecrgov_account_settings(self) -> dict:
        if not hasattr(self.ecr_backend, "ecrgov_account_settings"):
            self.ecr_backend.ecrgov_account_settings = {}
        return self.ecr_backend.ecrgov_account_settings

    def get_account_setting(self):
        name = self._get_param("name")
        if name not in ACCOUNT_SETTINGS:
            return self._ecrgov_error(*_invalid("name", "must be one of " + ", ".join(sorted(ACCOUNT_SETTINGS))))
        value = self._ecrgov_account_settings().get(name, ACCOUNT_SETTINGS[name][1])
        return json.dumps({"name": name, "value": value})

    def put_account_setting(self):
        name, value = self._get_param("name"), self._get_param("value")
        if name not in ACCOUNT_SETTINGS:
            return self._ecrgov_error(*_invalid("name", "must be one of " + ", ".join(sorted(ACCOUNT_SETTINGS))))
        if value not in ACCOUNT_SETTINGS[name][0]:
            return self._ecrgov_error(*_invalid("value", f"{name} takes one of " + ", ".join(sorted(ACCOUNT_SETTINGS[name][0]))))
        self._ecrgov_account_settings()[name] = value
        return json.dumps({"name": name, "value": value})


# --- signing, referrers and storage classes -------------------------------------------------

REFERRERS_PAGE_DEFAULT = 20
# How long an image stays ACTIVATING after a restore (UpdateImageStorageClass to STANDARD). ECR
# documents "within 20 minutes" and no fixed duration; tests need a short one. A test that must
# see ACTIVATING (or ACTIVE) whatever the machine's load sets the repository tag
# RESTORE_SECONDS_TAG: an emulator control, not ECR behaviour, read at every status check, so
# changing it moves a restore that is under way.
RESTORE_SECONDS = float(__import__("os").environ.get("ECRGOV_EMULATOR_RESTORE_SECONDS", "2"))
RESTORE_SECONDS_TAG = "ecrgov-emulator:restore-seconds"
# How long signing stays IN_PROGRESS after a push. ECR signs asynchronously and documents no
# duration; tests need a short one.
SIGNING_SECONDS = float(__import__("os").environ.get("ECRGOV_EMULATOR_SIGNING_SECONDS", "1"))
# The emulator's way to ask for a FAILED signing (ECR's failure codes are not documented): a
# signing profile whose name starts with this fails every image it signs.
FAILING_PROFILE_PREFIX = "ecrgov_fail"
# ...and a profile whose name starts with this signs slowly, so a test can act while signing is
# still IN_PROGRESS.
SLOW_PROFILE_PREFIX, SLOW_SIGNING_SECONDS = "ecrgov_slow", 8.0


def _wildcard(pattern, value):
    return re.fullmatch(".*".join(re.escape(p) for p in pattern.split("*")), value) is not None


def scan_filter_matches(pattern, name):
    """A registry scanning filter: "a filter with no wildcard will match all repository names that
    contain the filter. A filter with a wildcard (*) matches on any repository name where the
    wildcard replaces zero or more characters." (User Guide, "Filters to choose which repositories
    are scanned".)"""
    return pattern in name if "*" not in pattern else _wildcard(pattern, name)


class EcrgovSigningOps:
    def _ecrgov_signing(self):
        """The registry's signing rules, each with the time it took effect: a rule put again
        unchanged keeps its time."""
        return getattr(self.ecr_backend, "ecrgov_signing", None)

    def put_signing_configuration(self):
        """Stores the rules; the model check has refused what SigningConfiguration does not allow
        (more than 10 rules, an empty or 101-long filter list, a bad profile ARN or filter). The
        model allows no rules at all ("Minimum number of 0 items"); what ECR then signs, and what
        GetSigningConfiguration answers, is not documented: the emulator stores and answers an
        empty rule list."""
        rules = self._get_param("signingConfiguration")["rules"]
        previous = {json.dumps(r["rule"], sort_keys=True): r["since"] for r in (self._ecrgov_signing() or [])}
        stored = []
        for rule in rules:
            clean = {"signingProfileArn": rule["signingProfileArn"]}
            if rule.get("repositoryFilters"):
                clean["repositoryFilters"] = [{"filter": f["filter"], "filterType": f["filterType"]} for f in rule["repositoryFilters"]]
            key = json.dumps(clean, sort_keys=True)
            stored.append({"rule": clean, "since": previous.get(key, time.time())})
        self.ecr_backend.ecrgov_signing = stored
        return json.dumps({"signingConfiguration": {"rules": [r["rule"] for r in stored]}})

    def get_signing_configuration(self):
        rules = self._ecrgov_signing()
        if rules is None:
            return self._ecrgov_error("SigningConfigurationNotFoundException", f"No signing configuration exists for the registry with id '{self.current_account}'")
        return json.dumps({"registryId": self.current_account, "signingConfiguration": {"rules": [r["rule"] for r in rules]}})

    def delete_signing_configuration(self):
        rules = self._ecrgov_signing()
        if rules is None:
            return self._ecrgov_error("SigningConfigurationNotFoundException", f"No signing configuration exists for the registry with id '{self.current_account}'")
        self.ecr_backend.ecrgov_signing = None
        return json.dumps({"registryId": self.current_account, "signingConfiguration": {"rules": [r["rule"] for r in rules]}})

    def _ecrgov_find_image(self, id_param="imageId"):
        """(repository, image, None) or (None, None, error) for the request's repository and image."""
        name = self._get_param("repositoryName")
        repo = self.ecr_backend.repositories.get(name)
        if repo is None:
            return None, None, self._ecrgov_error("RepositoryNotFoundException", f"The repository with name '{name}' does not exist in the registry with id '{self.current_account}'")
        wanted = self._get_param(id_param) or {}
        digest, tag = wanted.get("imageDigest"), wanted.get("imageTag")
        for image in repo.images:
            if (digest and image.get_image_digest() == digest) or (not digest and tag and tag in image.image_tags):
                return repo, image, None
        return None, None, self._ecrgov_error("ImageNotFoundException", f"The image with imageId {wanted} does not exist within the repository with name '{name}' in the registry with id '{self.current_account}'")

    def describe_image_signing_status(self):
        """One status per signing rule that covers the repository (no filters covers every
        repository: "If no filters are specified, all images pushed to the registry are signed").
        ECR signs images "as they are pushed", asynchronously: an image pushed after the rule took
        effect is IN_PROGRESS for SIGNING_SECONDS (SLOW_SIGNING_SECONDS for a slow profile), then
        COMPLETE, or FAILED when the profile's name asks for it (FAILING_PROFILE_PREFIX); an image
        pushed before it has no status for that profile."""
        repo, image, err = self._ecrgov_find_image()
        if err:
            return err
        statuses = []
        for r in self._ecrgov_signing() or []:
            filters = r["rule"].get("repositoryFilters")
            if filters and not any(_wildcard(f["filter"], repo.name) for f in filters):
                continue
            if image.image_pushed_at < r["since"]:
                continue
            arn = r["rule"]["signingProfileArn"]
            name = arn.rsplit("/", 1)[-1]
            status = {"signingProfileArn": arn, "status": "COMPLETE"}
            takes = SLOW_SIGNING_SECONDS if name.startswith(SLOW_PROFILE_PREFIX) else SIGNING_SECONDS
            if time.time() < image.image_pushed_at + takes:
                status["status"] = "IN_PROGRESS"
            elif name.startswith(FAILING_PROFILE_PREFIX):
                status.update(status="FAILED", failureCode="EmulatorRequestedFailure",
                              failureReason=f"the emulator fails signing with profiles named {FAILING_PROFILE_PREFIX}*")
            statuses.append(status)
        return json.dumps({"repositoryName": repo.name, "imageId": {"imageDigest": image.get_image_digest()},
                           "registryId": self.current_account, "signingStatuses": statuses})

    def list_image_referrers(self):
        """The manifests in the repository whose `subject` is the given digest (the OCI referrers
        of an image), filtered by artifactTypes and artifactStatus ("If not specified, only
        artifacts with ACTIVE status are returned"), 20 a page by default and at most 50."""
        name = self._get_param("repositoryName")
        repo = self.ecr_backend.repositories.get(name)
        if repo is None:
            return self._ecrgov_error("RepositoryNotFoundException", f"The repository with name '{name}' does not exist in the registry with id '{self.current_account}'")
        subject = (self._get_param("subjectId") or {}).get("imageDigest")
        size = int(self._get_param("maxResults") or REFERRERS_PAGE_DEFAULT)
        flt = self._get_param("filter") or {}
        types_wanted = flt.get("artifactTypes") or []
        status_wanted = flt.get("artifactStatus") or "ACTIVE"
        found = []
        for image in repo.images:
            if getattr(image, "ecrgov_subject", None) != subject:
                continue
            artifact_type = getattr(image, "ecrgov_artifact_type", None)
            status = self._ecrgov_status(image)
            if types_wanted and artifact_type not in types_wanted:
                continue
            if status_wanted != "ANY" and status != status_wanted:
                continue
            ref = {"digest": image.get_image_digest(), "mediaType": image.image_manifest_media_type or "application/vnd.oci.image.manifest.v1+json",
                   "size": len(image.image_manifest.encode()), "artifactStatus": status}
            if artifact_type:
                ref["artifactType"] = artifact_type
            if getattr(image, "ecrgov_annotations", None):
                ref["annotations"] = image.ecrgov_annotations
            found.append(ref)
        found.sort(key=lambda r: r["digest"])
        start = int(self._get_param("nextToken") or 0)
        result = {"referrers": found[start:start + size]}
        if start + size < len(found):
            result["nextToken"] = str(start + size)
        return json.dumps(result)

    def _ecrgov_restore_seconds(self, repository_arn):
        tags = self.ecr_backend.tagger.get_tag_dict_for_resource(repository_arn)
        try:
            return float(tags[RESTORE_SECONDS_TAG])
        except (KeyError, ValueError):
            return RESTORE_SECONDS

    def _ecrgov_status(self, image):
        """The image's status, moving ACTIVATING to ACTIVE once the restore has taken its time."""
        status = getattr(image, "image_status", "ACTIVE")
        if status == "ACTIVATING" and time.time() >= image.ecrgov_restore_started + self._ecrgov_restore_seconds(image.ecrgov_restore_repository):
            image.image_status, image.last_activated_at = "ACTIVE", time.time()
            status = "ACTIVE"
        return status

    def update_image_storage_class(self):
        """ARCHIVE archives an ACTIVE image at once; STANDARD restores an ARCHIVED one, which is
        ACTIVATING for RESTORE_SECONDS (or the repository's RESTORE_SECONDS_TAG) and then ACTIVE. A request for the class an image already
        has, or is on its way to, changes nothing."""
        target = self._get_param("targetStorageClass")
        if target not in ("STANDARD", "ARCHIVE"):
            return self._ecrgov_error(*_invalid("targetStorageClass", "must be one of STANDARD, ARCHIVE"))
        repo, image, err = self._ecrgov_find_image()
        if err:
            return err
        status = self._ecrgov_status(image)
        if target == "ARCHIVE" and status == "ACTIVE":
            image.image_status, image.last_archived_at = "ARCHIVED", time.time()
        elif target == "STANDARD" and status == "ARCHIVED":
            image.image_status, image.ecrgov_restore_started, image.ecrgov_restore_repository = "ACTIVATING", time.time(), repo.arn
        elif target == "ARCHIVE" and status == "ACTIVATING":
            return self._ecrgov_error("ImageStorageClassUpdateNotSupportedException", "The image is being restored and cannot be archived until it is ACTIVE")
        return json.dumps({"registryId": self.current_account, "repositoryName": repo.name,
                           "imageId": {"imageDigest": image.get_image_digest()}, "imageStatus": image.image_status if hasattr(image, "image_status") else "ACTIVE"})

    def _ecrgov_after_put(self, image):
        """Records what a pushed manifest says of itself: its artifact media type, and its subject
        (which makes it a referrer) and annotations. DescribeImages reports them as ImageDetail's
        artifactMediaType ("The artifact media type of the image") and subjectManifestDigest ("The
        digest of the subject manifest for images that are referrers"); moto serialises an
        image's attributes by the model's member names. A push makes the image ACTIVE again
        ("come back ... by pushing them again")."""
        try:
            manifest = json.loads(image.image_manifest)
        except ValueError:
            return
        # The OCI artifact type, else the config's media type (a plain image's config type); an
        # index has neither.
        artifact_type = manifest.get("artifactType") or (manifest.get("config") or {}).get("mediaType")
        if artifact_type:
            image.artifact_media_type = artifact_type
        subject = (manifest.get("subject") or {}).get("digest")
        if subject:
            image.ecrgov_subject = subject
            image.subject_manifest_digest = subject
            image.ecrgov_artifact_type = artifact_type
            image.ecrgov_annotations = manifest.get("annotations") or {}
        image.image_status = "ACTIVE"


# --- replication ------------------------------------------------------------------------------

# How long an image's replication stays IN_PROGRESS after its push. ECR replicates
# asynchronously and documents no duration; tests need a short one.
REPLICATION_SECONDS = float(__import__("os").environ.get("ECRGOV_EMULATOR_REPLICATION_SECONDS", "1"))
# "Array Members: Minimum number of 0 items. Maximum number of 10 items." (ReplicationConfiguration,
# API reference). sid's model says 25 (ReplicationRuleList), which the model check applies first.
MAX_REPLICATION_RULES = 10


def replication_rule_covers(rule, name):
    """A rule without filters covers every repository; a PREFIX_MATCH filter covers the names that
    start with it ("a repository name prefix specified with the filter parameter", RepositoryFilter)."""
    filters = rule.get("repositoryFilters")
    return not filters or any(name.startswith(f["filter"]) for f in filters)


class EcrgovReplicationOps:
    def _ecrgov_replication(self):
        """The registry's replication rules, each with the time it took effect: a rule put again
        with the same destinations and filters keeps its time."""
        if not hasattr(self.ecr_backend, "ecrgov_replication"):
            self.ecr_backend.ecrgov_replication = []
        return self.ecr_backend.ecrgov_replication

    @staticmethod
    def _ecrgov_rule_key(rule):
        return json.dumps([rule.get("destinations") or [], rule.get("repositoryFilters") or []], sort_keys=True)

    def _ecrgov_put_replication_configuration(self):
        """Replaces the rules. The model check has applied the model's constraints (1-100 filters of
        PREFIX_MATCH, the Region and RegistryId patterns, deleteReplication's shape from the Go SDK);
        this adds the API reference's 10 rules and moto's refusal of the source registry and Region
        as a destination."""
        rules = self._get_param("replicationConfiguration")["rules"]
        if len(rules) > MAX_REPLICATION_RULES:
            return self._ecrgov_error(*_invalid("replicationConfiguration.rules", f"Member must have length less than or equal to {MAX_REPLICATION_RULES}"))
        for rule in rules:
            for d in rule["destinations"]:
                if d["region"] == self.region and d["registryId"] == self.current_account:
                    return self._ecrgov_error(*_invalid("replicationConfiguration", "Replication destination cannot be the same as the source registry"))
        since = {self._ecrgov_rule_key(r["rule"]): r["since"] for r in self._ecrgov_replication()}
        stored = []
        for rule in rules:
            clean = {"destinations": [{"region": d["region"], "registryId": d["registryId"]} for d in rule["destinations"]]}
            if rule.get("repositoryFilters"):
                clean["repositoryFilters"] = [{"filter": f["filter"], "filterType": f["filterType"]} for f in rule["repositoryFilters"]]
            if rule.get("deleteReplication") is not None:
                clean["deleteReplication"] = {"enabled": bool(rule["deleteReplication"].get("enabled"))}
            stored.append({"rule": clean, "since": since.get(self._ecrgov_rule_key(clean), time.time())})
        self.ecr_backend.ecrgov_replication = stored
        return json.dumps({"replicationConfiguration": {"rules": [r["rule"] for r in stored]}})

    def _ecrgov_describe_registry(self):
        return json.dumps({"registryId": self.current_account,
                           "replicationConfiguration": {"rules": [r["rule"] for r in self._ecrgov_replication()]}})

    def describe_image_replication_status(self):
        """One status per destination (registry and Region) of the rules that cover the repository,
        for an image pushed after the rule took effect ("Only repository content pushed to a
        repository after replication is configured is replicated", User Guide): IN_PROGRESS for
        REPLICATION_SECONDS after the push, then COMPLETE. Nothing is copied to the destination;
        the duration is the emulator's (ECR documents none)."""
        repo, image, err = self._ecrgov_find_image()
        if err:
            return err
        statuses, seen = [], set()
        for r in self._ecrgov_replication():
            if not replication_rule_covers(r["rule"], repo.name) or image.image_pushed_at < r["since"]:
                continue
            for d in r["rule"]["destinations"]:
                key = (d["registryId"], d["region"])
                if key in seen:
                    continue
                seen.add(key)
                done = time.time() >= image.image_pushed_at + REPLICATION_SECONDS
                statuses.append({"region": d["region"], "registryId": d["registryId"],
                                 "status": "COMPLETE" if done else "IN_PROGRESS"})
        return json.dumps({"repositoryName": repo.name, "imageId": {"imageDigest": image.get_image_digest()},
                           "replicationStatuses": statuses})


# --- replication backfill ---------------------------------------------------------------------

# "a registry can have at most 10 replication backfills in progress at once" (StartReplicationBackfill).
MAX_RUNNING_BACKFILLS = 10
BACKFILL_RUNNING = {"PREPARING", "IN_PROGRESS", "STOPPING"}


class EcrgovBackfillOps:
    """StartReplicationBackfill, StopReplicationBackfill, ListReplicationBackfills and
    DescribeReplicationBackfillResults (aws-sdk-go-v2 service/ecr v1.69.0). ECR documents no
    duration, so a backfill moves one status per DescribeReplicationBackfillResults call on it:
    the first answers PREPARING, the second IN_PROGRESS with half its replications complete, the
    third COMPLETE with every image's result (the emulator copies nothing and no image fails).
    A stop while PREPARING ends STOPPED at once; while IN_PROGRESS it answers STOPPING, and the
    next describe answers STOPPED with the half already complete."""

    def _ecrgov_backfills(self):
        if not hasattr(self.ecr_backend, "ecrgov_backfills"):
            self.ecr_backend.ecrgov_backfills = []
        return self.ecr_backend.ecrgov_backfills

    def _ecrgov_backfill_or_error(self):
        wanted = self._get_param("replicationBackfillId")
        for b in self._ecrgov_backfills():
            if b["id"] == wanted:
                return b, None
        return None, self._ecrgov_error(
            "ReplicationBackfillNotFoundException",
            f"The replication backfill with id '{wanted}' does not exist in the registry with id '{self.current_account}'")

    def _ecrgov_backfill_images(self, dest):
        """The images of the repositories a rule to dest covers, each with its replications (one
        per tag, one for an untagged image: "Each image and tag combination is counted as a single
        replication", ReplicationBackfillProgress)."""
        rules = [r["rule"] for r in self._ecrgov_replication() if dest in r["rule"]["destinations"]]
        images = []
        for name in sorted(self.ecr_backend.repositories):
            if any(replication_rule_covers(rule, name) for rule in rules):
                for image in self.ecr_backend.repositories[name].images:
                    images.append((name, image.get_image_digest(), max(1, len(image.image_tags or []))))
        return images

    @staticmethod
    def _ecrgov_backfill_summary(b):
        out = {"replicationBackfillId": b["id"], "destination": b["destination"], "status": b["status"],
               "startedAt": b["startedAt"]}
        if b["done"] is not None:
            total = sum(n for _, _, n in b["images"])
            out["progress"] = {"totalReplicationCount": total, "completedReplicationCount": sum(n for _, _, n in b["images"][:b["done"]]),
                               "failedReplicationCount": 0, "failureCodes": []}
        if b.get("endedAt"):
            out["endedAt"] = b["endedAt"]
        return out

    def start_replication_backfill(self):
        d = self._get_param("destination")
        dest = {"region": d["region"], "registryId": d["registryId"]}
        if not any(dest in r["rule"]["destinations"] for r in self._ecrgov_replication()):
            return self._ecrgov_error(*_invalid("destination", f"The destination {dest['region']}/{dest['registryId']} is not configured in the registry's replication configuration"))
        running = [b for b in self._ecrgov_backfills() if b["status"] in BACKFILL_RUNNING]
        if any(b["destination"]["region"] == dest["region"] for b in running):
            return self._ecrgov_error("ReplicationBackfillInProgressException",
                                      f"A replication backfill is already in progress for the destination Region {dest['region']}")
        if len(running) >= MAX_RUNNING_BACKFILLS:
            return self._ecrgov_error("LimitExceededException",
                                      f"The registry already has {MAX_RUNNING_BACKFILLS} replication backfills in progress")
        b = {"id": str(uuid.uuid4()), "destination": dest, "status": "PREPARING", "startedAt": time.time(),
             "images": self._ecrgov_backfill_images(dest), "done": None, "reads": 0}
        self._ecrgov_backfills().append(b)
        return json.dumps({"registryId": self.current_account, **{k: v for k, v in self._ecrgov_backfill_summary(b).items()
                                                                  if k in ("replicationBackfillId", "destination", "status", "startedAt")}})

    def stop_replication_backfill(self):
        b, err = self._ecrgov_backfill_or_error()
        if err:
            return err
        if b["status"] not in ("PREPARING", "IN_PROGRESS"):
            return self._ecrgov_error("ReplicationBackfillInvalidStatusException",
                                      f"The replication backfill with id '{b['id']}' is {b['status']} and cannot be stopped")
        if b["status"] == "PREPARING":
            b["status"], b["endedAt"] = "STOPPED", time.time()
        else:
            b["status"] = "STOPPING"
        return json.dumps({"registryId": self.current_account, "replicationBackfillId": b["id"],
                           "destination": b["destination"], "status": b["status"], "startedAt": b["startedAt"]})

    def list_replication_backfills(self):
        size = int(self._get_param("maxResults") or 25)
        start = int(self._get_param("nextToken") or 0)
        all_ = self._ecrgov_backfills()
        result = {"registryId": self.current_account,
                  "backfills": [self._ecrgov_backfill_summary(b) for b in all_[start:start + size]]}
        if start + size < len(all_):
            result["nextToken"] = str(start + size)
        return json.dumps(result)

    def _ecrgov_backfill_advance(self, b):
        """The status the next describe reports, then one step on (see the class)."""
        b["reads"] += 1
        if b["reads"] == 1 or b["status"] in ("COMPLETE", "STOPPED"):
            return
        if b["status"] == "PREPARING":
            b["status"], b["done"] = "IN_PROGRESS", len(b["images"]) // 2
        elif b["status"] == "IN_PROGRESS":
            b["status"], b["done"], b["endedAt"] = "COMPLETE", len(b["images"]), time.time()
        elif b["status"] == "STOPPING":
            b["status"], b["endedAt"] = "STOPPED", time.time()

    def describe_replication_backfill_results(self):
        b, err = self._ecrgov_backfill_or_error()
        if err:
            return err
        self._ecrgov_backfill_advance(b)
        out = {"registryId": self.current_account, **self._ecrgov_backfill_summary(b)}
        # "Results are available only after the replication backfill reaches a terminal status."
        if b["status"] in ("COMPLETE", "FAILED", "STOPPED"):
            wanted = self._get_param("resultStatusFilter")
            results = [{"repositoryName": name, "imageId": {"imageDigest": digest}, "status": "COMPLETE"}
                       for name, digest, _ in b["images"][:b["done"] or 0] if wanted in (None, "COMPLETE")]
            size = int(self._get_param("maxResults") or 100)
            start = int(self._get_param("nextToken") or 0)
            out["results"] = results[start:start + size]
            if start + size < len(results):
                out["nextToken"] = str(start + size)
        return json.dumps(out)


# --- images: listing, pulls, pull-time exclusions and layer uploads ---------------------------
# moto-patches.py hooks these into moto's own DescribeImages and BatchGetImage with one line each,
# and removes moto's NotImplementedError stubs of the layer operations so that these answer.


# The tag that puts a repository in the coarse pull-time mode (_ecrgov_pull_refresh_seconds).
PULL_REFRESH_TAG = "ecrgov-emulator:pull-time-refresh-seconds"


class EcrgovImageOps:
    @staticmethod
    def _ecrgov_error(code, message):
        """An ECR error answer: the JSON protocol's __type and message, with status 400."""
        return json.dumps({"__type": code, "message": message}), {"status": 400}

    def _ecrgov_describe_images(self, dto_images, images, image_ids):
        """DescribeImages' result: imageStatus on every image and, for a listing (no imageIds),
        filter.tagStatus, filter.imageStatus ("If not specified, only images with ACTIVE status
        are returned") and maxResults (default 100) / nextToken paging, as ECR does."""
        for dto_image, image in zip(dto_images, images):
            dto_image.image_status = self._ecrgov_status(image)
        result = {"imageDetails": dto_images}
        if image_ids:
            return result
        flt = self._get_param("filter") or {}
        status = flt.get("tagStatus", "ANY")
        if status != "ANY":
            dto_images = [i for i in dto_images if bool(getattr(i, "image_tags", None)) == (status == "TAGGED")]
        wanted = flt.get("imageStatus", "ACTIVE")
        if wanted != "ANY":
            dto_images = [i for i in dto_images if i.image_status == wanted]
        start = int(self._get_param("nextToken") or 0)
        size = int(self._get_param("maxResults") or 100)
        result["imageDetails"] = dto_images[start:start + size]
        if start + size < len(dto_images):
            result["nextToken"] = str(start + size)
        return result

    def _ecrgov_after_batch_get(self, response):
        """An image that is not ACTIVE cannot be pulled: it becomes a failure (archived images
        answer pulls with 404). Each image returned is a pull, recorded in lastRecordedPullTime
        unless the caller is excluded: "Amazon ECR updates the LastRecordedPullTime timestamp on
        every pull" and "Amazon ECR will not record the pull time if an excluded principal pulls
        an image" (User Guide, Pull-time update exclusions). A pull is a BatchGetImage that
        returns the manifest, as aws/containers-roadmap#2390 observed."""
        for held in [i for i in response["images"] if self._ecrgov_status(i) != "ACTIVE"]:
            response["images"].remove(held)
            response["failures"].append({"imageId": {"imageDigest": held.get_image_digest()}, "failureCode": "ImageNotFound",
                                         "failureReason": f"The image is {held.image_status}; restore it with UpdateImageStorageClass"})
        if not self._ecrgov_pull_excluded():
            now = time.time()
            for pulled in response["images"]:
                last = getattr(pulled, "last_recorded_pull_time", None)
                if last is None or now - last >= self._ecrgov_pull_refresh_seconds(pulled.repository_name):
                    pulled.last_recorded_pull_time = now
        return response

    def _ecrgov_pull_refresh_seconds(self, repository_name):
        """The emulator's coarse pull-time mode, per repository (PULL_REFRESH_TAG): ECR refreshes
        lastRecordedPullTime "at least once every 24 hours", so "if you pull an image once an
        hour ... the result may not be the exact time that the image was last pulled" (service
        model, ImageDetail). A repository tagged PULL_REFRESH_TAG=N keeps a recorded pull time for
        N seconds before a pull moves it; untagged, every pull is recorded at once."""
        repo = self.ecr_backend.repositories.get(repository_name)
        if repo is None:
            return 0.0
        for tag in self.ecr_backend.tagger.list_tags_for_resource(repo.arn).get("tags", []):
            if tag.get("Key") == PULL_REFRESH_TAG:
                try:
                    return float(tag.get("Value") or 0)
                except ValueError:
                    return 0.0
        return 0.0

    def _ecrgov_exclusions(self):
        if not hasattr(self.ecr_backend, "ecrgov_pull_exclusions"):
            self.ecr_backend.ecrgov_pull_exclusions = {}
        return self.ecr_backend.ecrgov_pull_exclusions

    def _ecrgov_caller_arn(self):
        """The IAM principal moto's STS resolves the access key to. An assumed-role session is
        its role; moto's default arn:aws:sts::ACCOUNT:user/moto is the IAM user it names."""
        from moto.sts.models import sts_backends
        arn = sts_backends[self.current_account][self.partition].get_caller_identity(self.get_access_key(), self.region)[1]
        account = arn.split(":")[4]
        if ":assumed-role/" in arn:
            role = arn.split(":assumed-role/", 1)[1].split("/")[0]
            arn = f"arn:{self.partition}:iam::{account}:role/{role}"
        elif ":sts::" in arn and ":user/" in arn:
            arn = f"arn:{self.partition}:iam::{account}:user/" + arn.split(":user/", 1)[1]
        return arn

    def _ecrgov_pull_excluded(self):
        return self._ecrgov_caller_arn() in self._ecrgov_exclusions()

    def register_pull_time_update_exclusion(self):
        """Up to 100 principals a registry ("You can configure up to 100 exclusions per
        account"); the model check has refused what PrincipalArn does not allow."""
        arn = self._get_param("principalArn")
        exclusions = self._ecrgov_exclusions()
        if arn in exclusions:
            return self._ecrgov_error("ExclusionAlreadyExistsException", f"The principal '{arn}' is already in the pull time update exclusion list")
        if len(exclusions) >= 100:
            return self._ecrgov_error("LimitExceededException", "The pull time update exclusion list holds 100 principals, the limit")
        exclusions[arn] = time.time()
        return json.dumps({"principalArn": arn, "createdAt": round(exclusions[arn], 3)})

    def deregister_pull_time_update_exclusion(self):
        arn = self._get_param("principalArn")
        if self._ecrgov_exclusions().pop(arn, None) is None:
            return self._ecrgov_error("ExclusionNotFoundException", f"The principal '{arn}' is not in the pull time update exclusion list")
        return json.dumps({"principalArn": arn})

    def list_pull_time_update_exclusions(self):
        size = int(self._get_param("maxResults") or 100)
        start = int(self._get_param("nextToken") or 0)
        arns = sorted(self._ecrgov_exclusions())
        result = {"pullTimeUpdateExclusions": arns[start:start + size]}
        if start + size < len(arns):
            result["nextToken"] = str(start + size)
        return json.dumps(result)

    # Layer uploads as the API reference describes them, so that one seeding path pushes blobs
    # before PutImage on the emulator as on ECR. Parts must be contiguous
    # (InvalidLayerPartException), the completed digest must be sha256 of the bytes
    # (InvalidLayerException), a layer already in the repository is LayerAlreadyExistsException,
    # an unknown upload is UploadNotFoundException. PutImage does not check that the blobs exist.

    def _ecrgov_blob_store(self):
        backend = self.ecr_backend
        if not hasattr(backend, "ecrgov_uploads"):
            backend.ecrgov_uploads, backend.ecrgov_layers = {}, {}
        return backend.ecrgov_uploads, backend.ecrgov_layers

    def _ecrgov_repo_or_error(self):
        name = self._get_param("repositoryName")
        if name not in self.ecr_backend.repositories:
            return name, self._ecrgov_error("RepositoryNotFoundException", f"The repository with name '{name}' does not exist in the registry with id '{self.current_account}'")
        return name, None

    def _ecrgov_open_upload(self):
        name, err = self._ecrgov_repo_or_error()
        if err:
            return name, None, err
        uploads, _ = self._ecrgov_blob_store()
        upload = uploads.get(self._get_param("uploadId"))
        if upload is None or upload["repository"] != name:
            return name, None, self._ecrgov_error("UploadNotFoundException", "The upload could not be found")
        return name, upload, None

    def initiate_layer_upload(self):
        self._ecrgov_create_on_push(self._get_param("repositoryName"))
        name, err = self._ecrgov_repo_or_error()
        if err:
            return err
        uploads, _ = self._ecrgov_blob_store()
        upload_id = str(uuid.uuid4())
        uploads[upload_id] = {"repository": name, "data": bytearray()}
        return json.dumps({"uploadId": upload_id, "partSize": 10485760})

    def upload_layer_part(self):
        name, upload, err = self._ecrgov_open_upload()
        if err:
            return err
        blob = self._get_param("layerPartBlob")
        if isinstance(blob, str):
            blob = base64.b64decode(blob)
        first, last = int(self._get_param("partFirstByte")), int(self._get_param("partLastByte"))
        if first != len(upload["data"]) or last - first + 1 != len(blob):
            return self._ecrgov_error("InvalidLayerPartException", f"The layer part is not contiguous: expected first byte {len(upload['data'])}")
        upload["data"] += blob
        return json.dumps({"registryId": self.current_account, "repositoryName": name, "uploadId": self._get_param("uploadId"), "lastByteReceived": last})

    def complete_layer_upload(self):
        name, upload, err = self._ecrgov_open_upload()
        if err:
            return err
        uploads, layers = self._ecrgov_blob_store()
        upload_id = self._get_param("uploadId")
        if not upload["data"]:
            return self._ecrgov_error("EmptyUploadException", "The upload has no parts")
        digest = "sha256:" + hashlib.sha256(bytes(upload["data"])).hexdigest()
        wanted = self._get_param("layerDigests") or []
        if wanted != [digest]:
            return self._ecrgov_error("InvalidLayerException", f"The layer digest {wanted} does not match the uploaded {digest}")
        del uploads[upload_id]
        if (name, digest) in layers:
            return self._ecrgov_error("LayerAlreadyExistsException", f"The layer {digest} already exists in the repository")
        layers[(name, digest)] = len(upload["data"])
        return json.dumps({"registryId": self.current_account, "repositoryName": name, "uploadId": upload_id, "layerDigest": digest})



# --- pull through cache rules -----------------------------------------------------------------
# CreatePullThroughCacheRule, DescribePullThroughCacheRules, UpdatePullThroughCacheRule,
# DeletePullThroughCacheRule and ValidatePullThroughCacheRule, and the repository a first pull
# through a rule creates. The model check has refused what the model does not allow (the prefix
# pattern and its 2-30 length, the credentialArn pattern, the upstreamRegistry enum).

# The upstream registries and the URL syntax of each, from CreatePullThroughCacheRule's
# upstreamRegistryUrl ("Amazon ECR (ecr) - <accountId>.dkr.ecr.<region>.amazonaws.com ...") and
# the User Guide for Chainguard (cgr.dev).
PTC_FIXED_HOSTS = {
    "public.ecr.aws": "ecr-public",
    "registry-1.docker.io": "docker-hub",
    "ghcr.io": "github-container-registry",
    "registry.gitlab.com": "gitlab-container-registry",
    "registry.k8s.io": "k8s",
    "quay.io": "quay",
    "cgr.dev": "chainguard",
}
PTC_ECR_HOST = re.compile(r"([0-9]{12})\.dkr\.ecr\.([a-z]{2}(?:-[a-z]+)+-[0-9])\.amazonaws\.com")
PTC_AZURE_HOST = re.compile(r"[a-z0-9]{5,50}\.azurecr\.io")
# "Docker Hub, Microsoft Azure Container Registry, GitHub Container Registry, GitLab Container
# Registry and Chainguard Registry (requires authentication with AWS Secrets Manager secret)"
# (User Guide, "Sync an upstream registry with an Amazon ECR private registry").
PTC_NEEDS_SECRET = {"docker-hub", "azure-container-registry", "github-container-registry",
                    "gitlab-container-registry", "chainguard"}
# Which upstream hosts answer the emulator's validation: every fixed host above and every ECR
# registry in a region of the aws partition. An Azure registry (<name>.azurecr.io) is someone's
# private registry that the emulator cannot know: it is unreachable unless named in
# ECRGOV_EMULATOR_KNOWN_UPSTREAMS (comma-separated hosts). An emulator assumption, not ECR's.
PTC_KNOWN_EXTRA = {h.strip() for h in __import__("os").environ.get("ECRGOV_EMULATOR_KNOWN_UPSTREAMS", "").split(",") if h.strip()}


def ptc_upstream(url):
    """The upstream registry (the UpstreamRegistry enum) a URL names, or None when it is none of
    the supported ones."""
    if url in PTC_FIXED_HOSTS:
        return PTC_FIXED_HOSTS[url]
    if PTC_ECR_HOST.fullmatch(url):
        return "ecr"
    if PTC_AZURE_HOST.fullmatch(url):
        return "azure-container-registry"
    return None


def _ptc_known_region(region):
    from boto3.session import Session
    return region in Session().get_available_regions("ecr")


class EcrgovPullThroughCacheOps:
    def _ecrgov_ptc_rules(self) -> dict:
        if not hasattr(self.ecr_backend, "ecrgov_ptc_rules"):
            self.ecr_backend.ecrgov_ptc_rules = {}
        return self.ecr_backend.ecrgov_ptc_rules

    def _ecrgov_ptc_missing(self, prefix):
        return self._ecrgov_error("PullThroughCacheRuleNotFoundException",
                                  f"The pull through cache rule with prefix '{prefix}' does not exist in the registry with id '{self.current_account}'")

    def _ecrgov_secret(self, arn):
        """The Secrets Manager secret arn names in this account and region, or None. "The account
        and Region that the secret is in must match the account and Region that the pull through
        cache rule is in" (User Guide, "Creating a pull through cache rule"): a secret elsewhere is
        not found here."""
        parts = arn.split(":")
        if len(parts) < 7 or parts[3] != self.region or parts[4] != self.current_account:
            return None
        from moto.secretsmanager.models import secretsmanager_backends
        secrets = secretsmanager_backends[self.current_account][self.region].secrets
        secret = secrets.get(arn)
        if secret is None or secret.is_deleted():
            return None
        return secret

    def _ecrgov_secret_problem(self, arn):
        if arn and self._ecrgov_secret(arn) is None:
            return "SecretNotFoundException", f"The secret '{arn}' was not found in the account and Region of the registry"
        return None

    def _ecrgov_ptc_answer(self, rule, with_times=True):
        out = {k: v for k, v in rule.items() if v not in (None, "")}
        if not with_times:
            out.pop("createdAt", None)
            out.pop("updatedAt", None)
        out["registryId"] = self.current_account
        return out

    def create_pull_through_cache_rule(self):
        """The URL must be one the API reference gives for a supported upstream
        (UnsupportedUpstreamRegistryException); upstreamRegistry, when given, must name the same
        upstream (an assumption: ECR's answer to a mismatch is not documented). An upstream that
        needs a secret without credentialArn is InvalidParameterException (an assumption); a
        credentialArn whose secret is not in this account and Region is SecretNotFoundException.
        "You can set the upstream repository prefix only when the Amazon ECR repository prefix has
        a non-ROOT value" (User Guide, "Customizing repository prefixes for ECR to ECR pull
        through cache"); without one it is ROOT ("When this field isn't specified, Amazon ECR will
        use the ROOT", API reference)."""
        prefix = self._get_param("ecrRepositoryPrefix")
        url = self._get_param("upstreamRegistryUrl")
        upstream = ptc_upstream(url)
        if upstream is None:
            return self._ecrgov_error("UnsupportedUpstreamRegistryException", f"The upstream registry URL '{url}' is not supported")
        named = self._get_param("upstreamRegistry")
        if named and named != upstream:
            return self._ecrgov_error("UnsupportedUpstreamRegistryException", f"The upstream registry URL '{url}' is not a {named} registry")
        credential = self._get_param("credentialArn")
        if upstream in PTC_NEEDS_SECRET and not credential:
            return self._ecrgov_error(*_invalid("credentialArn", f"the upstream registry {upstream} requires a credentialArn"))
        upstream_prefix = self._get_param("upstreamRepositoryPrefix")
        if upstream_prefix and upstream_prefix != "ROOT" and prefix == "ROOT":
            return self._ecrgov_error(*_invalid("upstreamRepositoryPrefix", "can be set only when ecrRepositoryPrefix is not ROOT"))
        rules = self._ecrgov_ptc_rules()
        if prefix in rules:
            return self._ecrgov_error("PullThroughCacheRuleAlreadyExistsException",
                                      f"A pull through cache rule with prefix '{prefix}' already exists in the registry with id '{self.current_account}'")
        problem = self._ecrgov_secret_problem(credential)
        if problem:
            return self._ecrgov_error(*problem)
        now = round(time.time(), 3)
        rule = {"ecrRepositoryPrefix": prefix, "upstreamRegistryUrl": url, "upstreamRegistry": upstream,
                "credentialArn": credential, "customRoleArn": self._get_param("customRoleArn"),
                "upstreamRepositoryPrefix": upstream_prefix or "ROOT", "createdAt": now, "updatedAt": now}
        rules[prefix] = rule
        return json.dumps(self._ecrgov_ptc_answer(rule))

    def describe_pull_through_cache_rules(self):
        """Every rule, or the prefixes asked for; a prefix asked for that has no rule is
        PullThroughCacheRuleNotFoundException (as the API's error list allows and
        terraform-provider-aws's finder expects). maxResults (default 100) / nextToken paging."""
        rules = self._ecrgov_ptc_rules()
        wanted = self._get_param("ecrRepositoryPrefixes")
        for p in wanted or []:
            if p not in rules:
                return self._ecrgov_ptc_missing(p)
        chosen = [rules[p] for p in sorted(rules) if not wanted or p in wanted]
        size = int(self._get_param("maxResults") or 100)
        start = int(self._get_param("nextToken") or 0)
        result = {"pullThroughCacheRules": [self._ecrgov_ptc_answer(r) for r in chosen[start:start + size]]}
        if start + size < len(chosen):
            result["nextToken"] = str(start + size)
        return json.dumps(result)

    def update_pull_through_cache_rule(self):
        """Changes credentialArn and customRoleArn, the two members the request has; one the
        request leaves out is kept (an assumption: ECR does not document it)."""
        prefix = self._get_param("ecrRepositoryPrefix")
        rule = self._ecrgov_ptc_rules().get(prefix)
        if rule is None:
            return self._ecrgov_ptc_missing(prefix)
        credential = self._get_param("credentialArn")
        problem = self._ecrgov_secret_problem(credential)
        if problem:
            return self._ecrgov_error(*problem)
        for k in ("credentialArn", "customRoleArn"):
            v = self._get_param(k)
            if v is not None:
                rule[k] = v
        rule["updatedAt"] = round(time.time(), 3)
        out = self._ecrgov_ptc_answer(rule)
        out.pop("createdAt", None)
        out.pop("upstreamRegistry", None)
        return json.dumps(out)

    def delete_pull_through_cache_rule(self):
        prefix = self._get_param("ecrRepositoryPrefix")
        rule = self._ecrgov_ptc_rules().pop(prefix, None)
        if rule is None:
            return self._ecrgov_ptc_missing(prefix)
        out = self._ecrgov_ptc_answer(rule)
        out.pop("updatedAt", None)
        out.pop("upstreamRegistry", None)
        return json.dumps(out)

    def _ecrgov_ptc_failure(self, rule):
        """Why the rule would not work, or None. "If true, Amazon ECR was able to reach the
        upstream registry and authentication was successful. If false, there was an issue and
        validation failed. The failure reason indicates the cause." (ValidatePullThroughCacheRule.)
        The failure texts are the emulator's; ECR's are not documented."""
        url = rule["upstreamRegistryUrl"]
        ecr_host = PTC_ECR_HOST.fullmatch(url)
        known = url in PTC_FIXED_HOSTS or url in PTC_KNOWN_EXTRA or (ecr_host and _ptc_known_region(ecr_host.group(2)))
        if not known:
            return f"Unable to reach the upstream registry {url}: the host is unknown"
        credential = rule.get("credentialArn")
        if credential:
            secret = self._ecrgov_secret(credential)
            if secret is None:
                return f"The secret {credential} was not found"
            # The secret holds {"username": ..., "accessToken": ...} (User Guide, "Storing your
            # upstream repository credentials in an AWS Secrets Manager secret").
            try:
                value = json.loads(getattr(secret, "secret_string", None) or "")
            except (ValueError, TypeError):
                value = None
            if not isinstance(value, dict) or not value.get("username") or not value.get("accessToken"):
                return f"The secret {credential} does not hold a username and an accessToken"
        # "For Amazon ECR, you must create an IAM role if the upstream and downstream Amazon ECR
        # registries belong to different AWS account" (User Guide).
        if ecr_host and ecr_host.group(1) != self.current_account and not rule.get("customRoleArn"):
            return f"Unable to authenticate to the upstream registry {url}: a registry in another account needs a customRoleArn"
        return None

    def validate_pull_through_cache_rule(self):
        prefix = self._get_param("ecrRepositoryPrefix")
        rule = self._ecrgov_ptc_rules().get(prefix)
        if rule is None:
            return self._ecrgov_ptc_missing(prefix)
        out = self._ecrgov_ptc_answer(rule, with_times=False)
        out.pop("upstreamRegistry", None)
        failure = self._ecrgov_ptc_failure(rule)
        out["isValid"] = failure is None
        if failure:
            out["failure"] = failure
        return json.dumps(out)

    def _ecrgov_ptc_rule_for(self, name):
        """The rule whose prefix covers the repository name (ECR appends "/" to a prefix), the
        longest when several do; the ROOT rule (ECR to ECR) when none does."""
        best, best_len = None, 0
        for prefix, rule in self._ecrgov_ptc_rules().items():
            namespace = prefix.rstrip("/") + "/"
            if prefix != "ROOT" and name.startswith(namespace) and len(namespace) > best_len:
                best, best_len = rule, len(namespace)
        return best or self._ecrgov_ptc_rules().get("ROOT")

    def _ecrgov_create_on_pull(self, name):
        """A pull of <prefix>/<upstream repository> through a rule, when the repository does not
        exist, creates it: "pull an image from that upstream registry using your Amazon ECR
        private registry URI. Amazon ECR then creates a repository and caches that image in your
        private registry" (User Guide, "Sync an upstream registry"). The repository takes the
        settings of the most specific PULL_THROUGH_CACHE template covering its name; without one,
        ECR's defaults (MUTABLE, AES256): only a push needs a template ("When there isn't a
        repository creation template that matches the target repository for an image push,
        Amazon ECR will not create a repository with default settings"), and the defaults for a
        pull are an assumption. The emulator holds no upstream content, so the pulled images are
        answered as failures; a repository is created even when the rule would not validate (an
        assumption)."""
        backend = self.ecr_backend
        if not name or name in backend.repositories or self._ecrgov_ptc_rule_for(name) is None:
            return
        t = self._ecrgov_governing_template(name, "PULL_THROUGH_CACHE") or {}
        self._ecrgov_create_from_template(name, t)


class EcrgovOps(EcrgovTemplateOps, EcrgovSigningOps, EcrgovReplicationOps, EcrgovBackfillOps, EcrgovImageOps,
                EcrgovPullThroughCacheOps):
    """Everything this module adds to moto's ECRResponse."""

    def call_action(self):
        """Refuses, before moto sees it, a request the ECR service model refuses
        (ecrgov_model_check.py)."""
        from .ecrgov_model_check import problem
        found = problem(self._get_action(), self.body)
        if found is None:
            return super().call_action()
        status, headers, body = self._transform_response(self.response_headers, self._ecrgov_error(*found))
        headers, body = self._enrich_response(headers, body)
        return status, headers, body
