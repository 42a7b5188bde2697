#!/usr/bin/env python3
"""Bring the unpacked moto ECR emulator closer to ECR where the provider's tests depend on it.

    moto-patches.py SITE_PACKAGES          apply every patch (idempotent)
    moto-patches.py SITE_PACKAGES --check  exit 0 only when every patch is in place

Each patch replaces an exact text of moto 5.1.x and is verified afterwards; if moto changes so
that a text is not found, the install fails loudly rather than running a different emulator.
These are moto's deviations from ECR, fixed in the emulator; the provider never copies them.
"""
import pathlib
import sys

PATCHES = [
    # moto's lifecycle policy validator predates the archive storage class: it rejects
    # storageClass, targetStorageClass, the transition action and the sinceImagePulled and
    # sinceImageTransitioned count types, all documented and accepted by ECR.
    ("ecr/policy_validation.py",
     'VALID_ACTION_PROPERTIES = REQUIRED_ACTION_PROPERTIES\n',
     'VALID_ACTION_PROPERTIES = {"targetStorageClass", *REQUIRED_ACTION_PROPERTIES}\n'),
    ("ecr/policy_validation.py",
     'VALID_ACTION_TYPE_VALUES = {"expire"}\n',
     'VALID_ACTION_TYPE_VALUES = {"expire", "transition"}\n'),
    ("ecr/policy_validation.py",
     '    "countUnit",\n',
     '    "countUnit",\n    "storageClass",\n'),
    ("ecr/policy_validation.py",
     'VALID_SELECTION_COUNT_TYPE_VALUES = {"imageCountMoreThan", "sinceImagePushed"}\n',
     'VALID_SELECTION_COUNT_TYPE_VALUES = {"imageCountMoreThan", "sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned"}\n'),
    # An untagged push (a platform manifest of a multi-arch image) into a repository with
    # exclusion filters fails with a 500 (a regex matched against None).
    ("ecr/models.py",
     '            if repository.image_tag_mutability_exclusion_filters:\n',
     '            if proposed_image_tag and repository.image_tag_mutability_exclusion_filters:\n'),
    # Exclusion filters are WILDCARD filters in ECR, where only '*' is special; moto matches
    # them as Python regexes.
    ("ecr/models.py",
     'lambda ef: re.match(ef["filter"], proposed_image_tag),',
     'lambda ef: __import__("fnmatch").fnmatchcase(proposed_image_tag, ef["filter"]),'),
    # Push times keep sub-second precision, so images pushed one after another are ordered.
    ("ecr/models.py",
     'self.image_pushed_at = int(datetime.now(timezone.utc).timestamp())',
     'self.image_pushed_at = datetime.now(timezone.utc).timestamp()'),
    # ...and the JSON protocol sends them with milliseconds, as AWS does, not whole seconds.
    ("core/serialize.py",
     '        return int(calendar.timegm(value.timetuple()))\n',
     '        return round(value.timestamp(), 3)\n'),
    # DescribeImages honours filter.tagStatus and filter.imageStatus and pages (moto_ecrgov.py).
    ("ecr/responses.py",
     '        return ActionResult({"imageDetails": dto_images})\n',
     '        return ActionResult(self._ecrgov_describe_images(dto_images, images, image_ids))\n'),
    # PutImageScanningConfiguration with scanOnPush false: the SDKs omit a false boolean, so
    # the request carries imageScanningConfiguration {}; ECR reads the omitted scanOnPush as its
    # default, false ("scanOnPush ... Type: Boolean", ImageScanningConfiguration in the API
    # reference), while moto ignores an empty configuration and keeps true.
    ("ecr/models.py",
     '        if image_scanning_configuration:\n'
     '            self.image_scanning_configuration = image_scanning_configuration\n',
     '        if image_scanning_configuration is not None:\n'
     '            self.image_scanning_configuration = {"scanOnPush": bool(image_scanning_configuration.get("scanOnPush", False))}\n'),
    # Scanning filters follow the User Guide ("a filter with no wildcard will match all repository
    # names that contain the filter"); moto's regex match lets "*prod" match "prod-repo".
    ("ecr/models.py",
     '        filter_regex = filter.replace("*", ".*")\n'
     '        return filter in repository_name or bool(\n'
     '            re.match(filter_regex, repository_name)\n'
     '        )\n',
     '        return __import__("moto.ecr.ecrgov_ext", fromlist=["scan_filter_matches"]).scan_filter_matches(filter, repository_name)\n'),
    # Layer uploads (moto raises NotImplementedError): moto's stubs are removed, so that
    # moto_ecrgov.py's methods of the same names answer.
    ("ecr/responses.py",
     '    def complete_layer_upload(self) -> None:\n'
     '        raise NotImplementedError("ECR.complete_layer_upload is not yet implemented")\n',
     ''),
    ("ecr/responses.py",
     '    def initiate_layer_upload(self) -> None:\n'
     '        raise NotImplementedError("ECR.initiate_layer_upload is not yet implemented")\n',
     ''),
    ("ecr/responses.py",
     '    def upload_layer_part(self) -> None:\n'
     '        raise NotImplementedError("ECR.upload_layer_part is not yet implemented")\n',
     ''),
    # BatchGetImage fails for images that are not ACTIVE and records the pull of the others
    # (moto_ecrgov.py, _ecrgov_after_batch_get).
    ("ecr/responses.py",
     '        response = self.ecr_backend.batch_get_image(\n'
     '            repository_str, registry_id, image_ids\n'
     '        )\n'
     '        return ActionResult(response)\n',
     '        response = self.ecr_backend.batch_get_image(\n'
     '            repository_str, registry_id, image_ids\n'
     '        )\n'
     '        return ActionResult(self._ecrgov_after_batch_get(response))\n'),
    # Operations moto lacks live in scripts/moto_ecrgov.py (installed as ecr/ecrgov_ext.py, see
    # EXTENSIONS): repository creation templates, create on push and account settings. Its
    # EcrgovOps is mixed into moto's ECRResponse so that each of its methods answers the
    # operation of that name.
    ("ecr/responses.py",
     'from .models import ECRBackend, ecr_backends\n',
     'from .models import ECRBackend, ecr_backends\nfrom .ecrgov_ext import EcrgovOps\n'),
    ("ecr/responses.py",
     'class ECRResponse(BaseResponse):\n',
     'class ECRResponse(EcrgovOps, BaseResponse):\n'),
    # A push (PutImage, or InitiateLayerUpload, the first call of a layer push) to a repository
    # that does not exist creates it from the CREATE_ON_PUSH template that governs its name.
    ("ecr/responses.py",
     '        image = self.ecr_backend.put_image(\n'
     '            repository_str, image_manifest, image_tag, image_manifest_media_type, digest\n'
     '        )\n'
     '        return ActionResult({"image": image})\n',
     '        image = self.ecr_backend.put_image(\n'
     '            repository_str, image_manifest, image_tag, image_manifest_media_type, digest\n'
     '        )\n'
     '        self._ecrgov_after_put(image)\n'
     '        return ActionResult({"image": image})\n'),
    ("ecr/responses.py",
     '    def put_image(self) -> ActionResult:\n'
     '        repository_str = self._get_param("repositoryName")\n',
     '    def put_image(self) -> ActionResult:\n'
     '        repository_str = self._get_param("repositoryName")\n'
     '        self._ecrgov_create_on_push(repository_str)\n'),
    # Replication: moto refuses more than one rule ("This feature is disabled") and serialises the
    # configuration by sid's model, which lacks deleteReplication. moto_ecrgov.py's methods answer
    # instead (up to 10 rules, deleteReplication kept, the time each rule took effect recorded).
    ("ecr/responses.py",
     '    def put_replication_configuration(self) -> ActionResult:\n',
     '    def put_replication_configuration(self) -> ActionResult:\n'
     '        return self._ecrgov_put_replication_configuration()\n'),
    ("ecr/responses.py",
     '    def describe_registry(self) -> ActionResult:\n',
     '    def describe_registry(self) -> ActionResult:\n'
     '        return self._ecrgov_describe_registry()\n'),
    # PutRegistryPolicy: moto allows only ecr:CreateRepository and ecr:ReplicateImage, which is
    # REGISTRY_POLICY_SCOPE V1 (and misses ecr:BatchImportUpstreamImage). Under V2, the default and
    # now the only scope, "Amazon ECR allows all ECR actions in the policy" (User Guide, "Private
    # registry permissions"): any ecr: action, wildcards included, is accepted.
    ("ecr/models.py",
     '            if set(action) - VALID_ACTIONS:\n'
     '                raise MalformedPolicyDocument()\n',
     '            if any(not re.fullmatch(r"ecr:[A-Za-z*]+", a) for a in action):\n'
     '                raise MalformedPolicyDocument()\n'),
    # A pull (BatchGetImage) of a repository that does not exist, under a pull through cache
    # rule's prefix, creates it from the PULL_THROUGH_CACHE template that governs its name
    # (moto_ecrgov.py, _ecrgov_create_on_pull).
    ("ecr/responses.py",
     '    def batch_get_image(self) -> ActionResult:\n'
     '        repository_str = self._get_param("repositoryName")\n',
     '    def batch_get_image(self) -> ActionResult:\n'
     '        repository_str = self._get_param("repositoryName")\n'
     '        self._ecrgov_create_on_pull(repository_str)\n'),
]

