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
    # 1000) and nextToken, as ECR does.
    ("ecr/responses.py",
     '        return ActionResult({"imageDetails": dto_images})\n',
     '        result = {"imageDetails": dto_images}\n'
     '        if not image_ids:\n'
     '            status = (self._get_param("filter") or {}).get("tagStatus", "ANY")\n'
     '            if status != "ANY":\n'
     '                dto_images = [i for i in dto_images if bool(getattr(i, "image_tags", None)) == (status == "TAGGED")]\n'
     '            start = int(self._get_param("nextToken") or 0)\n'
     '            size = int(self._get_param("maxResults") or 100)\n'
     '            result["imageDetails"] = dto_images[start:start + size]\n'
     '            if start + size < len(dto_images):\n'
     '                result["nextToken"] = str(start + size)\n'
     '        return ActionResult(result)\n'),
]


def main() -> int:
    site = pathlib.Path(sys.argv[1]) / "moto"
    check_only = "--check" in sys.argv[2:]
    missing = []
    for rel, old, new in PATCHES:
        path = site / rel
        text = path.read_text()
        if new in text:
            continue
        if check_only or old not in text:
            missing.append(f"{rel}: {new.strip()[:70]}")
            continue
        path.write_text(text.replace(old, new, 1))
    if missing:
        print("moto-patches: not in place:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
