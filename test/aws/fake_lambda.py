#!/usr/bin/env python3
"""A local fake of the AWS Lambda service, for conflictctl's tests (Python standard library only).

  python3 test/aws/fake_lambda.py --config CONFIG.json --port-file FILE [--journal FILE]

Listens on 127.0.0.1, on a port the system picks; once listening, writes the port number (digits,
no newline) to --port-file atomically (a temporary file renamed), so a reader that sees the file
sees the whole number. Serves until SIGTERM or SIGINT, then removes the port file and exits 0.
A bad config or command line exits 2 with the reason on stderr.

Config (JSON):
  {"credentials": {"AKID": {"secret": "...", "session_token": "..."}},  # token optional: when
                                                  # set, X-Amz-Security-Token must equal it
   "region": "us-east-1",
   "max_clock_skew_seconds": 900,                 # optional; null = do not check the date
   "functions": {"NAME": {"behaviour": "echo"}
                       | {"behaviour": "script", "responses": [STEP, ...]}
                       | {"behaviour": "runtime", "timeout_seconds": 3}}}
  STEP: {"result": JSON} | {"function_error": {...}, "handled": false}
      | {"status": 429, "type": "TooManyRequestsException", "message": "Rate exceeded"}
      | {"delay_seconds": 2.5, "then": STEP}  (or the other step's keys beside delay_seconds)
      | {"drop": true}                        (the connection is closed without a response)
  Any step may add "log": ["line", ...] for the X-Amz-Log-Result tail. A script's steps are
  consumed in order per function (whatever the qualifier); the last one repeats.

Invoke API: POST /2015-03-31/functions/FUNCTION/invocations[?Qualifier=Q], FUNCTION being NAME,
NAME:Q, ACCOUNT:function:NAME[:Q] or arn:aws:lambda:REGION:ACCOUNT:function:NAME[:Q]
(percent-decoded). Every request's Signature Version 4 is recomputed with sigv4_reference.py from
the request as received; the expected scope is REGION/lambda, REGION being the ARN's when the
function is a full ARN, else the config's.

Lambda Runtime API (for "runtime" functions and the control API; one queue for all functions):
  GET  /2018-06-01/runtime/invocation/next, POST .../invocation/ID/response, .../ID/error,
  POST /2018-06-01/runtime/init/error.
Control API (unsigned): POST /test/invoke/NAME[?timeout_seconds=N] (body = the event) queues an
invocation for the bootstrap and answers 200 {"outcome": "response"|"error"|"timeout",
"request_id", "body": the bootstrap's body parsed (null if absent or not JSON), "raw_body",
"error_type", "seconds"}; GET /test/journal (the journal as a JSON array); GET /test/init-errors.

Journal: one JSON object per request handled (GET /test/* excepted), appended and flushed to
--journal as a line, and kept in memory for GET /test/journal: {"api": "invoke" | "runtime" |
"control" | "unknown", "method", "raw_path" (as on the wire), "function" (decoded name),
"qualifier", "signature": "ok" | "bad" | "missing" (null outside Invoke), "session_token" (bool),
"invocation_type", "log_type", "event" (the body parsed, or null), "outcome", "status",
"request_id", and where they apply "signature_detail" (why a signature was refused; for a
mismatch, the expected canonical request with the token redacted) and "error_type". Secrets and
signatures are never written there nor in any response.
"""
import argparse
import base64
import collections
import hmac
import json
import os
import re
import signal
import sys
import threading
import time
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sigv4_reference  # noqa: E402  (beside this file)

ACCOUNT = "123456789012"
DEFAULT_TIMEOUT_SECONDS = 3
LOG_TAIL_BYTES = 4096
INVOKE_PATH = re.compile(r"^/2015-03-31/functions/([^/]+)/invocations$")
RUNTIME_POST = re.compile(r"^/2018-06-01/runtime/invocation/([^/]+)/(response|error)$")
MISMATCH = ("The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. "
            "Consult the service documentation for details.")


