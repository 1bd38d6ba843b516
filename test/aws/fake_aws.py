#!/usr/bin/env python3
"""A local fake of the AWS services conflictctl deploys to, runs on and invokes, for its tests
(Python standard library only): Lambda (its function API, Invoke and the Runtime API), Step
Functions and Secrets Manager, all on one port. The one fake of AWS in the project.

  python3 test/aws/fake_aws.py --config CONFIG.json --port-file FILE [--journal FILE]
                               [--engine CONFLICTCTL] [--tls-cert PEM --tls-key PEM]

Listens on 127.0.0.1 on a port the system picks and writes it to --port-file atomically (a
temporary file renamed, so a reader that sees the file sees the whole number); with --tls-cert,
it speaks HTTPS (test/aws/tls_test.sh). Serves until SIGTERM or SIGINT, then removes the port
file and exits 0. A bad config or command line exits 2 with the reason on stderr. The state
(functions, state machines, executions) is kept in memory and starts empty.

Config (JSON; every key optional):
  {"credentials": {"AKID": {"secret": "...", "session_token": "..."}},  # token optional: when
                                                   # set, X-Amz-Security-Token must equal it
   "region": "us-east-1", "account": "123456789012",
   "max_clock_skew_seconds": 900,                   # null = do not check X-Amz-Date
   "secrets": {"NAME": "secret string"              # Secrets Manager's secrets: a SecretString,
               | {"binary": "BASE64"}},             # or a SecretBinary (its bytes in base64)
   "throttle": {"OPERATION": N},                    # the first N calls of OPERATION are refused
                                                    # as throttled (429 / 400 ThrottlingException)
   "deny": ["OPERATION", ...],                      # refused: AccessDeniedException (403 / 400)
   "invoke_results": {"FUNCTION": JSON},            # Invoke's answer for a function made by
                                                    # CreateFunction; default: the event itself
   "execution_outcomes": [OUTCOME, ...],            # without --engine: how the executions
                                                    # (and redrives) end, one each in order;
                                                    # then SUCCEEDED. OUTCOME: {"status":
                                                    # "FAILED"|"TIMED_OUT"|"ABORTED"|
                                                    # "SUCCEEDED", "error": E, "cause": C}
   "max_running_executions": N,                     # StartExecution and RedriveExecution
                                                    # refused (ExecutionLimitExceeded) while
                                                    # N executions are RUNNING
   "history_page_size": N,                          # GetExecutionHistory's page size when the
                                                    # request has no maxResults (AWS: 100);
                                                    # small to test paging
   "functions": {"NAME": {"behaviour": "echo"}      # functions Invoke knows without a
                       | {"behaviour": "script", "responses": [STEP, ...]}   # CreateFunction
                       | {"behaviour": "runtime", "timeout_seconds": 3}}}
  STEP: {"result": JSON} | {"function_error": {...}, "handled": false}
      | {"status": 429, "type": "TooManyRequestsException", "message": "Rate exceeded"}
      | {"delay_seconds": 2.5, "then": STEP}  (or the other step's keys beside delay_seconds)
      | {"drop": true}                        (the connection is closed without a response)
  Any step may add "log": ["line", ...] for the X-Amz-Log-Result tail. A script's steps are
  consumed in order per function (whatever the qualifier); the last one repeats. A "runtime"
  function's invocations wait for a bootstrap polling the Runtime API below.

Protocols, as the AWS SDKs speak them (each request's SigV4 is recomputed with the independent
signer sigv4_reference.py; the scope's service must be lambda, states or secretsmanager):
  - Lambda, REST-JSON (scope "lambda"):
      POST /2015-03-31/functions                                  CreateFunction (201)
      GET  /2015-03-31/functions/NAME                             GetFunction
      GET  /2015-03-31/functions/NAME/configuration               GetFunctionConfiguration
      PUT  /2015-03-31/functions/NAME/code                        UpdateFunctionCode
      PUT  /2015-03-31/functions/NAME/configuration               UpdateFunctionConfiguration
      POST /2015-03-31/functions/FUNCTION/invocations[?Qualifier=Q]  Invoke (RequestResponse)
    NAME: a name or an ARN, percent-encoded. FUNCTION: NAME, NAME:Q, ACCOUNT:function:NAME[:Q]
    or arn:aws:lambda:REGION:ACCOUNT:function:NAME[:Q]; Invoke's scope region is the ARN's
    when the function is a full ARN, else the config's. Errors: status, x-amzn-ErrorType and
    {"Type": "User", "message": ...} (ResourceNotFoundException 404, ResourceConflictException
    409, InvalidParameterValueException 400, TooManyRequestsException 429).
  - Step Functions, awsJson1_0 (scope "states"): POST / with X-Amz-Target
    "AWSStepFunctions.OPERATION": CreateStateMachine, DescribeStateMachine, UpdateStateMachine,
    ListStateMachines, StartExecution, DescribeExecution, GetExecutionHistory,
    RedriveExecution. Errors: 400 with
    {"__type": "com.amazonaws.swf.service.v2.model#NAME", "message": ...}. Timestamps are
    epoch seconds. Pages: maxResults/nextToken (ListStateMachines, GetExecutionHistory).
  - EventBridge Scheduler, REST-JSON (scope "scheduler"), the default group only:
      GET  /schedules/NAME    GetSchedule
      POST /schedules/NAME    CreateSchedule (ConflictException 409 when it exists)
      PUT  /schedules/NAME    UpdateSchedule (every field replaced)
    The expression (cron with 6 fields, one of day-of-month and day-of-week "?"; rate(N unit)
    with the unit singular for 1), the time zone (IANA), FlexibleTimeWindow and Target (Arn,
    RoleArn) are checked: ValidationException 400. Missing: ResourceNotFoundException 404.
    Errors: status, x-amzn-ErrorType and {"Message": ...}.
  - Secrets Manager, awsJson1_1 (scope "secretsmanager"): X-Amz-Target
    "secretsmanager.GetSecretValue" (SecretId: a name, or an ARN with or without its 6-character
    suffix). Errors: 400 {"__type": NAME, "Message": ...}: ResourceNotFoundException,
    InvalidParameterException, AccessDeniedException ("deny": ["GetSecretValue"] for every
    secret, or ["GetSecretValue:NAME"] for one).
  - The Lambda Runtime API (unsigned; one queue for all "runtime" functions):
      GET  /2018-06-01/runtime/invocation/next, POST .../invocation/ID/response, .../ID/error,
      POST /2018-06-01/runtime/init/error.

Executions: with --engine, StartExecution runs the state machine's definition with
`CONFLICTCTL execute --remote`, its Lambda tasks invoking this fake's Lambda (Invoke answers as
invoke_results says); the execution is RUNNING until it ends, and its history is the one the
engine writes. Without --engine an execution ends at once as execution_outcomes says
(SUCCEEDED with its input as output by default).

RedriveExecution follows AWS's rules: only a FAILED, TIMED_OUT or ABORTED STANDARD execution,
else ExecutionNotRedrivable with AWS's redriveStatusReason ("Execution is SUCCEEDED and cannot be
redriven."); redriveCount goes up by one, the status is RUNNING again, and the history goes on
with ExecutionRedriven. With --engine the execution runs again from its unsuccessful top-level
state (the last one entered and never exited) with the input it had: the engine runs the
definition with StartAt set to that state, and its events, ExecutionStarted left out, follow
ExecutionRedriven. (AWS also redrives only the failed iterations of a Map or branches of a
Parallel state; this fake runs such a state again whole.) Without --engine the redrive ends as
the next execution_outcomes entry says.

Control API (unsigned, for tests):
  GET /test/state: {"functions": {NAME: configuration}, "state_machines": {NAME:
    DescribeStateMachine's answer}} (what the signed API created).
  GET /test/executions: {ARN: DescribeExecution's answer}.
  GET /test/schedules: {NAME: GetSchedule's answer}.
  POST /test/invoke/NAME[?timeout_seconds=N] (body = the event) queues an invocation for the
    bootstrap and answers 200 {"outcome": "response"|"error"|"timeout", "request_id", "body":
    the bootstrap's body parsed (null if absent or not JSON), "raw_body", "error_type",
    "seconds"}.
  GET /test/init-errors: what bootstraps sent to .../init/error.
  POST /test/config (body: a JSON object): its keys replace the config's (checked as at start),
    e.g. {"deny": []} or {"max_running_executions": 0} between two calls of a test.
  GET /test/journal: the journal, a JSON array of one object per request (GET /test/* aside),
    also appended to --journal as JSON lines: {"api": "control_plane" | "invoke" | "runtime" |
    "control", ...}. Signed requests ("control_plane" and "invoke") carry "service",
    "operation", "write" (bool: the call changes state), "status", "error_type" (or null),
    "signature": "ok"|"bad"|"missing" and, when refused, "signature_detail" (why; for a
    mismatch, the expected canonical request with the token redacted). Invoke's entries add
    "method", "raw_path" (as on the wire), "function" (decoded name), "qualifier",
    "session_token" (bool), "invocation_type", "log_type", "event" (the body parsed, or null),
    "outcome" and "request_id"; the Runtime API's and /test/invoke's carry "method",
    "raw_path", "function", "event", "outcome", "status" and, where they apply, "request_id"
    and "error_type" (and "write": false, "service" and "operation" null, as every entry has).
    Secrets and signatures never appear in the journal nor in any error.
"""
import argparse
import base64
import collections
import hashlib
import hmac
import json
import os
import re
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zoneinfo
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sigv4_reference  # noqa: E402  (beside this file)

