"""Checks every ECR request against the service model before moto sees it.

moto accepts what the model refuses (an empty signing filter list, six artifact types, a group
ARN as a principal), so a provider tested only on the emulator could send what ECR refuses.
Installed as moto/ecr/ecrgov_model_check.py; moto_ecrgov.py calls problem() from call_action.

The model is the one moto serialises with: sid's botocore ECR model, laid over bookworm's in the
emulator's HOME by scripts/ecr-emulator.sh. The checks are the model's: required members, enums,
string length and pattern, list length, numeric ranges, member types, and members the model does
not know. The answer follows ECR's observed shape: "Invalid parameter at 'repositoryName' failed
to satisfy constraint: 'must satisfy regular expression '...''" (InvalidParameterException).
"""
import functools
import json
import re


@functools.lru_cache(maxsize=1)
def model():
    from moto.core.loaders import create_loader
    loaded = create_loader().load_service_model("ecr", "service-2")
    return _with_newer_members(loaded)


def _with_newer_members(m):
    """Members the Go SDK the provider is built with (aws-sdk-go-v2 service/ecr v1.69.0) has and
    sid's model lacks, with the SDK's constraints: ReplicationRule.deleteReplication (v1.68.0),
    a DeleteReplication whose `enabled` boolean is required (types.DeleteReplication, "This member
    is required"). Added only when the model has no such member, so a newer model wins."""
    shapes = m["shapes"]
    rule = shapes.get("ReplicationRule")
    if rule is not None and "deleteReplication" not in rule["members"]:
        shapes.setdefault("DeleteReplication", {"type": "structure", "required": ["enabled"],
                                                "members": {"enabled": {"shape": "Boolean"}}})
        shapes.setdefault("Boolean", {"type": "boolean"})
        rule["members"]["deleteReplication"] = {"shape": "DeleteReplication"}
    _with_backfill(m)
    return m


def _struct(members, required=()):
    return {"type": "structure", "required": list(required), "members": {k: {"shape": v} for k, v in members.items()}}