class ConfigError(Exception):
    pass


# --- config ---

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


def log_lines(step):
    log = step.get("log", [])
    return [log] if isinstance(log, str) else list(log)


def step_after_delay(step):
    if "then" in step:
        return step["then"]
    return {k: v for k, v in step.items() if k != "delay_seconds"}


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
    if not isinstance(config.setdefault("region", "us-east-1"), str):
        raise ConfigError(f"{path}: /region: must be a string")
    config.setdefault("max_clock_skew_seconds", 900)
    for name, fn in config.setdefault("functions", {}).items():
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
    return config


# --- helpers ---

def parse_json(body):
    """The body parsed as JSON; None when empty or not JSON."""
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None


def parse_query(raw):
    """[(name, value)] percent-decoded, '+' kept as it is (the SigV4 form)."""
    pairs = []
    for part in raw.split("&") if raw else []:
        name, _, value = part.partition("=")
        pairs.append((unquote(name), unquote(value)))
    return pairs


def function_arn(region, name, qualifier=None):
    arn = f"arn:aws:lambda:{region}:{ACCOUNT}:function:{name}"
    return f"{arn}:{qualifier}" if qualifier else arn


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


def trace_id():
    return (f"Root=1-{int(time.time()):08x}-{uuid.uuid4().hex[:24]};"
            f"Parent={uuid.uuid4().hex[:16]};Sampled=0")


def log_tail(request_id, version, lines, started):
    text = (f"START RequestId: {request_id} Version: {version}\n"
            + "".join(f"{line}\n" for line in lines)
            + f"END RequestId: {request_id}\n"
            + f"REPORT RequestId: {request_id}\tDuration: {(time.monotonic() - started) * 1000:.2f} ms\n")
    return base64.b64encode(text.encode("utf-8")[-LOG_TAIL_BYTES:]).decode("ascii")


def timeout_document(request_id, seconds):
    return {"errorType": "Sandbox.Timedout",
            "errorMessage": f"RequestId: {request_id} Error: Task timed out after {seconds:.2f} seconds"}


# --- the Runtime API's invocations ---

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


# --- the service ---

class Reply:
    def __init__(self, status, body=b"", headers=None, outcome=""):
        self.status = status
        self.body = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        self.headers = headers or {}
        self.outcome = outcome


def service_error(status, error_type, message, key="message", with_type=True):
    body = {"Type": "User" if status < 500 else "Service"} if with_type else {}
    body[key] = message
    headers = {"x-amzn-ErrorType": error_type} if error_type else {}
    return Reply(status, body, headers, f"{status} {error_type or ''}".strip())