LAMBDA_PREFIX = "/2015-03-31/functions"
LAMBDA_PATH = re.compile(
    r"^/2015-03-31/functions(?:/([^/]+)(?:/(configuration|code|invocations))?)?$")
SFN_ERROR_PREFIX = "com.amazonaws.swf.service.v2.model#"
MISMATCH = ("The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. "
            "Consult the service documentation for details.")
WRITES = {"CreateFunction", "UpdateFunctionCode", "UpdateFunctionConfiguration",
          "CreateStateMachine", "UpdateStateMachine", "StartExecution"}
# The fields of a function's configuration that CreateFunction and UpdateFunctionConfiguration
# take as they are returned.
CONFIG_FIELDS = ("Role", "Handler", "Runtime", "Description", "Timeout", "MemorySize",
                 "Environment", "Architectures", "EphemeralStorage")
NAME_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SM_NAME_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,80}$")


class ConfigError(Exception):
    pass


class ApiError(Exception):
    def __init__(self, status, name, message):
        super().__init__(message)
        self.status, self.name, self.message = status, name, message


def load_config(path):
    try:
        with open(path, encoding="utf-8") as f:
            config = json.load(f)
    except (OSError, ValueError) as e:
        raise ConfigError(f"{path}: {e}")
    if not isinstance(config, dict):
        raise ConfigError(f"{path}: must be an object")
    for akid, cred in config.setdefault("credentials", {}).items():
        if not isinstance(cred, dict) or not isinstance(cred.get("secret"), str):
            raise ConfigError(f"{path}: /credentials/{akid}/secret: must be a string")
    config.setdefault("region", "us-east-1")
    config.setdefault("account", "123456789012")
    config.setdefault("max_clock_skew_seconds", 900)
    if not isinstance(config.setdefault("deny", []), list):
        raise ConfigError(f"{path}: /deny: must be an array")
    for key in ("secrets", "throttle", "invoke_results", "functions"):
        if not isinstance(config.setdefault(key, {}), dict):
            raise ConfigError(f"{path}: /{key}: must be an object")
    for name, value in config["secrets"].items():
        binary = value.get("binary") if isinstance(value, dict) else None
        if not isinstance(value, str) and not isinstance(binary, str):
            raise ConfigError(f"{path}: /secrets/{name}: must be a string or "
                              "{\"binary\": BASE64}")
    for name, value in config["throttle"].items():
        if not isinstance(value, int) or value < 0:
            raise ConfigError(f"{path}: /throttle/{name}: must be an integer >= 0")
    page_size = config.get("history_page_size")
    if page_size is not None and (not isinstance(page_size, int) or not 1 <= page_size <= 1000):
        raise ConfigError(f"{path}: /history_page_size: must be an integer from 1 to 1000")
    check_functions(path, config["functions"])
    check_execution_config(path, config)
    return config


def parse_query(raw):
    pairs = []
    for part in raw.split("&") if raw else []:
        name, _, value = part.partition("=")
        pairs.append((unquote(name), unquote(value)))
    return pairs


def epoch(iso):
    """RFC 3339 text (the engine's history) -> epoch seconds."""
    text = iso.replace("Z", "+00:00")
    return datetime.fromisoformat(text).timestamp()


def sha256_b64(data):
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


# --- SigV4 ---

def check_signature(config, handler, raw_path, raw_query, body, service, region=None):
    """None when the request is signed for `service` in `region` (default: the config's) by a
    known key, else ("bad" | "missing", ApiError, why: a detail for the journal; for a
    mismatch, the expected canonical request with the token redacted)."""
    region = region or config["region"]
    auth = handler.headers.get("Authorization")
    if auth is None:
        return "missing", ApiError(403, "MissingAuthenticationTokenException",
                                   "Missing Authentication Token"), "no Authorization header"

    def bad(detail, message=MISMATCH, name="InvalidSignatureException"):
        return "bad", ApiError(403, name, message), detail

    m = re.fullmatch(r"AWS4-HMAC-SHA256\s+(.*)", auth.strip(), re.S)
    fields = dict(p.strip().partition("=")[::2] for p in m.group(1).split(",")) if m else {}
    if not all(k in fields for k in ("Credential", "SignedHeaders", "Signature")):
        return bad("malformed Authorization header",
                   "Authorization header requires 'Credential', 'SignedHeaders' and "
                   "'Signature' parameters.", "IncompleteSignatureException")
    scope = fields["Credential"].split("/")
    if len(scope) != 5 or scope[4] != "aws4_request":
        return bad("malformed credential scope", "Credential should be scoped correctly.")
    akid, _, scope_region, scope_service, _ = scope
    cred = config["credentials"].get(akid)
    if cred is None:
        return bad("unknown access key", "The security token included in the request is invalid.",
                   "UnrecognizedClientException")
    if scope_region != region:
        return bad(f"region {scope_region} in the scope, expected {region}",
                   f"Credential should be scoped to a valid region, not '{scope_region}'.")
    if scope_service != service:
        return bad(f"service {scope_service} in the scope, expected {service}",
                   f"Credential should be scoped to correct service: '{service}'.")
    amz_date = handler.headers.get("X-Amz-Date", "")
    try:
        signed_at = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return bad("no valid X-Amz-Date header", "Missing or malformed X-Amz-Date.",
                   "IncompleteSignatureException")
    skew = config["max_clock_skew_seconds"]
    if skew is not None and abs(time.time() - signed_at.timestamp()) > skew:
        return bad(f"X-Amz-Date {amz_date} more than {skew} s from now",
                   f"Signature expired: {amz_date} is outside the allowed clock skew.")
    token = handler.headers.get("X-Amz-Security-Token")
    if cred.get("session_token") and token != cred["session_token"]:
        return bad("session token missing" if token is None else "session token does not match",
                   "The security token included in the request is invalid.",
                   "UnrecognizedClientException")
    signed = fields["SignedHeaders"].split(";")
    if "host" not in signed or "x-amz-date" not in signed:
        return bad("host or x-amz-date not signed", "host and x-amz-date must be signed.")
    added = ("x-amz-date", "x-amz-content-sha256", "x-amz-security-token")
    headers = []
    for name in signed:
        values = handler.headers.get_all(name)
        if not values:
            return bad(f"signed header {name} missing from the request")
        if name not in added:
            headers += [[name, v] for v in values]
    steps = sigv4_reference.signing_steps({
        "method": handler.command, "path": raw_path, "query": parse_query(raw_query),
        "headers": headers, "body": body, "region": region, "service": service,
        "access_key_id": akid, "secret_access_key": cred["secret"],
        "session_token": token if "x-amz-security-token" in signed else "",
        "amz_date": amz_date, "content_sha256_header": "x-amz-content-sha256" in signed})
    expected = steps["authorization"].rpartition("Signature=")[2]
    if not hmac.compare_digest(expected, fields["Signature"].strip()):
        canonical = re.sub(r"(?m)^x-amz-security-token:.*$", "x-amz-security-token:<redacted>",
                           steps["canonical_request"])
        return bad(f"signature mismatch; expected canonical request:\n{canonical}")
    return None


# --- the services ---

class State:
    """Everything the fake holds, behind one lock."""

    def __init__(self, config, engine, journal_path):
        self.config = config
        self.engine = engine
        self.journal_path = journal_path
        self.journal = []
        self.lock = threading.RLock()
        self.functions = {}       # name -> configuration dict (+ "_code" bytes)
        self.machines = {}        # arn -> dict
        self.executions = {}      # arn -> dict
        self.schedules = {}       # name -> GetSchedule's answer
        self.calls = {}           # operation -> count, for "throttle"
        self.script_positions = {}  # function -> the next step of its script
        self.runtime = Runtime()
        self.port = None

    def arn(self, service, kind, name):
        return f"arn:aws:{service}:{self.config['region']}:{self.config['account']}:{kind}:{name}"

    def record(self, entry):
        with self.lock:
            self.journal.append(entry)
            if self.journal_path:
                with open(self.journal_path, "a", encoding="utf-8") as f:
                    f.write(json.dumps(entry) + "\n")

    def throttled(self, operation):
        with self.lock:
            n = self.calls.get(operation, 0)
            self.calls[operation] = n + 1
            return n < self.config["throttle"].get(operation, 0)