# Whole files installed into moto: (file next to this script, path under moto/).
EXTENSIONS = [
    ("moto_ecrgov.py", "ecr/ecrgov_ext.py"),
    ("moto_ecr_model_check.py", "ecr/ecrgov_model_check.py"),
]
# Files earlier versions installed and that must be gone: the model extras (sid's model has every
# member they added, and one of them, subjectDigest, is not ECR's name).
REMOVED = ["ecr/2015-09-21/service-2.moto-extras.json"]


def main() -> int:
    site = pathlib.Path(sys.argv[1]) / "moto"
    check_only = "--check" in sys.argv[2:]
    missing = []
    for rel, old, new in PATCHES:
        path = site / rel
        text = path.read_text()
        # A patch whose new text is "" removes old: it is in place when old is gone.
        if (new and new in text) or (not new and old not in text):
            continue
        if check_only or old not in text:
            missing.append(f"{rel}: {new.strip()[:70]}")
            continue
        path.write_text(text.replace(old, new, 1))
    here = pathlib.Path(__file__).resolve().parent
    for source, rel in EXTENSIONS:
        text, path = (here / source).read_text(), site / rel
        if path.exists() and path.read_text() == text:
            continue
        if check_only:
            missing.append(f"{rel}: not installed or out of date")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for rel in REMOVED:
        path = site / rel
        if path.exists():
            if check_only:
                missing.append(f"{rel}: still installed")
            else:
                path.unlink()
    if missing:
        print("moto-patches: not in place:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