_BACKFILL_SHAPES = {
    # aws-sdk-go-v2 service/ecr v1.69.0: types/enums.go, types/types.go, schemas/schemas.go (the JSON
    # member names), validators.go (the required members of the inputs).
    "ReplicationBackfillId": {"type": "string"},
    "ReplicationBackfillError": {"type": "string"},
    "NonNegativeInteger": {"type": "integer", "min": 0},
    # "This value can be between 1 and 50" (ListReplicationBackfillsInput.MaxResults).
    "FiftyMaxResults": {"type": "integer", "min": 1, "max": 50},
    "ReplicationErrorList": {"type": "list", "member": {"shape": "ReplicationError"}},
    "ReplicationBackfillStatus": {"type": "string", "enum": [
        "PREPARING", "IN_PROGRESS", "COMPLETE", "FAILED", "STOPPING", "STOPPED"]},
    "ReplicationBackfillResultStatus": {"type": "string", "enum": ["COMPLETE", "FAILED"]},
    "ReplicationBackfillProgress": _struct(
        {"totalReplicationCount": "NonNegativeInteger", "completedReplicationCount": "NonNegativeInteger",
         "failedReplicationCount": "NonNegativeInteger", "failureCodes": "ReplicationErrorList"},
        ["totalReplicationCount", "completedReplicationCount", "failedReplicationCount", "failureCodes"]),
    "ReplicationBackfillResult": _struct(
        {"repositoryName": "RepositoryName", "imageId": "ImageIdentifier", "status": "ReplicationBackfillResultStatus",
         "failureCode": "ReplicationError", "subImageFailureCodes": "ReplicationErrorList"},
        ["repositoryName", "imageId", "status"]),
    "ReplicationBackfillResultList": {"type": "list", "member": {"shape": "ReplicationBackfillResult"}},
    "ReplicationBackfillSummary": _struct(
        {"replicationBackfillId": "ReplicationBackfillId", "destination": "ReplicationDestination",
         "status": "ReplicationBackfillStatus", "failureCode": "ReplicationBackfillError",
         "progress": "ReplicationBackfillProgress", "startedAt": "Date", "endedAt": "Date"},
        ["replicationBackfillId", "destination", "status", "startedAt"]),
    "ReplicationBackfillSummaryList": {"type": "list", "member": {"shape": "ReplicationBackfillSummary"}},
    "StartReplicationBackfillRequest": _struct(
        {"registryId": "RegistryId", "destination": "ReplicationDestination"}, ["destination"]),
    "StartReplicationBackfillResponse": _struct(
        {"replicationBackfillId": "ReplicationBackfillId", "registryId": "RegistryId",
         "destination": "ReplicationDestination", "status": "ReplicationBackfillStatus", "startedAt": "Date"}),
    "StopReplicationBackfillRequest": _struct(
        {"registryId": "RegistryId", "replicationBackfillId": "ReplicationBackfillId"}, ["replicationBackfillId"]),
    "StopReplicationBackfillResponse": _struct(
        {"registryId": "RegistryId", "replicationBackfillId": "ReplicationBackfillId",
         "destination": "ReplicationDestination", "status": "ReplicationBackfillStatus", "startedAt": "Date"}),
    "ListReplicationBackfillsRequest": _struct(
        {"registryId": "RegistryId", "maxResults": "FiftyMaxResults", "nextToken": "NextToken"}),
    "ListReplicationBackfillsResponse": _struct(
        {"registryId": "RegistryId", "backfills": "ReplicationBackfillSummaryList", "nextToken": "NextToken"}),
    "DescribeReplicationBackfillResultsRequest": _struct(
        {"registryId": "RegistryId", "replicationBackfillId": "ReplicationBackfillId",
         "resultStatusFilter": "ReplicationBackfillResultStatus", "maxResults": "MaxResults",
         "nextToken": "NextToken"}, ["replicationBackfillId"]),
    "DescribeReplicationBackfillResultsResponse": _struct(
        {"registryId": "RegistryId", "replicationBackfillId": "ReplicationBackfillId",
         "destination": "ReplicationDestination", "status": "ReplicationBackfillStatus",
         "failureCode": "ReplicationBackfillError", "progress": "ReplicationBackfillProgress",
         "results": "ReplicationBackfillResultList", "startedAt": "Date", "endedAt": "Date",
         "nextToken": "NextToken"}),
}
for _name in ("ReplicationBackfillInProgressException", "ReplicationBackfillInvalidStatusException",
              "ReplicationBackfillNotFoundException"):
    _BACKFILL_SHAPES[_name] = {"type": "structure", "exception": True,
                               "members": {"message": {"shape": "ExceptionMessage"}}}

# The errors each operation's documentation names (the SDK's operation and exception doc comments),
# besides the ServerException, InvalidParameterException and ValidationException every ECR operation
# declares.
_BACKFILL_OPERATIONS = {
    "StartReplicationBackfill": ["LimitExceededException", "ReplicationBackfillInProgressException"],
    "StopReplicationBackfill": ["ReplicationBackfillNotFoundException", "ReplicationBackfillInvalidStatusException"],
    "ListReplicationBackfills": [],
    "DescribeReplicationBackfillResults": ["ReplicationBackfillNotFoundException"],
}


def _with_backfill(m):
    """The replication backfill operations (aws-sdk-go-v2 service/ecr v1.69.0), added only when the
    model has none of them, so a newer model wins."""
    if any(op in m["operations"] for op in _BACKFILL_OPERATIONS):
        return
    for name, shape in _BACKFILL_SHAPES.items():
        m["shapes"].setdefault(name, json.loads(json.dumps(shape)))
    for op, errors in _BACKFILL_OPERATIONS.items():
        m["operations"][op] = {
            "name": op, "http": {"method": "POST", "requestUri": "/"},
            "input": {"shape": f"{op}Request"}, "output": {"shape": f"{op}Response"},
            "errors": [{"shape": e} for e in ["ServerException", "InvalidParameterException", "ValidationException", *errors]],
        }