def require(body, key, kind, where=None):
    value = body.get(key)
    if not isinstance(value, kind) or (isinstance(value, str) and not value):
        raise ApiError(400, "ValidationException" if where == "json" else
                       "InvalidParameterValueException",
                       f"1 validation error detected: Value at '{key[0].lower() + key[1:]}' "
                       f"failed to satisfy constraint: Member must not be null")
    return value


# Lambda

def function_name(state, raw):
    decoded = unquote(raw)
    parts = decoded.split(":")
    if parts[0] == "arn" and len(parts) in (7, 8) and parts[5] == "function":
        return parts[6]
    if len(parts) in (3, 4) and parts[1] == "function":
        return parts[2]
    if len(parts) == 1 and NAME_PATTERN.match(decoded):
        return decoded
    raise ApiError(400, "ValidationException",
                   f"1 validation error detected: Value '{decoded}' at 'functionName' failed to "
                   f"satisfy constraint: Member must satisfy regular expression pattern")


def lambda_function(state, name):
    fn = state.functions.get(name)
    if fn is None:
        raise ApiError(404, "ResourceNotFoundException",
                       f"Function not found: {state.arn('lambda', 'function', name)}")
    return fn


def public_config(fn):
    return {k: v for k, v in fn.items() if not k.startswith("_")}


def apply_config(fn, body):
    for key in CONFIG_FIELDS:
        if key in body:
            fn[key] = body[key]
    if "Environment" in body:
        fn["Environment"] = {"Variables": dict((body["Environment"] or {}).get("Variables") or {})}
    for key, kind in (("Timeout", int), ("MemorySize", int)):
        if not isinstance(fn.get(key), kind):
            raise ApiError(400, "InvalidParameterValueException", f"{key} must be an integer.")
    if not 1 <= fn["Timeout"] <= 900:
        raise ApiError(400, "InvalidParameterValueException",
                       "Timeout must be between 1 and 900 seconds.")
    if not 128 <= fn["MemorySize"] <= 10240:
        raise ApiError(400, "InvalidParameterValueException",
                       "MemorySize must be between 128 and 10240 MB.")


def set_code(fn, code):
    zip_bytes = base64.b64decode(code, validate=True) if isinstance(code, str) else b""
    if not zip_bytes.startswith(b"PK"):
        raise ApiError(400, "InvalidParameterValueException",
                       "Could not unzip uploaded file. Please check your file, then try to "
                       "upload again.")
    fn["_code"] = zip_bytes
    fn["CodeSha256"] = sha256_b64(zip_bytes)
    fn["CodeSize"] = len(zip_bytes)


def stamp(fn):
    fn["LastModified"] = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000+0000")
    fn["RevisionId"] = str(uuid.uuid4())
    fn["State"], fn["LastUpdateStatus"] = "Active", "Successful"


LAMBDA_OPERATIONS = {("POST", None): "CreateFunction", ("GET", "function"): "GetFunction",
                     ("GET", "configuration"): "GetFunctionConfiguration",
                     ("PUT", "code"): "UpdateFunctionCode",
                     ("PUT", "configuration"): "UpdateFunctionConfiguration"}


def lambda_operation(method, name_part, sub):
    key = (method, None if name_part is None else sub or "function")
    operation = LAMBDA_OPERATIONS.get(key)
    if operation is None:
        raise ApiError(404, "UnknownOperationException", f"no such operation: {method}")
    return operation


def lambda_api(state, method, name_part, sub, raw_body):
    """(operation, status, response body) or raises ApiError."""
    if name_part is None:
        body = lambda_json(raw_body)
        name = require(body, "FunctionName", str)
        name = function_name(state, name)
        require(body, "Role", str)
        with state.lock:
            if name in state.functions:
                raise ApiError(409, "ResourceConflictException",
                               f"Function already exist: {name}")
            fn = {"FunctionName": name, "FunctionArn": state.arn("lambda", "function", name),
                  "Runtime": None, "Handler": None, "Description": "", "Timeout": 3,
                  "MemorySize": 128, "Environment": {"Variables": {}},
                  "Architectures": ["x86_64"], "PackageType": "Zip", "Version": "$LATEST",
                  "EphemeralStorage": {"Size": 512}}
            apply_config(fn, body)
            set_code(fn, (body.get("Code") or {}).get("ZipFile"))
            stamp(fn)
            state.functions[name] = fn
            return "CreateFunction", 201, public_config(fn)
    name = function_name(state, name_part)
    with state.lock:
        if method == "GET" and sub is None:
            fn = lambda_function(state, name)
            return "GetFunction", 200, {
                "Configuration": public_config(fn),
                "Code": {"RepositoryType": "S3",
                         "Location": f"https://awslambda-fake.s3.amazonaws.com/{name}.zip"}}
        if method == "GET" and sub == "configuration":
            return "GetFunctionConfiguration", 200, public_config(lambda_function(state, name))
        if method == "PUT" and sub == "code":
            fn = lambda_function(state, name)
            body = lambda_json(raw_body)
            if "Architectures" in body:
                fn["Architectures"] = body["Architectures"]
            set_code(fn, body.get("ZipFile"))
            stamp(fn)
            return "UpdateFunctionCode", 200, public_config(fn)
        if method == "PUT" and sub == "configuration":
            fn = lambda_function(state, name)
            body = lambda_json(raw_body)
            updated = dict(fn)
            apply_config(updated, body)
            fn.update(updated)
            stamp(fn)
            return "UpdateFunctionConfiguration", 200, public_config(fn)
    raise ApiError(404, "UnknownOperationException", f"no such operation: {method}")


def lambda_json(raw):
    try:
        body = json.loads(raw) if raw else {}
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ApiError(400, "InvalidRequestContentException",
                       "Could not parse request body into json")
    return body


# Lambda: Invoke and the Runtime API. A function named in the config's "functions" answers as
# its behaviour says (echo, a script, or a bootstrap through the Runtime API); a function made
# by CreateFunction answers its invoke_results, or echoes the event.

DEFAULT_TIMEOUT_SECONDS = 3
LOG_TAIL_BYTES = 4096
INVOKE_PATH = re.compile(r"^/2015-03-31/functions/([^/]+)/invocations$")
RUNTIME_POST = re.compile(r"^/2018-06-01/runtime/invocation/([^/]+)/(response|error)$")


def check_step(step, where):
    if not isinstance(step, dict):
        raise ConfigError(f"{where}: a step must be an object")
    if "delay_seconds" in step:
        if not isinstance(step["delay_seconds"], (int, float)) or step["delay_seconds"] < 0:
            raise ConfigError(f"{where}/delay_seconds: must be a number >= 0")
        rest = step_after_delay(step)
        return check_step(rest, f"{where}/then" if "then" in step else where)
    kinds = [k for k in ("result", "function_error", "status", "drop") if k in step]
    if len(kinds) != 1:
        raise ConfigError(f"{where}: needs exactly one of result, function_error, status, drop, "
                          f"delay_seconds")
    if "status" in step and not isinstance(step["status"], int):
        raise ConfigError(f"{where}/status: must be an integer")


def check_functions(path, functions):
    for name, fn in functions.items():
        where = f"{path}: /functions/{name}"
        behaviour = fn.get("behaviour") if isinstance(fn, dict) else None
        if behaviour == "script":
            steps = fn.get("responses")
            if not isinstance(steps, list) or not steps:
                raise ConfigError(f"{where}/responses: must be a non-empty array")
            for i, step in enumerate(steps):
                check_step(step, f"{where}/responses/{i}")
        elif behaviour == "runtime":
            if not isinstance(fn.get("timeout_seconds", DEFAULT_TIMEOUT_SECONDS), (int, float)):
                raise ConfigError(f"{where}/timeout_seconds: must be a number")
        elif behaviour != "echo":
            raise ConfigError(f"{where}/behaviour: must be echo, script or runtime")


def log_lines(step):
    log = step.get("log", [])
    return [log] if isinstance(log, str) else list(log)


def step_after_delay(step):
    if "then" in step:
        return step["then"]
    return {k: v for k, v in step.items() if k != "delay_seconds"}


def parse_json(body):
    """The body parsed as JSON; None when empty or not JSON."""
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None


