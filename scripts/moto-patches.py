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
    # DescribeImages honours filter.tagStatus and pages with maxResults (default 100, at most
    # 1000) and nextToken, as ECR does; it reports imageStatus and honours filter.imageStatus
    # ("If not specified, only images with ACTIVE status are returned").
    ("ecr/responses.py",
     '        return ActionResult({"imageDetails": dto_images})\n',
     '        for dto_image, image in zip(dto_images, images):\n'
     '            dto_image.image_status = self._ecrgov_status(image)\n'
     '        result = {"imageDetails": dto_images}\n'
     '        if not image_ids:\n'
     '            status = (self._get_param("filter") or {}).get("tagStatus", "ANY")\n'
     '            if status != "ANY":\n'
     '                dto_images = [i for i in dto_images if bool(getattr(i, "image_tags", None)) == (status == "TAGGED")]\n'
     '            wanted = (self._get_param("filter") or {}).get("imageStatus", "ACTIVE")\n'
     '            if wanted != "ANY":\n'
     '                dto_images = [i for i in dto_images if i.image_status == wanted]\n'
     '            start = int(self._get_param("nextToken") or 0)\n'
     '            size = int(self._get_param("maxResults") or 100)\n'
     '            result["imageDetails"] = dto_images[start:start + size]\n'
     '            if start + size < len(dto_images):\n'
     '                result["nextToken"] = str(start + size)\n'
     '        return ActionResult(result)\n'),
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
    # Layer uploads (moto raises NotImplementedError): InitiateLayerUpload, UploadLayerPart and
    # CompleteLayerUpload as the API reference describes them, so that one seeding path pushes
    # blobs before PutImage on the emulator as on ECR. Parts must be contiguous
    # (InvalidLayerPartException), the completed digest must be sha256 of the bytes
    # (InvalidLayerException), a layer already in the repository is LayerAlreadyExistsException,
    # an unknown upload is UploadNotFoundException. PutImage does not check that the blobs exist.
    ("ecr/responses.py",
     '    def complete_layer_upload(self) -> None:\n'
     '        raise NotImplementedError("ECR.complete_layer_upload is not yet implemented")\n',
     '    def _ecrgov_blob_store(self):\n'
     '        backend = self.ecr_backend\n'
     '        if not hasattr(backend, "ecrgov_uploads"):\n'
     '            backend.ecrgov_uploads, backend.ecrgov_layers = {}, {}\n'
     '        return backend.ecrgov_uploads, backend.ecrgov_layers\n'
     '\n'
     '    def _ecrgov_repo_or_error(self):\n'
     '        name = self._get_param("repositoryName")\n'
     '        if name not in self.ecr_backend.repositories:\n'
     '            return name, self._ecrgov_error("RepositoryNotFoundException", f"The repository with name \'{name}\' does not exist in the registry with id \'{self.current_account}\'")\n'
     '        return name, None\n'
     '\n'
     '    def _ecrgov_open_upload(self):\n'
     '        name, err = self._ecrgov_repo_or_error()\n'
     '        if err:\n'
     '            return name, None, err\n'
     '        uploads, _ = self._ecrgov_blob_store()\n'
     '        upload = uploads.get(self._get_param("uploadId"))\n'
     '        if upload is None or upload["repository"] != name:\n'
     '            return name, None, self._ecrgov_error("UploadNotFoundException", "The upload could not be found")\n'
     '        return name, upload, None\n'
     '\n'
     '    def initiate_layer_upload(self):\n'
     '        import json as _json, uuid as _uuid\n'
     '        self._ecrgov_create_on_push(self._get_param("repositoryName"))\n'
     '        name, err = self._ecrgov_repo_or_error()\n'
     '        if err:\n'
     '            return err\n'
     '        uploads, _ = self._ecrgov_blob_store()\n'
     '        upload_id = str(_uuid.uuid4())\n'
     '        uploads[upload_id] = {"repository": name, "data": bytearray()}\n'
     '        return _json.dumps({"uploadId": upload_id, "partSize": 10485760})\n'
     '\n'
     '    def upload_layer_part(self):\n'
     '        import json as _json, base64 as _b64\n'
     '        name, upload, err = self._ecrgov_open_upload()\n'
     '        if err:\n'
     '            return err\n'
     '        blob = self._get_param("layerPartBlob")\n'
     '        if isinstance(blob, str):\n'
     '            blob = _b64.b64decode(blob)\n'
     '        first, last = int(self._get_param("partFirstByte")), int(self._get_param("partLastByte"))\n'
     '        if first != len(upload["data"]) or last - first + 1 != len(blob):\n'
     '            return self._ecrgov_error("InvalidLayerPartException", f"The layer part is not contiguous: expected first byte {len(upload[\'data\'])}")\n'
     '        upload["data"] += blob\n'
     '        return _json.dumps({"registryId": self.current_account, "repositoryName": name, "uploadId": self._get_param("uploadId"), "lastByteReceived": last})\n'
     '\n'
     '    def complete_layer_upload(self):\n'
     '        import json as _json, hashlib as _hashlib\n'
     '        name, upload, err = self._ecrgov_open_upload()\n'
     '        if err:\n'
     '            return err\n'
     '        uploads, layers = self._ecrgov_blob_store()\n'
     '        upload_id = self._get_param("uploadId")\n'
     '        if not upload["data"]:\n'
     '            return self._ecrgov_error("EmptyUploadException", "The upload has no parts")\n'
     '        digest = "sha256:" + _hashlib.sha256(bytes(upload["data"])).hexdigest()\n'
     '        wanted = self._get_param("layerDigests") or []\n'
     '        if wanted != [digest]:\n'
     '            return self._ecrgov_error("InvalidLayerException", f"The layer digest {wanted} does not match the uploaded {digest}")\n'
     '        del uploads[upload_id]\n'
     '        if (name, digest) in layers:\n'
     '            return self._ecrgov_error("LayerAlreadyExistsException", f"The layer {digest} already exists in the repository")\n'
     '        layers[(name, digest)] = len(upload["data"])\n'
     '        return _json.dumps({"registryId": self.current_account, "repositoryName": name, "uploadId": upload_id, "layerDigest": digest})\n'),
    ("ecr/responses.py",
     '    def initiate_layer_upload(self) -> None:\n'
     '        raise NotImplementedError("ECR.initiate_layer_upload is not yet implemented")\n',
     ''),
    ("ecr/responses.py",
     '    def upload_layer_part(self) -> None:\n'
     '        raise NotImplementedError("ECR.upload_layer_part is not yet implemented")\n',
     ''),
    # Pull times and pull-time update exclusions (moto records no pulls and has no exclusion
    # operations). "Amazon ECR updates the LastRecordedPullTime timestamp on every pull" and
    # RegisterPullTimeUpdateExclusion "adds an IAM principal to the pull time update exclusion
    # list for a registry. Amazon ECR will not record the pull time if an excluded principal
    # pulls an image" (User Guide, Pull-time update exclusions; API reference). A pull here is a
    # BatchGetImage that returns the image's manifest, as aws/containers-roadmap#2390 observed.
    # The caller is the principal that moto's STS resolves the access key to; an assumed-role
    # session matches the exclusion of its role. Up to 100 exclusions per registry ("You can
    # configure up to 100 exclusions per account").
    ("ecr/responses.py",
     '    def batch_get_image(self) -> ActionResult:\n'
     '        repository_str = self._get_param("repositoryName")\n'
     '        registry_id = self._get_param("registryId")\n'
     '        image_ids = self._get_param("imageIds")\n'
     '\n'
     '        response = self.ecr_backend.batch_get_image(\n'
     '            repository_str, registry_id, image_ids\n'
     '        )\n'
     '        return ActionResult(response)\n',
     '    def batch_get_image(self) -> ActionResult:\n'
     '        repository_str = self._get_param("repositoryName")\n'
     '        registry_id = self._get_param("registryId")\n'
     '        image_ids = self._get_param("imageIds")\n'
     '\n'
     '        response = self.ecr_backend.batch_get_image(\n'
     '            repository_str, registry_id, image_ids\n'
     '        )\n'
     '        # An image that is not ACTIVE cannot be pulled (scripts/moto_ecrgov.py).\n'
     '        for held in [i for i in response["images"] if self._ecrgov_status(i) != "ACTIVE"]:\n'
     '            response["images"].remove(held)\n'
     '            response["failures"].append({"imageId": {"imageDigest": held.get_image_digest()}, "failureCode": "ImageNotFound",\n'
     '                                         "failureReason": f"The image is {held.image_status}; restore it with UpdateImageStorageClass"})\n'
     '        if not self._ecrgov_pull_excluded():\n'
     '            for pulled in response["images"]:\n'
     '                pulled.last_recorded_pull_time = time.time()\n'
     '        return ActionResult(response)\n'
     '\n'
     '    # ecrgov: pull-time update exclusions (see scripts/moto-patches.py).\n'
     '    def _ecrgov_exclusions(self) -> dict:\n'
     '        if not hasattr(self.ecr_backend, "ecrgov_pull_exclusions"):\n'
     '            self.ecr_backend.ecrgov_pull_exclusions = {}\n'
     '        return self.ecr_backend.ecrgov_pull_exclusions\n'
     '\n'
     '    def _ecrgov_caller_arn(self) -> str:\n'
     '        from moto.sts.models import sts_backends\n'
     '        arn = sts_backends[self.current_account][self.partition].get_caller_identity(self.get_access_key(), self.region)[1]\n'
     '        account = arn.split(":")[4]\n'
     '        if ":assumed-role/" in arn:\n'
     '            role = arn.split(":assumed-role/", 1)[1].split("/")[0]\n'
     '            arn = f"arn:{self.partition}:iam::{account}:role/{role}"\n'
     '        elif ":sts::" in arn and ":user/" in arn:\n'
     '            arn = f"arn:{self.partition}:iam::{account}:user/" + arn.split(":user/", 1)[1]\n'
     '        return arn\n'
     '\n'
     '    def _ecrgov_pull_excluded(self) -> bool:\n'
     '        return self._ecrgov_caller_arn() in self._ecrgov_exclusions()\n'
     '\n'
     '    @staticmethod\n'
     '    def _ecrgov_error(code: str, message: str):\n'
     '        import json as _json\n'
     '        return _json.dumps({"__type": code, "message": message}), {"status": 400}\n'
     '\n'
     '    def _ecrgov_principal(self):\n'
     '        import re as _re\n'
     '        arn = self._get_param("principalArn")\n'
     '        if not arn or not _re.fullmatch(r"arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:.+", arn):\n'
     '            return None, self._ecrgov_error("InvalidParameterException", f"Invalid parameter at \'principalArn\' failed to satisfy constraint: \'must be an IAM principal ARN\' (got {arn!r})")\n'
     '        return arn, None\n'
     '\n'
     '    def register_pull_time_update_exclusion(self):\n'
     '        import json as _json\n'
     '        arn, err = self._ecrgov_principal()\n'
     '        if err:\n'
     '            return err\n'
     '        exclusions = self._ecrgov_exclusions()\n'
     '        if arn in exclusions:\n'
     '            return self._ecrgov_error("ExclusionAlreadyExistsException", f"The principal \'{arn}\' is already in the pull time update exclusion list")\n'
     '        if len(exclusions) >= 100:\n'
     '            return self._ecrgov_error("LimitExceededException", "The pull time update exclusion list holds 100 principals, the limit")\n'
     '        exclusions[arn] = time.time()\n'
     '        return _json.dumps({"principalArn": arn, "createdAt": round(exclusions[arn], 3)})\n'
     '\n'
     '    def deregister_pull_time_update_exclusion(self):\n'
     '        import json as _json\n'
     '        arn, err = self._ecrgov_principal()\n'
     '        if err:\n'
     '            return err\n'
     '        if self._ecrgov_exclusions().pop(arn, None) is None:\n'
     '            return self._ecrgov_error("ExclusionNotFoundException", f"The principal \'{arn}\' is not in the pull time update exclusion list")\n'
     '        return _json.dumps({"principalArn": arn})\n'
     '\n'
     '    def list_pull_time_update_exclusions(self):\n'
     '        import json as _json\n'
     '        size = int(self._get_param("maxResults") or 100)\n'
     '        if not 1 <= size <= 1000:\n'
     '            return self._ecrgov_error("InvalidParameterException", "maxResults must be between 1 and 1000")\n'
     '        start = int(self._get_param("nextToken") or 0)\n'
     '        arns = sorted(self._ecrgov_exclusions())\n'
     '        result = {"pullTimeUpdateExclusions": arns[start:start + size]}\n'
     '        if start + size < len(arns):\n'
     '            result["nextToken"] = str(start + size)\n'
     '        return _json.dumps(result)\n'),
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