@functools.lru_cache(maxsize=None)
def _regex(pattern):
    # ASCII, because the model's patterns are Java's, where a word character is [a-zA-Z_0-9].
    return re.compile(pattern, re.ASCII)


def error_code(operation):
    """InvalidParameterException where the operation declares it, as ECR answers for a bad
    repositoryName, imageIds or maxResults; ValidationException otherwise."""
    declared = {e["shape"] for e in model()["operations"][operation].get("errors", [])}
    if "InvalidParameterException" in declared or "ValidationException" not in declared:
        return "InvalidParameterException"
    return "ValidationException"


def problem(operation, body):
    """(code, message) for the first constraint the request breaks, or None. An operation the
    model does not know is left to moto (it answers that it is not implemented)."""
    op = model()["operations"].get(operation)
    if op is None:
        return None
    try:
        request = json.loads(body or "{}")
    except ValueError:
        return "SerializationException", "The request body is not JSON"
    shape = op.get("input", {}).get("shape")
    found = _check(shape, request, "") if shape else None
    if found is None:
        return None
    path, constraint = found
    return error_code(operation), f"Invalid parameter at '{path}' failed to satisfy constraint: '{constraint}'"


_TYPES = {
    "string": str, "blob": str, "boolean": bool, "list": list, "structure": dict, "map": dict,
    "timestamp": (int, float, str), "integer": int, "long": int, "float": (int, float), "double": (int, float),
}


def _check(shape_name, value, path):
    """(path, constraint) for the first problem in value, or None."""
    shape = model()["shapes"][shape_name]
    kind = shape["type"]
    wanted = _TYPES.get(kind)
    if wanted and (not isinstance(value, wanted) or (kind in ("integer", "long") and isinstance(value, bool))):
        return path, f"Member must be of type {kind}"
    if kind == "structure":
        return _check_structure(shape, value, path)
    if kind == "list":
        found = _check_length(shape, len(value), path)
        if found:
            return found
        for i, item in enumerate(value):
            found = _check(shape["member"]["shape"], item, f"{path}.{i + 1}")
            if found:
                return found
        return None
    if kind == "map":
        found = _check_length(shape, len(value), path)
        for k, v in value.items():
            found = found or _check(shape["key"]["shape"], k, path) or _check(shape["value"]["shape"], v, f"{path}.{k}")
        return found
    if kind == "string":
        if "enum" in shape and value not in shape["enum"]:
            return path, "Member must satisfy enum value set: [" + ", ".join(shape["enum"]) + "]"
        found = _check_length(shape, len(value), path)
        if found:
            return found
        # Full match, as ECR matches: "Organization/repo-name" fails the repositoryName pattern,
        # which has no anchors (jenkins-x/jx#1344).
        if "pattern" in shape and not _regex(shape["pattern"]).fullmatch(value):
            return path, f"must satisfy regular expression '{shape['pattern']}'"
        return None
    if kind in ("integer", "long"):
        if "min" in shape and value < shape["min"]:
            return path, f"Member must have value greater than or equal to {shape['min']}"
        if "max" in shape and value > shape["max"]:
            return path, f"Member must have value less than or equal to {shape['max']}"
    return None


def _check_structure(shape, value, path):
    members = shape.get("members", {})
    prefix = f"{path}." if path else ""
    for name in shape.get("required", []):
        if value.get(name) is None:
            return prefix + name, "Member must not be null"
    for name, item in value.items():
        if name not in members:
            # ECR's answer to an unknown member is not documented; refusing it shows where the
            # emulator's model lags the SDK the provider is built with.
            return prefix + name, "Member is not in the ECR service model"
        if item is None:
            continue
        found = _check(members[name]["shape"], item, prefix + name)
        if found:
            return found
    return None


def _check_length(shape, length, path):
    if "min" in shape and length < shape["min"]:
        return path, f"Member must have length greater than or equal to {shape['min']}"
    if "max" in shape and length > shape["max"]:
        return path, f"Member must have length less than or equal to {shape['max']}"
    return None