def parse_function(decoded):
    """(name, qualifier or None, region or None) from a FunctionName; None when malformed."""
    parts = decoded.split(":")
    region = None
    if parts[0] == "arn" and len(parts) in (7, 8) and parts[1:3] == ["aws", "lambda"] \
            and parts[5] == "function":
        region, parts = parts[3], parts[6:]
    elif len(parts) in (3, 4) and parts[1] == "function":
        parts = parts[2:]
    elif len(parts) > 2:
        return None
    if not parts[0] or (len(parts) == 2 and not parts[1]):
        return None
    return parts[0], (parts[1] if len(parts) == 2 else None), region


def function_arn(state, region, name, qualifier=None):
    arn = f"arn:aws:lambda:{region}:{state.config['account']}:function:{name}"
    return f"{arn}:{qualifier}" if qualifier else arn


def trace_id():
    return (f"Root=1-{int(time.time()):08x}-{uuid.uuid4().hex[:24]};"
            f"Parent={uuid.uuid4().hex[:16]};Sampled=0")


def log_tail(request_id, version, lines, started):
    text = (f"START RequestId: {request_id} Version: {version}\n"
            + "".join(f"{line}\n" for line in lines)
            + f"END RequestId: {request_id}\n"
            + f"REPORT RequestId: {request_id}\t"
              f"Duration: {(time.monotonic() - started) * 1000:.2f} ms\n")
    return base64.b64encode(text.encode("utf-8")[-LOG_TAIL_BYTES:]).decode("ascii")


def timeout_document(request_id, seconds):
    return {"errorType": "Sandbox.Timedout",
            "errorMessage": f"RequestId: {request_id} Error: Task timed out after "
                            f"{seconds:.2f} seconds"}


class Invocation:
    def __init__(self, request_id, function, arn, event, timeout_seconds):
        self.id = request_id
        self.function = function
        self.arn = arn
        self.event = event
        self.timeout_seconds = timeout_seconds
        self.trace_id = trace_id()
        self.queued_at = time.time()
        self.deadline = None     # epoch seconds, set when a bootstrap takes it
        self.outcome = None      # "response" | "error" | "timeout"
        self.body = b""
        self.error_type = None


class Runtime:
    """Invocations waiting for a bootstrap or for its answer. Thread-safe (one condition).

    An invocation times out timeout_seconds after a bootstrap took it, or timeout_seconds after it
    was queued if no bootstrap takes it by then."""

    def __init__(self):
        self.cond = threading.Condition()
        self.queue = collections.deque()
        self.by_id = {}
        self.init_errors = []

    def submit(self, function, arn, event, timeout_seconds, request_id=None):
        inv = Invocation(request_id or str(uuid.uuid4()), function, arn, event, timeout_seconds)
        with self.cond:
            self.queue.append(inv)
            self.by_id[inv.id] = inv
            self.cond.notify_all()
        return inv

    def wait(self, inv):
        with self.cond:
            while inv.outcome is None:
                limit = inv.deadline or inv.queued_at + inv.timeout_seconds
                remaining = limit - time.time()
                if remaining <= 0:
                    inv.outcome = "timeout"
                    if inv in self.queue:
                        self.queue.remove(inv)
                    break
                self.cond.wait(remaining)

    def next(self):
        with self.cond:
            while not self.queue:
                self.cond.wait()
            inv = self.queue.popleft()
            inv.deadline = time.time() + inv.timeout_seconds
            self.cond.notify_all()
            return inv

    def undeliver(self, inv):
        """The bootstrap went away before it got `inv`: queue it again."""
        with self.cond:
            if inv.outcome is None:
                inv.deadline = None
                self.queue.appendleft(inv)
                self.cond.notify_all()

    def finish(self, request_id, outcome, body, error_type):
        """The invocation, or None when no taken invocation has that id."""
        with self.cond:
            inv = self.by_id.get(request_id)
            if inv is None or inv.deadline is None or inv.outcome is not None:
                return None
            inv.outcome, inv.body, inv.error_type = outcome, body, error_type
            self.cond.notify_all()
            return inv


class Reply:
    def __init__(self, status, body=b"", headers=None, outcome=""):
        self.status = status
        self.body = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        self.headers = headers or {}
        self.outcome = outcome


def invoke_error(status, error_type, message, key="message", with_type=True):
    body = {"Type": "User" if status < 500 else "Service"} if with_type else {}
    body[key] = message
    headers = {"x-amzn-ErrorType": error_type} if error_type else {}
    return Reply(status, body, headers, f"{status} {error_type or ''}".strip())


def next_step(state, name):
    steps = state.config["functions"][name]["responses"]
    with state.lock:
        i = state.script_positions.get(name, 0)
        state.script_positions[name] = i + 1
    return steps[min(i, len(steps) - 1)]


def invoke(state, handler, raw_path, raw_query, body, entry):
    """Invoke (RequestResponse): the Reply, or None for a dropped connection; fills `entry`."""
    request_id = str(uuid.uuid4())
    entry.update(function=None, qualifier=None, request_id=request_id,
                 session_token="X-Amz-Security-Token" in handler.headers,
                 invocation_type=handler.headers.get("X-Amz-Invocation-Type"),
                 log_type=handler.headers.get("X-Amz-Log-Type"), event=parse_json(body))
    reply = invoke_as(state, request_id, handler, raw_path, raw_query, body, entry)
    if reply is not None:
        reply.headers["x-amzn-RequestId"] = request_id
    return reply


def invoke_as(state, request_id, handler, raw_path, raw_query, body, entry):
    decoded = unquote(INVOKE_PATH.match(raw_path).group(1))
    parsed = parse_function(decoded)
    entry["function"] = parsed[0] if parsed else decoded
    region = (parsed and parsed[2]) or state.config["region"]
    refused = check_signature(state.config, handler, raw_path, raw_query, body, "lambda", region)
    if refused:
        entry["signature"], error, entry["signature_detail"] = refused
        return invoke_error(error.status, error.name, error.message, with_type=False)
    if state.throttled("Invoke"):
        return invoke_error(429, "TooManyRequestsException", "Rate exceeded")
    if "Invoke" in state.config["deny"]:
        try:
            denied(state, "lambda", "Invoke", 403)
        except ApiError as e:
            return invoke_error(e.status, e.name, e.message)
    query_qualifier = dict(parse_query(raw_query)).get("Qualifier")
    if parsed is None:
        return invoke_error(400, "ValidationException",
                            f"1 validation error detected: Value '{decoded}' at "
                            f"'functionName' failed to satisfy constraint")
    name, qualifier, _ = parsed
    if qualifier and query_qualifier and qualifier != query_qualifier:
        return invoke_error(400, "InvalidParameterValueException",
                            "The derived qualifier from the function name does not match "
                            "the specified qualifier.")
    qualifier = qualifier or query_qualifier
    entry["qualifier"] = qualifier
    if entry["invocation_type"] not in (None, "RequestResponse"):
        return invoke_error(400, "InvalidParameterValueException",
                            "This fake accepts only InvocationType RequestResponse.")
    fn = state.config["functions"].get(name)
    with state.lock:
        if fn is None and name in state.functions:
            result = state.config["invoke_results"].get(name)
            fn = {"behaviour": "echo"} if result is None else {"behaviour": "result",
                                                               "result": result}
    if fn is None:
        return invoke_error(404, "ResourceNotFoundException", "Function not found: "
                            + function_arn(state, region, name, qualifier), "Message")
    if body and entry["event"] is None:
        return invoke_error(400, "InvalidRequestContentException",
                            "Could not parse request body into json")
    started = time.monotonic()
    lines = []
    if fn["behaviour"] == "echo":
        reply = Reply(200, body or b"{}", outcome="result")
        lines = [f"echo: {len(body)} bytes"]
    elif fn["behaviour"] in ("script", "result"):
        step = next_step(state, name) if fn["behaviour"] == "script" else {"result": fn["result"]}
        while "delay_seconds" in step:
            time.sleep(step["delay_seconds"])
            lines += log_lines(step)
            step = step_after_delay(step)
        lines += log_lines(step)
        if "drop" in step:
            entry["outcome"] = "dropped"
            return None
        if "status" in step:
            return invoke_error(step["status"], step.get("type"), step.get("message", ""),
                                with_type="type" in step)
        if "function_error" in step:
            kind = "Handled" if step.get("handled") else "Unhandled"
            reply = Reply(200, step["function_error"], {"X-Amz-Function-Error": kind},
                          f"function_error {kind}")
        else:
            reply = Reply(200, step["result"], outcome="result")
    else:
        timeout = fn.get("timeout_seconds", DEFAULT_TIMEOUT_SECONDS)
        inv = state.runtime.submit(name, function_arn(state, region, name, qualifier),
                                   body or b"{}", timeout, request_id)
        state.runtime.wait(inv)
        reply = runtime_reply(inv)
        if inv.outcome == "timeout":
            lines = [json.loads(reply.body)["errorMessage"]]
    version = qualifier if qualifier and qualifier.isdigit() else "$LATEST"
    reply.headers["X-Amz-Executed-Version"] = version
    if entry["log_type"] == "Tail":
        reply.headers["X-Amz-Log-Result"] = log_tail(request_id, version, lines, started)
    return reply