class Service:
    def __init__(self, config, journal_path):
        self.config = config
        self.journal_path = journal_path
        self.journal = []
        self.lock = threading.Lock()
        self.script_positions = collections.Counter()
        self.runtime = Runtime()

    def record(self, entry):
        line = json.dumps(entry)
        with self.lock:
            self.journal.append(entry)
            if self.journal_path:
                with open(self.journal_path, "a", encoding="utf-8") as f:
                    f.write(line + "\n")
                    f.flush()

    def next_step(self, name):
        steps = self.config["functions"][name]["responses"]
        with self.lock:
            i = self.script_positions[name]
            self.script_positions[name] += 1
        return steps[min(i, len(steps) - 1)]

    def check_signature(self, handler, raw_path, raw_query, body, region):
        """("ok" | "bad" | "missing", Reply or None, detail for the journal)."""
        auth = handler.headers.get("Authorization")
        if auth is None:
            return "missing", service_error(403, "MissingAuthenticationTokenException",
                                            "Missing Authentication Token", with_type=False), \
                "no Authorization header"

        def bad(detail, message=MISMATCH):
            return "bad", service_error(403, "InvalidSignatureException", message,
                                        with_type=False), detail

        m = re.fullmatch(r"AWS4-HMAC-SHA256\s+(.*)", auth.strip(), re.S)
        fields = dict(p.strip().partition("=")[::2] for p in m.group(1).split(",")) if m else {}
        if not all(k in fields for k in ("Credential", "SignedHeaders", "Signature")):
            return bad("malformed Authorization header",
                       "Authorization header requires 'Credential', 'SignedHeaders' and "
                       "'Signature' parameters.")
        scope = fields["Credential"].split("/")
        if len(scope) != 5 or scope[4] != "aws4_request":
            return bad("malformed credential scope", "Credential should be scoped correctly.")
        akid, _, scope_region, scope_service, _ = scope
        cred = self.config["credentials"].get(akid)
        if cred is None:
            return bad("unknown access key", "The security token included in the request is invalid.")
        if scope_region != region:
            return bad(f"region {scope_region} in the scope, expected {region}",
                       f"Credential should be scoped to a valid region, not '{scope_region}'.")
        if scope_service != "lambda":
            return bad(f"service {scope_service} in the scope, expected lambda",
                       "Credential should be scoped to correct service: 'lambda'.")
        amz_date = handler.headers.get("X-Amz-Date", "")
        try:
            signed_at = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        except ValueError:
            return bad("no valid X-Amz-Date header", "Missing or malformed X-Amz-Date.")
        skew = self.config["max_clock_skew_seconds"]
        if skew is not None and abs(time.time() - signed_at.timestamp()) > skew:
            return bad(f"X-Amz-Date {amz_date} more than {skew} s from now",
                       f"Signature expired: {amz_date} is outside the allowed clock skew.")
        token = handler.headers.get("X-Amz-Security-Token")
        if cred.get("session_token") and token != cred["session_token"]:
            return bad("session token missing" if token is None else "session token does not match",
                       "The security token included in the request is invalid.")
        signed = fields["SignedHeaders"].split(";")
        added = ("x-amz-date", "x-amz-content-sha256", "x-amz-security-token")
        headers = []
        for name in signed:
            values = handler.headers.get_all(name)
            if not values:
                return bad(f"signed header {name} missing from the request")
            if name not in added:
                headers += [[name, v] for v in values]
        if "x-amz-date" not in signed:
            return bad("x-amz-date not signed")
        steps = sigv4_reference.signing_steps({
            "method": handler.command, "path": raw_path, "query": parse_query(raw_query),
            "headers": headers, "body": body, "region": region, "service": "lambda",
            "access_key_id": akid, "secret_access_key": cred["secret"],
            "session_token": token if "x-amz-security-token" in signed else "",
            "amz_date": amz_date, "content_sha256_header": "x-amz-content-sha256" in signed})
        expected = steps["authorization"].rpartition("Signature=")[2]
        if not hmac.compare_digest(expected, fields["Signature"].strip()):
            canonical = re.sub(r"(?m)^x-amz-security-token:.*$", "x-amz-security-token:<redacted>",
                               steps["canonical_request"])
            return bad(f"signature mismatch; expected canonical request:\n{canonical}")
        return "ok", None, ""

    def invoke(self, handler, raw_path, raw_query, body):
        """(Reply or None for a dropped connection, journal entry)."""
        request_id = str(uuid.uuid4())
        reply, entry = self.invoke_as(request_id, handler, raw_path, raw_query, body)
        entry["request_id"] = request_id
        if reply is not None:
            reply.headers["x-amzn-RequestId"] = request_id
        return reply, entry

    def invoke_as(self, request_id, handler, raw_path, raw_query, body):
        entry = {"api": "invoke", "function": None, "qualifier": None, "signature": None,
                 "session_token": "X-Amz-Security-Token" in handler.headers,
                 "invocation_type": handler.headers.get("X-Amz-Invocation-Type"),
                 "log_type": handler.headers.get("X-Amz-Log-Type"), "event": parse_json(body)}
        decoded = unquote(INVOKE_PATH.match(raw_path).group(1))
        parsed = parse_function(decoded)
        entry["function"] = parsed[0] if parsed else decoded
        region = (parsed and parsed[2]) or self.config["region"]
        entry["signature"], refusal, detail = self.check_signature(handler, raw_path, raw_query,
                                                                   body, region)
        if detail:
            entry["signature_detail"] = detail
        if refusal:
            return refusal, entry
        query_qualifier = dict(parse_query(raw_query)).get("Qualifier")
        if parsed is None:
            return service_error(400, "ValidationException",
                                 f"1 validation error detected: Value '{decoded}' at "
                                 f"'functionName' failed to satisfy constraint", "message"), entry
        name, qualifier, _ = parsed
        if qualifier and query_qualifier and qualifier != query_qualifier:
            return service_error(400, "InvalidParameterValueException",
                                 "The derived qualifier from the function name does not match "
                                 "the specified qualifier."), entry
        qualifier = qualifier or query_qualifier
        entry["qualifier"] = qualifier
        if entry["invocation_type"] not in (None, "RequestResponse"):
            return service_error(400, "InvalidParameterValueException",
                                 "This fake accepts only InvocationType RequestResponse."), entry
        fn = self.config["functions"].get(name)
        if fn is None:
            return service_error(404, "ResourceNotFoundException", "Function not found: "
                                 + function_arn(region, name, qualifier), "Message"), entry
        if body and entry["event"] is None:
            return service_error(400, "InvalidRequestContentException",
                                 "Could not parse request body into json"), entry
        started = time.monotonic()
        lines = []
        if fn["behaviour"] == "echo":
            reply = Reply(200, body or b"{}", outcome="result")
            lines = [f"echo: {len(body)} bytes"]
        elif fn["behaviour"] == "script":
            step = self.next_step(name)
            while "delay_seconds" in step:
                time.sleep(step["delay_seconds"])
                lines += log_lines(step)
                step = step_after_delay(step)
            lines += log_lines(step)
            if "drop" in step:
                return None, dict(entry, outcome="dropped")
            if "status" in step:
                return service_error(step["status"], step.get("type"), step.get("message", ""),
                                     with_type="type" in step), entry
            if "function_error" in step:
                kind = "Handled" if step.get("handled") else "Unhandled"
                reply = Reply(200, step["function_error"], {"X-Amz-Function-Error": kind},
                              f"function_error {kind}")
            else:
                reply = Reply(200, step["result"], outcome="result")
        else:
            timeout = fn.get("timeout_seconds", DEFAULT_TIMEOUT_SECONDS)
            inv = self.runtime.submit(name, function_arn(region, name, qualifier),
                                      body or b"{}", timeout, request_id)
            self.runtime.wait(inv)
            reply = self.runtime_reply(inv)
            if inv.outcome == "timeout":
                lines = [json.loads(reply.body)["errorMessage"]]
        version = qualifier if qualifier and qualifier.isdigit() else "$LATEST"
        reply.headers["X-Amz-Executed-Version"] = version
        if entry["log_type"] == "Tail":
            reply.headers["X-Amz-Log-Result"] = log_tail(request_id, version, lines, started)
        return reply, entry

    def runtime_reply(self, inv):
        if inv.outcome == "response":
            return Reply(200, inv.body, outcome="runtime response")
        if inv.outcome == "error":
            return Reply(200, inv.body, {"X-Amz-Function-Error": "Unhandled"},
                         "runtime error " + (inv.error_type or ""))
        return Reply(200, timeout_document(inv.id, inv.timeout_seconds),
                     {"X-Amz-Function-Error": "Unhandled"}, "runtime timeout")

    def control_invoke(self, name, raw_query, body, entry):
        fn = self.config["functions"].get(name, {})
        timeout = fn.get("timeout_seconds", DEFAULT_TIMEOUT_SECONDS)
        try:
            timeout = float(dict(parse_query(raw_query)).get("timeout_seconds", timeout))
        except ValueError:
            return Reply(400, {"message": "timeout_seconds must be a number"}, outcome="400")
        inv = self.runtime.submit(name, function_arn(self.config["region"], name), body or b"{}",
                                  timeout)
        entry["request_id"] = inv.id
        self.runtime.wait(inv)
        return Reply(200, {"outcome": inv.outcome, "request_id": inv.id,
                           "body": parse_json(inv.body),
                           "raw_body": inv.body.decode("utf-8", "replace"),
                           "error_type": inv.error_type,
                           "seconds": round(time.time() - inv.queued_at, 3)},
                     outcome=inv.outcome)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    service = None  # set by main()

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

    def do_GET(self):
        self.handle_request()

    def do_POST(self):
        self.handle_request()

    def handle_request(self):
        service = self.service
        raw_path, _, raw_query = self.path.partition("?")
        body = self.read_body() if self.command == "POST" else b""
        entry = {"api": "unknown", "function": None, "qualifier": None, "signature": None,
                 "session_token": False, "invocation_type": None, "log_type": None,
                 "event": parse_json(body)}
        reply = Reply(404, {"message": f"no route for {self.command} {raw_path}"}, outcome="404")
        get, post = self.command == "GET", self.command == "POST"
        if get and raw_path == "/test/journal":
            with service.lock:
                return self.send(Reply(200, list(service.journal)))
        if get and raw_path == "/test/init-errors":
            with service.runtime.cond:
                return self.send(Reply(200, list(service.runtime.init_errors)))
        if post and INVOKE_PATH.match(raw_path):
            reply, invoke_entry = service.invoke(self, raw_path, raw_query, body)
            entry.update(invoke_entry)
        elif post and raw_path.startswith("/test/invoke/"):
            entry.update(api="control", function=unquote(raw_path[len("/test/invoke/"):]))
            reply = service.control_invoke(entry["function"], raw_query, body, entry)
        elif raw_path.startswith("/2018-06-01/runtime/"):
            entry["api"] = "runtime"
            reply = self.runtime_api(get, post, raw_path, body, entry)
            if reply is None:
                return
        entry.update(method=self.command, raw_path=raw_path)
        if reply is None:  # a "drop" step
            self.close_connection = True
            service.record(entry)
            return
        entry.setdefault("outcome", reply.outcome)
        entry["status"] = reply.status
        service.record(entry)
        self.send(reply)

    def runtime_api(self, get, post, raw_path, body, entry):
        runtime = self.service.runtime
        if get and raw_path == "/2018-06-01/runtime/invocation/next":
            inv = runtime.next()
            reply = Reply(200, inv.event, {
                "Lambda-Runtime-Aws-Request-Id": inv.id,
                "Lambda-Runtime-Deadline-Ms": str(int(inv.deadline * 1000)),
                "Lambda-Runtime-Invoked-Function-Arn": inv.arn,
                "Lambda-Runtime-Trace-Id": inv.trace_id}, "delivered")
            entry.update(method="GET", raw_path=raw_path, function=inv.function,
                         request_id=inv.id, event=parse_json(inv.event), status=200,
                         outcome="delivered" if self.send(reply) else "bootstrap gone")
            if entry["outcome"] != "delivered":
                runtime.undeliver(inv)
            self.service.record(entry)
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
                                   "errorType": "InvalidRequestID"}, outcome="400 InvalidRequestID")
            entry["function"] = inv.function
            return Reply(202, {"status": "OK"}, outcome=kind)
        return Reply(404, {"message": f"no route for {self.command} {raw_path}"}, outcome="404")


def main():
    parser = argparse.ArgumentParser(description="A local fake of the AWS Lambda service.")
    parser.add_argument("--config", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--journal")
    args = parser.parse_args()
    try:
        config = load_config(args.config)
    except ConfigError as e:
        print(f"fake_lambda: {e}", file=sys.stderr)
        return 2

    Handler.service = Service(config, args.journal)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    tmp = f"{args.port_file}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="ascii") as f:
        f.write(str(server.server_address[1]))
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