def runtime_reply(inv):
    if inv.outcome == "response":
        return Reply(200, inv.body, outcome="runtime response")
    if inv.outcome == "error":
        return Reply(200, inv.body, {"X-Amz-Function-Error": "Unhandled"},
                     "runtime error " + (inv.error_type or ""))
    return Reply(200, timeout_document(inv.id, inv.timeout_seconds),
                 {"X-Amz-Function-Error": "Unhandled"}, "runtime timeout")


def control_invoke(state, name, raw_query, body, entry):
    fn = state.config["functions"].get(name, {})
    timeout = fn.get("timeout_seconds", DEFAULT_TIMEOUT_SECONDS)
    try:
        timeout = float(dict(parse_query(raw_query)).get("timeout_seconds", timeout))
    except ValueError:
        return Reply(400, {"message": "timeout_seconds must be a number"}, outcome="400")
    inv = state.runtime.submit(name, function_arn(state, state.config["region"], name),
                               body or b"{}", timeout)
    entry["request_id"] = inv.id
    state.runtime.wait(inv)
    return Reply(200, {"outcome": inv.outcome, "request_id": inv.id,
                       "body": parse_json(inv.body),
                       "raw_body": inv.body.decode("utf-8", "replace"),
                       "error_type": inv.error_type,
                       "seconds": round(time.time() - inv.queued_at, 3)},
                 outcome=inv.outcome)


# Step Functions

def sfn_error(name, message):
    return ApiError(400, name, message)


def machine(state, arn):
    if not isinstance(arn, str) or not arn.startswith("arn:aws:states:"):
        raise sfn_error("InvalidArn", f"Invalid Arn: 'Resource type not valid in this context: "
                                      f"{arn}'")
    found = state.machines.get(arn)
    if found is None:
        raise sfn_error("StateMachineDoesNotExist", f"State Machine Does Not Exist: '{arn}'")
    return found


def check_definition(text):
    try:
        definition = json.loads(text)
    except (TypeError, ValueError):
        definition = None
    if not isinstance(definition, dict) or "States" not in definition \
            or "StartAt" not in definition:
        raise sfn_error("InvalidDefinition",
                        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED'")


LOG_LEVELS = ("ALL", "ERROR", "FATAL", "OFF")
LOG_GROUP_ARN = re.compile(r"^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[^:]+:\*$")


def check_logging(body):
    """loggingConfiguration as CreateStateMachine and UpdateStateMachine check it."""
    logging = body.get("loggingConfiguration")
    if logging is None:
        return
    level = logging.get("level", "OFF") if isinstance(logging, dict) else None
    destinations = logging.get("destinations") or [] if isinstance(logging, dict) else None
    if level not in LOG_LEVELS or not isinstance(destinations, list):
        raise sfn_error("ValidationException", "1 validation error detected: Value at "
                        "'loggingConfiguration.level' failed to satisfy constraint: Member must "
                        "satisfy enum value set: [ALL, ERROR, FATAL, OFF]")
    if len(destinations) > 1:
        raise sfn_error("InvalidLoggingConfiguration",
                        "Invalid Logging Configuration: Must specify exactly one Log Destination.")
    if level != "OFF" and not destinations:
        raise sfn_error("InvalidLoggingConfiguration",
                        "Invalid Logging Configuration: Must specify exactly one Log Destination.")
    for destination in destinations:
        arn = ((destination or {}).get("cloudWatchLogsLogGroup") or {}).get("logGroupArn")
        if not isinstance(arn, str) or not LOG_GROUP_ARN.match(arn):
            raise sfn_error("InvalidLoggingConfiguration",
                            "Invalid Logging Configuration: Log Destination is not a valid "
                            "CloudWatch Logs log group ARN.")


def describe_machine(m):
    keys = ("stateMachineArn", "name", "status", "definition", "roleArn", "type",
            "creationDate", "loggingConfiguration", "tracingConfiguration", "revisionId")
    return {k: m[k] for k in keys}


def sfn_api(state, operation, body):
    with state.lock:
        if operation == "RedriveExecution":
            return redrive_execution(state, body)
        if operation == "CreateStateMachine":
            name = require(body, "name", str, "json")
            if not SM_NAME_PATTERN.match(name):
                raise sfn_error("InvalidName", f"Invalid Name: '{name}'")
            check_definition(require(body, "definition", str, "json"))
            require(body, "roleArn", str, "json")
            check_logging(body)
            arn = state.arn("states", "stateMachine", name)
            sm_type = body.get("type", "STANDARD")
            if sm_type not in ("STANDARD", "EXPRESS"):
                raise sfn_error("ValidationException", "type must be STANDARD or EXPRESS")
            if arn in state.machines:
                old = state.machines[arn]
                if (old["definition"], old["roleArn"], old["type"]) != \
                        (body["definition"], body["roleArn"], sm_type):
                    raise sfn_error("StateMachineAlreadyExists",
                                    f"State Machine Already Exists: '{arn}'")
                return {"stateMachineArn": arn, "creationDate": old["creationDate"]}
            state.machines[arn] = {
                "stateMachineArn": arn, "name": name, "status": "ACTIVE",
                "definition": body["definition"], "roleArn": body["roleArn"], "type": sm_type,
                "creationDate": time.time(),
                "loggingConfiguration": body.get("loggingConfiguration")
                or {"level": "OFF", "includeExecutionData": False},
                "tracingConfiguration": body.get("tracingConfiguration") or {"enabled": False},
                "revisionId": str(uuid.uuid4())}
            return {"stateMachineArn": arn, "creationDate": state.machines[arn]["creationDate"]}
        if operation == "DescribeStateMachine":
            return describe_machine(machine(state, body.get("stateMachineArn")))
        if operation == "UpdateStateMachine":
            m = machine(state, body.get("stateMachineArn"))
            if "definition" in body:
                check_definition(body["definition"])
            check_logging(body)
            for key in ("definition", "roleArn", "loggingConfiguration", "tracingConfiguration"):
                if key in body:
                    m[key] = body[key]
            m["revisionId"] = str(uuid.uuid4())
            return {"updateDate": time.time(), "revisionId": m["revisionId"]}
        if operation == "ListStateMachines":
            items = [{k: m[k] for k in ("stateMachineArn", "name", "type", "creationDate")}
                     for m in sorted(state.machines.values(), key=lambda m: m["name"])]
            page, token = paginate(items, body)
            return {"stateMachines": page, **({"nextToken": token} if token else {})}
        if operation == "StartExecution":
            m = machine(state, body.get("stateMachineArn"))
            name = body.get("name") or str(uuid.uuid4())
            arn = f"arn:aws:states:{state.config['region']}:{state.config['account']}:" \
                  f"execution:{m['name']}:{name}"
            if arn in state.executions:
                raise sfn_error("ExecutionAlreadyExists", f"Execution Already Exists: '{arn}'")
            check_running_limit(state)
            text = body.get("input", "{}")
            try:
                json.loads(text)
            except ValueError:
                raise sfn_error("InvalidExecutionInput",
                                "Invalid execution input: not valid JSON")
            execution = {"executionArn": arn, "stateMachineArn": m["stateMachineArn"],
                         "name": name, "status": "RUNNING", "startDate": time.time(),
                         "input": text, "_definition": m["definition"], "_type": m["type"],
                         "_events": [], "redriveCount": 0}
            state.executions[arn] = execution
            threading.Thread(target=run_execution, args=(state, execution), daemon=True).start()
            return {"executionArn": arn, "startDate": execution["startDate"]}
        if operation in ("DescribeExecution", "GetExecutionHistory"):
            arn = body.get("executionArn")
            execution = state.executions.get(arn)
            if execution is None:
                raise sfn_error("ExecutionDoesNotExist", f"Execution Does Not Exist: '{arn}'")
            if operation == "DescribeExecution":
                return describe_execution(execution)
            events = list(execution["_events"])
            if body.get("reverseOrder"):
                events.reverse()
            page, token = paginate(events, history_page_request(state, body))
            return {"events": page, **({"nextToken": token} if token else {})}
    raise ApiError(400, "UnknownOperationException", "")


def paginate(items, body):
    size = body.get("maxResults") or 100
    if not isinstance(size, int) or not 0 <= size <= 1000:
        raise sfn_error("ValidationException", "maxResults must be between 0 and 1000")
    size = size or 100
    start = 0
    if body.get("nextToken"):
        try:
            start = int(base64.b64decode(body["nextToken"]).decode())
        except ValueError:
            raise sfn_error("InvalidToken", "Invalid Token: 'unreadable'")
    end = start + size
    token = base64.b64encode(str(end).encode()).decode() if end < len(items) else None
    return items[start:end], token


# --- executions as AWS describes them and pages their history (conflictctl start, history
# import) ---

def describe_execution(execution):
    """DescribeExecution's answer: the execution's public fields, and inputDetails /
    outputDetails ({"included": true}) as AWS adds them."""
    answer = {k: v for k, v in execution.items() if not k.startswith("_")}
    answer["inputDetails"] = {"included": True}
    if "output" in answer:
        answer["outputDetails"] = {"included": True}
    return answer


def history_page_request(state, body):
    """The GetExecutionHistory request with the configured page size when it has none."""
    size = state.config.get("history_page_size")
    if size is None or body.get("maxResults"):
        return body
    return {**body, "maxResults": size}


def run_execution(state, execution):
    """Runs an execution to its end with the engine (or at once without one)."""
    started = execution["startDate"]
    result = next_outcome(state, execution)
    events = None
    if state.engine:
        result, events = run_with_engine(state, execution)
    if events is None:
        events = [{"timestamp": started, "type": "ExecutionStarted", "id": 1,
                   "previousEventId": 0,
                   "executionStartedEventDetails": {"input": execution["input"]}}]
        events.append(ending_event(result, 2, 1))
    with state.lock:
        execution["_events"] = events
        execution["status"] = result["status"]
        execution["stopDate"] = time.time()
        if result.get("output") is not None:
            execution["output"] = json.dumps(result["output"])
        for key in ("error", "cause"):
            if result.get(key) is not None:
                execution[key] = result[key]


def run_with_engine(state, execution):
    akid, cred = next(iter(state.config["credentials"].items()))
    work = tempfile.mkdtemp(prefix="fake-aws-execution-")
    paths = {k: os.path.join(work, k) for k in ("definition.asl.json", "input.json",
                                                 "history.json")}
    with open(paths["definition.asl.json"], "w", encoding="utf-8") as f:
        f.write(execution["_definition"])
    with open(paths["input.json"], "w", encoding="utf-8") as f:
        f.write(execution["input"])
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID=akid, AWS_SECRET_ACCESS_KEY=cred["secret"],
               AWS_REGION=state.config["region"],
               AWS_ENDPOINT_URL_LAMBDA=f"http://127.0.0.1:{state.port}")
    if cred.get("session_token"):
        env["AWS_SESSION_TOKEN"] = cred["session_token"]
    run = subprocess.run(
        [state.engine, "execute", "--definition", paths["definition.asl.json"],
         "--input", "@" + paths["input.json"], "--remote", "--account-id",
         state.config["account"], "--type", execution["_type"], "--output", "json",
         "--history", paths["history.json"], "--no-record"],
        env=env, capture_output=True, text=True)
    try:
        result = json.loads(run.stdout)
        with open(paths["history.json"], encoding="utf-8") as f:
            events = json.load(f)["events"]
        for event in events:
            event["timestamp"] = epoch(event["timestamp"])
        return result, events
    except (ValueError, OSError, KeyError):
        return {"status": "FAILED", "error": "Fake.EngineFailed",
                "cause": f"exit {run.returncode}: {run.stderr.strip()[:500]}"}, None


# --- EventBridge Scheduler (conflictctl deploy --schedule) ---

SCHEDULE_PATH = re.compile(r"^/schedules/([^/]+)$")
SCHEDULE_NAME = re.compile(r"^[0-9a-zA-Z._-]{1,64}$")
SCHEDULE_OPERATIONS = {"GET": "GetSchedule", "POST": "CreateSchedule", "PUT": "UpdateSchedule"}
WRITES.update({"CreateSchedule", "UpdateSchedule"})
RATE = re.compile(r"^rate\(([1-9][0-9]*) (minute|hour|day)(s?)\)$")


def check_expression(expression):
    rate = RATE.match(expression)
    if rate:
        if (rate.group(1) == "1") == (rate.group(3) == "s"):
            raise ApiError(400, "ValidationException", "Invalid Schedule Expression: the unit "
                           "must be singular for 1 and plural otherwise.")
        return
    cron = re.match(r"^cron\((.*)\)$", expression)
    fields = cron.group(1).split() if cron else []
    if len(fields) != 6 or (fields[2] == "?") == (fields[4] == "?"):
        raise ApiError(400, "ValidationException", f"Invalid Schedule Expression {expression}.")


def schedule_from(state, name, request):
    """The schedule a CreateSchedule or UpdateSchedule request describes, checked."""
    expression = request.get("ScheduleExpression")
    if not isinstance(expression, str):
        raise ApiError(400, "ValidationException", "ScheduleExpression is required.")
    check_expression(expression)
    window = request.get("FlexibleTimeWindow")
    if not isinstance(window, dict) or window.get("Mode") not in ("OFF", "FLEXIBLE"):
        raise ApiError(400, "ValidationException", "FlexibleTimeWindow.Mode is required.")
    target = request.get("Target")
    if not isinstance(target, dict) or not all(isinstance(target.get(k), str)
                                               for k in ("Arn", "RoleArn")):
        raise ApiError(400, "ValidationException", "Target.Arn and Target.RoleArn are required.")
    zone = request.get("ScheduleExpressionTimezone", "UTC")
    try:
        zoneinfo.ZoneInfo(zone)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ApiError(400, "ValidationException", f"Invalid ScheduleExpressionTimezone {zone}.")
    if request.get("State", "ENABLED") not in ("ENABLED", "DISABLED"):
        raise ApiError(400, "ValidationException", "State must be ENABLED or DISABLED.")
    return {"Arn": f"arn:aws:scheduler:{state.config['region']}:{state.config['account']}:"
                   f"schedule/default/{name}",
            "Name": name, "GroupName": "default", "ScheduleExpression": expression,
            "ScheduleExpressionTimezone": zone, "FlexibleTimeWindow": window,
            "Target": target, "State": request.get("State", "ENABLED"),
            "ActionAfterCompletion": request.get("ActionAfterCompletion", "NONE")}


def scheduler_api(state, method, name, query, request):
    operation = SCHEDULE_OPERATIONS[method]
    group = query.get("groupName") or request.get("GroupName") or "default"
    if group != "default":
        raise ApiError(404, "ResourceNotFoundException", f"Schedule group {group} does not "
                                                         "exist.")
    if not SCHEDULE_NAME.match(name):
        raise ApiError(400, "ValidationException", f"Invalid schedule name {name}.")
    with state.lock:
        found = state.schedules.get(name)
        if operation == "GetSchedule":
            if found is None:
                raise ApiError(404, "ResourceNotFoundException", f"Schedule {name} does not "
                                                                 "exist.")
            return found
        if operation == "CreateSchedule" and found is not None:
            raise ApiError(409, "ConflictException", f"Schedule {name} already exists.")
        if operation == "UpdateSchedule" and found is None:
            raise ApiError(404, "ResourceNotFoundException", f"Schedule {name} does not exist.")
        schedule = schedule_from(state, name, request)
        now = time.time()
        schedule["CreationDate"] = found["CreationDate"] if found else now
        schedule["LastModificationDate"] = now
        state.schedules[name] = schedule
        return {"ScheduleArn": schedule["Arn"]}


def scheduler_request(state, handler, raw_path, raw_query, body):
    """One signed Scheduler call: the Reply, the journal entry recorded."""
    name = unquote(SCHEDULE_PATH.match(raw_path).group(1))
    operation = SCHEDULE_OPERATIONS.get(handler.command)
    entry = {"api": "control_plane", "service": "scheduler", "operation": operation,
             "write": False, "status": None, "error_type": None, "signature": "ok"}
    try:
        refused = check_signature(state.config, handler, raw_path, raw_query, body, "scheduler")
        if refused:
            entry["signature"], error, entry["signature_detail"] = refused
            raise error
        if operation is None:
            raise ApiError(404, "UnknownOperationException", "")
        if state.throttled(operation):
            raise ApiError(429, "ThrottlingException", "Rate exceeded")
        denied(state, "scheduler", operation, 403)
        try:
            request = json.loads(body) if body else {}
        except ValueError:
            request = None
        if not isinstance(request, dict):
            raise ApiError(400, "ValidationException", "The body is not a JSON object.")
        answer = scheduler_api(state, handler.command, name, dict(parse_query(raw_query)),
                               request)
        entry["write"] = operation in WRITES
        entry["status"] = 200
        state.record(entry)
        return Reply(200, answer, {"x-amzn-RequestId": str(uuid.uuid4())})
    except ApiError as e:
        entry["status"], entry["error_type"] = e.status, e.name
        state.record(entry)
        return Reply(e.status, {"Message": e.message},
                     {"x-amzn-RequestId": str(uuid.uuid4()), "x-amzn-ErrorType": e.name})


# --- RedriveExecution (conflictctl redrive --remote) ---

REDRIVABLE = ("FAILED", "TIMED_OUT", "ABORTED")
WRITES.add("RedriveExecution")
ENDINGS = {"SUCCEEDED": "ExecutionSucceeded", "FAILED": "ExecutionFailed",
           "TIMED_OUT": "ExecutionTimedOut", "ABORTED": "ExecutionAborted"}


def check_execution_config(path, config):
    outcomes = config.setdefault("execution_outcomes", [])
    if not isinstance(outcomes, list):
        raise ConfigError(f"{path}: /execution_outcomes: must be an array")
    for i, outcome in enumerate(outcomes):
        if not isinstance(outcome, dict) or outcome.get("status") not in ENDINGS:
            raise ConfigError(f"{path}: /execution_outcomes/{i}/status: must be one of "
                              + ", ".join(ENDINGS))
    limit = config.get("max_running_executions")
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise ConfigError(f"{path}: /max_running_executions: must be an integer >= 0")


def check_running_limit(state):
    limit = state.config.get("max_running_executions")
    running = sum(1 for e in state.executions.values() if e["status"] == "RUNNING")
    if limit is not None and running >= limit:
        raise sfn_error("ExecutionLimitExceeded",
                        f"Execution Limit Exceeded: '{running} executions are running'")


def next_outcome(state, execution):
    """Without --engine: the next configured outcome, else SUCCEEDED with the input."""
    with state.lock:
        outcomes = state.config["execution_outcomes"]
        outcome = outcomes.pop(0) if outcomes else {"status": "SUCCEEDED"}
    if outcome["status"] == "SUCCEEDED":
        return {"status": "SUCCEEDED", "output": json.loads(execution["input"])}
    return {"status": outcome["status"], "error": outcome.get("error"),
            "cause": outcome.get("cause")}


def ending_event(result, event_id, previous):
    kind = ENDINGS[result["status"]]
    event = {"timestamp": time.time(), "type": kind, "id": event_id,
             "previousEventId": previous}
    details = {k: result[k] for k in ("error", "cause") if result.get(k) is not None}
    if kind == "ExecutionSucceeded":
        details = {"output": json.dumps(result.get("output"))}
    event[kind[0].lower() + kind[1:] + "EventDetails"] = details
    return event


def replace_config(state, body):
    """POST /test/config: (status, answer)."""
    try:
        changes = json.loads(body)
        if not isinstance(changes, dict):
            raise ValueError("must be a JSON object")
        with state.lock:
            fd, path = tempfile.mkstemp(prefix="fake-aws-config-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({**state.config, **changes}, f)
            try:
                state.config = load_config(path)
            finally:
                os.remove(path)
    except (ValueError, ConfigError) as e:
        return 400, {"message": str(e)}
    return 200, {}


def redrive_execution(state, body):
    arn = body.get("executionArn")
    if not isinstance(arn, str) or not arn.startswith("arn:aws:states:"):
        raise sfn_error("InvalidArn", f"Invalid Arn: 'Resource type not valid in this context: "
                                      f"{arn}'")
    execution = state.executions.get(arn)
    if execution is None:
        raise sfn_error("ExecutionDoesNotExist", f"Execution Does Not Exist: '{arn}'")
    if execution["_type"] != "STANDARD":
        raise sfn_error("ExecutionNotRedrivable",
                        "Execution is of type EXPRESS and cannot be redriven.")
    if execution["status"] not in REDRIVABLE:
        raise sfn_error("ExecutionNotRedrivable",
                        f"Execution is {execution['status']} and cannot be redriven.")
    check_running_limit(state)
    events = execution["_events"]
    execution["redriveCount"] += 1
    execution["redriveDate"] = time.time()
    execution["status"] = "RUNNING"
    for key in ("stopDate", "output", "error", "cause"):
        execution.pop(key, None)
    last = events[-1]["id"] if events else 0
    events.append({"timestamp": execution["redriveDate"], "type": "ExecutionRedriven",
                   "id": last + 1, "previousEventId": last,
                   "executionRedrivenEventDetails": {"redriveCount": execution["redriveCount"]}})
    threading.Thread(target=run_redrive, args=(state, execution), daemon=True).start()
    return {"redriveDate": execution["redriveDate"]}


def unsuccessful_state(definition, events):
    """The top-level state to run again, with its input: the last one entered, never exited."""
    top = set(definition["States"])
    entered = None
    for event in events:
        kind = event["type"]
        name = (event.get("stateEnteredEventDetails") or
                event.get("stateExitedEventDetails") or {}).get("name")
        if name in top and kind.endswith("StateEntered"):
            entered = (name, event["stateEnteredEventDetails"].get("input", "{}"))
        elif name in top and kind.endswith("StateExited") and entered and entered[0] == name:
            entered = None
    return entered or (definition["StartAt"], None)


def reachable_states(states, start):
    """The top-level states reachable from `start` (the engine refuses any other)."""
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name in seen or name not in states:
            continue
        seen.add(name)
        s = states[name]
        todo += [s.get("Next"), s.get("Default")]
        todo += [c.get("Next") for c in s.get("Choices", []) + s.get("Catch", [])]
    return {name: s for name, s in states.items() if name in seen}


def run_redrive(state, execution):
    """Runs a redriven execution to its end; its events follow ExecutionRedriven."""
    with state.lock:
        base = list(execution["_events"])
    redriven = base[-1]["id"]
    if state.engine:
        definition = json.loads(execution["_definition"])
        name, state_input = unsuccessful_state(definition, base)
        definition["StartAt"] = name
        definition["States"] = reachable_states(definition["States"], name)
        again = dict(execution, _definition=json.dumps(definition),
                     input=state_input if state_input is not None else execution["input"])
        result, events = run_with_engine(state, again)
    else:
        result, events = next_outcome(state, execution), None
    if events is None:
        events = [ending_event(result, redriven + 1, redriven)]
    else:  # the engine's ids, ExecutionStarted (id 1) left out, after ExecutionRedriven
        events = [dict(e, id=e["id"] - 1 + redriven,
                       previousEventId=e["previousEventId"] - 1 + redriven
                       if e["previousEventId"] > 1 else redriven)
                  for e in events if e["type"] != "ExecutionStarted"]
    with state.lock:
        execution["_events"] = base + events
        execution["status"] = result["status"]
        execution["stopDate"] = time.time()
        if result.get("output") is not None:
            execution["output"] = json.dumps(result["output"])
        for key in ("error", "cause"):
            if result.get(key) is not None:
                execution[key] = result[key]


# Secrets Manager

def secrets_api(state, operation, body):
    if operation != "GetSecretValue":
        raise ApiError(400, "UnknownOperationException", "")
    secret_id = body.get("SecretId")
    if not isinstance(secret_id, str) or not secret_id:
        raise ApiError(400, "InvalidParameterException", "SecretId is required.")
    name = secret_id
    if secret_id.startswith("arn:aws:secretsmanager:"):
        # A full ARN ends in "-" and 6 characters Secrets Manager adds; a partial one does not.
        name = secret_id.split(":", 6)[6]
        if name not in state.config["secrets"]:
            name = name.rsplit("-", 1)[0]
    if f"GetSecretValue:{name}" in state.config["deny"]:
        raise ApiError(400, "AccessDeniedException",
                       f"User: arn:aws:sts::{state.config['account']}:assumed-role/"
                       f"conflictctl-lambda/caller is not authorized to perform: "
                       f"secretsmanager:GetSecretValue on resource: {name} because no "
                       f"identity-based policy allows the secretsmanager:GetSecretValue action")
    value = state.config["secrets"].get(name)
    if value is None:
        raise ApiError(400, "ResourceNotFoundException",
                       "Secrets Manager can't find the specified secret.")
    answer = {"ARN": state.arn("secretsmanager", "secret", name + "-AbCdEf"), "Name": name,
              "VersionId": "00000000-0000-0000-0000-000000000001",
              "VersionStages": ["AWSCURRENT"], "CreatedDate": 1700000000.0}
    if isinstance(value, dict):
        answer["SecretBinary"] = value["binary"]
    else:
        answer["SecretString"] = value
    return answer


def denied(state, service, operation, status):
    if operation in state.config["deny"]:
        raise ApiError(status, "AccessDeniedException",
                       f"User: arn:aws:iam::{state.config['account']}:user/deployer is not "
                       f"authorized to perform: {service}:{operation}")


# --- HTTP ---

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None  # set by main()

    def log_message(self, *args):
        pass

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return body
                body += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def send(self, reply):
        """Sends a Reply (Invoke and the Runtime API); False when the client went away."""
        try:
            self.send_response(reply.status)
            headers = {"Content-Type": "application/json", **reply.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
            self.wfile.flush()
            return True
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
            return False

    def reply(self, status, body, headers=None, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def do_GET(self):
        self.handle_request()

    def do_POST(self):
        self.handle_request()

    def do_PUT(self):
        self.handle_request()

    def handle_request(self):
        state = self.state
        raw_path, _, raw_query = self.path.partition("?")
        body = self.read_body()
        if self.command == "GET" and raw_path == "/test/journal":
            with state.lock:
                return self.reply(200, list(state.journal))
        if self.command == "GET" and raw_path == "/test/state":
            with state.lock:
                return self.reply(200, {
                    "functions": {n: public_config(f) for n, f in state.functions.items()},
                    "state_machines": {m["name"]: describe_machine(m)
                                       for m in state.machines.values()}})
        if self.command == "GET" and raw_path == "/test/executions":
            with state.lock:
                return self.reply(200, {arn: describe_execution(e)
                                        for arn, e in state.executions.items()})
        if self.command == "POST" and raw_path == "/test/config":
            return self.reply(*replace_config(state, body))
        if self.command == "GET" and raw_path == "/test/init-errors":
            with state.runtime.cond:
                return self.send(Reply(200, list(state.runtime.init_errors)))
        if raw_path.startswith("/2018-06-01/runtime/") or (
                self.command == "POST" and raw_path.startswith("/test/invoke/")):
            return self.handle_runtime(raw_path, raw_query, body)
        if self.command == "POST" and INVOKE_PATH.match(raw_path):
            entry = {"api": "invoke", "service": "lambda", "operation": "Invoke",
                     "write": False, "status": None, "error_type": None, "signature": "ok",
                     "method": self.command, "raw_path": raw_path}
            reply = invoke(state, self, raw_path, raw_query, body, entry)
            if reply is None:  # a "drop" step
                self.close_connection = True
                state.record(entry)
                return
            entry.setdefault("outcome", reply.outcome)
            entry["status"] = reply.status
            entry["error_type"] = reply.headers.get("x-amzn-ErrorType")
            state.record(entry)
            return self.send(reply)
        if self.command == "GET" and raw_path == "/test/schedules":
            with state.lock:
                return self.reply(200, dict(state.schedules))
        if SCHEDULE_PATH.match(raw_path):
            return self.send(scheduler_request(state, self, raw_path, raw_query, body))
        target = self.headers.get("X-Amz-Target", "")
        lambda_match = LAMBDA_PATH.match(raw_path)
        if target.startswith("AWSStepFunctions."):
            service, operation, protocol = "states", target.split(".", 1)[1], "1.0"
        elif target.startswith("secretsmanager."):
            service, operation, protocol = "secretsmanager", target.split(".", 1)[1], "1.1"
        elif lambda_match:
            service, operation, protocol = "lambda", None, "rest"
        else:
            return self.reply(404, {"message": f"no route for {self.command} {raw_path}"})
        entry = {"api": "control_plane", "service": service, "operation": operation,
                 "write": False, "status": None, "error_type": None, "signature": "ok"}
        try:
            refused = check_signature(state.config, self, raw_path, raw_query, body, service)
            if refused:
                entry["signature"], error, entry["signature_detail"] = refused
                raise error
            if protocol == "rest":
                entry["operation"] = lambda_operation(self.command, lambda_match.group(1),
                                                      lambda_match.group(2))
                if state.throttled(entry["operation"]):
                    raise ApiError(429, "TooManyRequestsException", "Rate exceeded")
                denied(state, service, entry["operation"], 403)
                operation, status, answer = lambda_api(
                    state, self.command, lambda_match.group(1), lambda_match.group(2), body)
                entry["write"] = operation in WRITES
                entry["status"] = status
                state.record(entry)
                return self.reply(status, answer)
            if self.command != "POST" or raw_path != "/":
                raise ApiError(404, "UnknownOperationException", "")
            if state.throttled(operation):
                raise ApiError(400, "ThrottlingException", "Rate exceeded")
            denied(state, service, operation, 400)
            try:
                request = json.loads(body) if body else {}
            except ValueError:
                request = None
            if not isinstance(request, dict):
                raise ApiError(400, "SerializationException", "Start of structure or map found "
                                                              "where not expected.")
            answer = (sfn_api if service == "states" else secrets_api)(state, operation, request)
            entry["write"] = operation in WRITES
            entry["status"] = 200
            state.record(entry)
            return self.reply(200, answer, content_type=f"application/x-amz-json-{protocol}")
        except ApiError as e:
            entry["status"], entry["error_type"] = e.status, e.name
            state.record(entry)
            if protocol == "rest":
                return self.reply(e.status, {"Type": "User" if e.status < 500 else "Service",
                                             "message": e.message},
                                  {"x-amzn-ErrorType": e.name})
            name = SFN_ERROR_PREFIX + e.name if service == "states" else e.name
            key = "message" if service == "states" else "Message"
            return self.reply(e.status, {"__type": name, key: e.message},
                              content_type=f"application/x-amz-json-{protocol}")


    def handle_runtime(self, raw_path, raw_query, body):
        """The Lambda Runtime API (for "runtime" functions) and POST /test/invoke/NAME."""
        state = self.state
        entry = {"api": "runtime", "service": None, "operation": None, "write": False,
                 "method": self.command, "raw_path": raw_path, "function": None,
                 "event": parse_json(body)}
        if raw_path.startswith("/test/invoke/"):
            entry.update(api="control", function=unquote(raw_path[len("/test/invoke/"):]))
            reply = control_invoke(state, entry["function"], raw_query, body, entry)
        else:
            reply = self.runtime_api(raw_path, body, entry)
            if reply is None:
                return
        entry.setdefault("outcome", reply.outcome)
        entry["status"] = reply.status
        state.record(entry)
        self.send(reply)

    def runtime_api(self, raw_path, body, entry):
        runtime = self.state.runtime
        get, post = self.command == "GET", self.command == "POST"
        if get and raw_path == "/2018-06-01/runtime/invocation/next":
            inv = runtime.next()
            reply = Reply(200, inv.event, {
                "Lambda-Runtime-Aws-Request-Id": inv.id,
                "Lambda-Runtime-Deadline-Ms": str(int(inv.deadline * 1000)),
                "Lambda-Runtime-Invoked-Function-Arn": inv.arn,
                "Lambda-Runtime-Trace-Id": inv.trace_id}, "delivered")
            entry.update(function=inv.function, request_id=inv.id, event=parse_json(inv.event),
                         status=200,
                         outcome="delivered" if self.send(reply) else "bootstrap gone")
            if entry["outcome"] != "delivered":
                runtime.undeliver(inv)
            self.state.record(entry)
            return None
        error_type = self.headers.get("Lambda-Runtime-Function-Error-Type")
        if post and raw_path == "/2018-06-01/runtime/init/error":
            with runtime.cond:
                runtime.init_errors.append({"error_type": error_type, "body": parse_json(body),
                                            "raw_body": body.decode("utf-8", "replace")})
            entry["error_type"] = error_type
            return Reply(202, {"status": "OK"}, outcome="init error")
        m = RUNTIME_POST.match(raw_path)
        if post and m:
            request_id, kind = m.group(1), m.group(2)
            entry["request_id"] = request_id
            if kind == "error":
                entry["error_type"] = error_type
            inv = runtime.finish(request_id, kind, body, error_type if kind == "error" else None)
            if inv is None:
                return Reply(400, {"errorMessage": f"Invalid request ID: {request_id}",
                                   "errorType": "InvalidRequestID"},
                             outcome="400 InvalidRequestID")
            entry["function"] = inv.function
            return Reply(202, {"status": "OK"}, outcome=kind)
        return Reply(404, {"message": f"no route for {self.command} {raw_path}"}, outcome="404")


def main():
    parser = argparse.ArgumentParser(description="A local fake of AWS Lambda, Step Functions "
                                                 "and Secrets Manager.")
    parser.add_argument("--config", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--journal")
    parser.add_argument("--engine", help="conflictctl, to run executions")
    parser.add_argument("--tls-cert", help="serve HTTPS with this certificate (PEM)")
    parser.add_argument("--tls-key", help="the certificate's private key (PEM)")
    args = parser.parse_args()
    try:
        config = load_config(args.config)
    except ConfigError as e:
        print(f"fake_aws: {e}", file=sys.stderr)
        return 2
    state = State(config, args.engine, args.journal)
    Handler.state = state
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    state.port = server.server_address[1]
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tmp = f"{args.port_file}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="ascii") as f:
        f.write(str(state.port))
    os.replace(tmp, args.port_file)
    while not stop.wait(0.2):
        pass
    server.shutdown()
    server.server_close()
    try:
        os.remove(args.port_file)
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
