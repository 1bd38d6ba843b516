#!/usr/bin/env python3
"""Self-test of test/aws/fake_aws.py's Lambda Invoke and Runtime API: starts it as a subprocess
and talks to it over HTTP with requests signed by test/aws/sigv4_reference.py.
Run: python3 test/aws/fake_aws_selftest.py"""
import base64
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sigv4_reference  # noqa: E402

PLAIN = ("AKIDPLAIN", "plain-secret-1", None)
TEMPORARY = ("AKIDTEMP", "temp-secret-2", "session-token-3")
CONFIG = {
    "credentials": {"AKIDPLAIN": {"secret": PLAIN[1]},
                    "AKIDTEMP": {"secret": TEMPORARY[1], "session_token": TEMPORARY[2]}},
    "region": "us-east-1",
    "functions": {
        "echo-fn": {"behaviour": "echo"},
        "scripted": {"behaviour": "script", "responses": [
            {"status": 429, "type": "TooManyRequestsException", "message": "Rate exceeded"},
            {"status": 500, "message": "boom"},
            {"function_error": {"errorType": "X", "errorMessage": "m"}, "handled": False},
            {"function_error": {"errorMessage": "Task timed out after 3.00 seconds"},
             "handled": True},
            {"result": {"n": 1}, "log": ["hello from the script"]}]},
        "slow": {"behaviour": "script",
                 "responses": [{"delay_seconds": 0.3, "then": {"result": "late"}}]},
        "flaky": {"behaviour": "script", "responses": [{"drop": True}, {"result": "ok"}]},
        "runtime-fn": {"behaviour": "runtime", "timeout_seconds": 2},
        "short-fn": {"behaviour": "runtime", "timeout_seconds": 0.5},
    },
}
SECRETS = [PLAIN[1], TEMPORARY[1], TEMPORARY[2]]
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http(method, url, body=None, headers=None, timeout=10):
    """(status, headers, body bytes); HTTP errors are answers too."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with OPENER.open(request, timeout=timeout) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def amz_now(offset_seconds=0):
    t = datetime.now(timezone.utc) + timedelta(seconds=offset_seconds)
    return t.strftime("%Y%m%dT%H%M%SZ")


def bootstrap(base, seen, late):
    """A tiny custom runtime: echoes the event, fails on {"mode": "fail"}, answers late on
    {"mode": "sleep"} (the status of that late answer goes to `late`)."""
    api = base + "/2018-06-01/runtime"
    while True:
        try:
            status, headers, body = http("GET", api + "/invocation/next", timeout=None)
        except OSError:
            return
        request_id = headers["Lambda-Runtime-Aws-Request-Id"]
        event = json.loads(body)
        seen.put((dict(headers), event))
        if event.get("mode") == "fail":
            http("POST", f"{api}/invocation/{request_id}/error",
                 json.dumps({"errorType": "Boom", "errorMessage": "it broke", "stackTrace": []}).encode(),
                 {"Lambda-Runtime-Function-Error-Type": "Boom"})
            continue
        if event.get("mode") == "sleep":
            time.sleep(event["seconds"])
        status, _, _ = http("POST", f"{api}/invocation/{request_id}/response",
                            json.dumps({"echo": event}).encode())
        if event.get("mode") == "sleep":
            late.put(status)


class FakeAwsLambdaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        config = os.path.join(cls.dir.name, "config.json")
        with open(config, "w") as f:
            json.dump(CONFIG, f)
        cls.port_file = os.path.join(cls.dir.name, "port")
        cls.journal_file = os.path.join(cls.dir.name, "journal.jsonl")
        cls.server = subprocess.Popen([sys.executable, os.path.join(HERE, "fake_aws.py"),
                                       "--config", config, "--port-file", cls.port_file,
                                       "--journal", cls.journal_file])
        for _ in range(100):
            if os.path.exists(cls.port_file):
                break
            time.sleep(0.05)
        with open(cls.port_file) as f:
            cls.port = int(f.read())
        cls.base = f"http://127.0.0.1:{cls.port}"
        cls.seen, cls.late = queue.Queue(), queue.Queue()
        threading.Thread(target=bootstrap, args=(cls.base, cls.seen, cls.late),
                         daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.send_signal(signal.SIGTERM)
        code = cls.server.wait(timeout=5)
        port_file_left = os.path.exists(cls.port_file)
        cls.dir.cleanup()
        if code != 0 or port_file_left:
            raise AssertionError(f"after SIGTERM: exit code {code}, port file left: {port_file_left}")

    # --- helpers ---

    def invoke(self, function, event=None, query=(), credentials=PLAIN, region="us-east-1",
               amz_date=None, tamper=None, invocation_type="RequestResponse"):
        """Sends a signed Invoke; `tamper(headers)` may change the headers after signing."""
        akid, secret, token = credentials
        path = f"/2015-03-31/functions/{quote(function, safe='')}/invocations"
        body = json.dumps(event if event is not None else {}).encode()
        headers = [["Host", f"127.0.0.1:{self.port}"], ["Content-Type", "application/json"],
                   ["X-Amz-Invocation-Type", invocation_type], ["X-Amz-Log-Type", "Tail"]]
        amz_date = amz_date or amz_now()
        authorization = sigv4_reference.authorization({
            "method": "POST", "path": path, "query": list(query), "headers": headers,
            "body": body, "region": region, "service": "lambda", "access_key_id": akid,
            "secret_access_key": secret, "session_token": token or "", "amz_date": amz_date})
        sent = dict(headers)
        sent.update({"X-Amz-Date": amz_date, "Authorization": authorization,
                     "X-Amz-Content-Sha256": sigv4_reference.hashlib.sha256(body).hexdigest()})
        if token:
            sent["X-Amz-Security-Token"] = token
        if tamper:
            tamper(sent)
        url = self.base + path + ("?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in query)
                                  if query else "")
        return http("POST", url, body, sent)

    def journal(self):
        return json.loads(http("GET", self.base + "/test/journal")[2])

    def entry(self, request_id):
        return [e for e in self.journal() if e.get("request_id") == request_id][-1]

    def assert_refused(self, response, status, error_type):
        code, headers, body = response
        self.assertEqual(code, status, body)
        self.assertEqual(headers["x-amzn-ErrorType"], error_type)
        for secret in SECRETS:
            self.assertNotIn(secret, body.decode())
        return json.loads(body), self.entry(headers["x-amzn-RequestId"])

    # --- the Invoke API ---

    def test_signed_invocations_are_accepted_and_journaled(self):
        cases = [("echo-fn", (), PLAIN, "us-east-1", None, "$LATEST"),
                 ("echo-fn:live", (), PLAIN, "us-east-1", "live", "$LATEST"),
                 ("arn:aws:lambda:eu-west-2:123456789012:function:echo-fn:7", (), PLAIN,
                  "eu-west-2", "7", "7"),
                 ("123456789012:function:echo-fn", (), PLAIN, "us-east-1", None, "$LATEST"),
                 ("echo-fn", [("Qualifier", "live")], PLAIN, "us-east-1", "live", "$LATEST"),
                 ("echo-fn:live", (), TEMPORARY, "us-east-1", "live", "$LATEST")]
        for i, (function, query, credentials, region, qualifier, version) in enumerate(cases):
            with self.subTest(function=function, query=query, token=bool(credentials[2])):
                code, headers, body = self.invoke(function, {"i": i, "s": "a b"}, query,
                                                  credentials, region)
                self.assertEqual(code, 200, body)
                self.assertEqual(json.loads(body), {"i": i, "s": "a b"})
                self.assertEqual(headers["X-Amz-Executed-Version"], version)
                request_id = headers["x-amzn-RequestId"]
                tail = base64.b64decode(headers["X-Amz-Log-Result"]).decode()
                self.assertTrue(tail.startswith(f"START RequestId: {request_id} Version: {version}\n"))
                self.assertIn(f"\nEND RequestId: {request_id}\nREPORT RequestId: {request_id}\tDuration: ",
                              tail)
                entry = self.entry(request_id)
                self.assertEqual(entry["signature"], "ok")
                self.assertEqual(entry["function"], "echo-fn")
                self.assertEqual(entry["qualifier"], qualifier)
                self.assertEqual(entry["session_token"], bool(credentials[2]))
                self.assertEqual(entry["event"], {"i": i, "s": "a b"})
                self.assertEqual(entry["raw_path"], f"/2015-03-31/functions/{quote(function, safe='')}/invocations")
        self.assertIn("%3A", self.entry(request_id)["raw_path"])

    def test_bad_signatures_are_refused(self):
        def tampered(h):
            h["Authorization"] = h["Authorization"][:-1] + ("0" if h["Authorization"][-1] != "0" else "1")

        def without_token(h):
            del h["X-Amz-Security-Token"]

        # An unknown key and a wrong or missing session token are UnrecognizedClientException,
        # as AWS names them; the rest InvalidSignatureException.
        unrecognized = "UnrecognizedClientException"
        cases = {"signature mismatch": dict(tamper=tampered),
                 "signature mismatch; expected canonical request:\nPOST\n/2015-03-31/functions/echo-fn/":
                     dict(credentials=("AKIDPLAIN", "not-the-secret", None)),
                 "unknown access key": dict(credentials=("AKIDNOBODY", PLAIN[1], None),
                                            error=unrecognized),
                 "session token does not match":
                     dict(credentials=(TEMPORARY[0], TEMPORARY[1], "other"), error=unrecognized),
                 "session token missing": dict(credentials=TEMPORARY, tamper=without_token,
                                               error=unrecognized),
                 "region eu-west-1 in the scope, expected us-east-1": dict(region="eu-west-1"),
                 "more than 900 s from now": dict(amz_date=amz_now(-16 * 60))}
        for detail, options in cases.items():
            with self.subTest(detail):
                error = options.pop("error", "InvalidSignatureException")
                body, entry = self.assert_refused(self.invoke("echo-fn", **options), 403, error)
                self.assertIn("message", body)
                self.assertEqual(entry["signature"], "bad")
                self.assertIn(detail, entry["signature_detail"])
        body, entry = self.assert_refused(
            self.invoke("echo-fn", tamper=lambda h: h.pop("Authorization")), 403,
            "MissingAuthenticationTokenException")
        self.assertEqual(entry["signature"], "missing")

    def test_only_request_response_is_accepted(self):
        self.assert_refused(self.invoke("echo-fn", invocation_type="Event"), 400,
                            "InvalidParameterValueException")

    def test_unknown_function_is_not_found(self):
        body, entry = self.assert_refused(self.invoke("nope"), 404, "ResourceNotFoundException")
        self.assertEqual(body, {"Type": "User",
                                "Message": "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope"})
        self.assertEqual(entry["signature"], "ok")

    def test_script_steps_come_in_order_and_the_last_repeats(self):
        body, _ = self.assert_refused(self.invoke("scripted"), 429, "TooManyRequestsException")
        self.assertEqual(body, {"Type": "User", "message": "Rate exceeded"})
        code, headers, body = self.invoke("scripted")
        self.assertEqual((code, headers["x-amzn-ErrorType"], json.loads(body)),
                         (500, None, {"message": "boom"}))
        code, headers, body = self.invoke("scripted")
        self.assertEqual((code, headers["X-Amz-Function-Error"], json.loads(body)),
                         (200, "Unhandled", {"errorType": "X", "errorMessage": "m"}))
        code, headers, body = self.invoke("scripted")
        self.assertEqual((code, headers["X-Amz-Function-Error"]), (200, "Handled"))
        self.assertEqual(json.loads(body), {"errorMessage": "Task timed out after 3.00 seconds"})
        for _ in range(2):
            code, headers, body = self.invoke("scripted")
            self.assertEqual((code, headers["X-Amz-Function-Error"], json.loads(body)),
                             (200, None, {"n": 1}))
            self.assertIn("\nhello from the script\n",
                          base64.b64decode(headers["X-Amz-Log-Result"]).decode())

    def test_a_delay_step_answers_late(self):
        started = time.monotonic()
        code, _, body = self.invoke("slow")
        self.assertEqual((code, json.loads(body)), (200, "late"))
        self.assertGreaterEqual(time.monotonic() - started, 0.3)

    def test_a_drop_step_closes_the_connection_without_an_answer(self):
        with self.assertRaises((OSError, urllib.error.URLError)):
            self.invoke("flaky")
        code, _, body = self.invoke("flaky")
        self.assertEqual((code, json.loads(body)), (200, "ok"))
        self.assertIn("dropped", [e.get("outcome") for e in self.journal()
                                  if e.get("function") == "flaky"])

    # --- the Runtime API, through Invoke and through the control API ---

    def test_runtime_function_answers_through_the_bootstrap(self):
        before = time.time()
        code, headers, body = self.invoke("runtime-fn:live", {"mode": "respond", "x": 1})
        self.assertEqual((code, json.loads(body)), (200, {"echo": {"mode": "respond", "x": 1}}))
        seen, event = self.seen.get(timeout=1)
        self.assertEqual(seen["Lambda-Runtime-Aws-Request-Id"], headers["x-amzn-RequestId"])
        self.assertEqual(seen["Lambda-Runtime-Invoked-Function-Arn"],
                         "arn:aws:lambda:us-east-1:123456789012:function:runtime-fn:live")
        self.assertTrue(seen["Lambda-Runtime-Trace-Id"].startswith("Root=1-"))
        deadline = int(seen["Lambda-Runtime-Deadline-Ms"]) / 1000
        self.assertTrue(before + 1.5 < deadline < time.time() + 2.5, deadline - before)

        code, headers, body = self.invoke("runtime-fn", {"mode": "fail"})
        self.assertEqual((code, headers["X-Amz-Function-Error"]), (200, "Unhandled"))
        self.assertEqual(json.loads(body)["errorType"], "Boom")
        self.seen.get(timeout=1)
        errors = [e for e in self.journal() if e["api"] == "runtime" and e.get("error_type")]
        self.assertEqual(errors[-1]["request_id"], headers["x-amzn-RequestId"])
        self.assertEqual(errors[-1]["error_type"], "Boom")

    def test_runtime_function_past_its_deadline_times_out(self):
        code, headers, body = self.invoke("short-fn", {"mode": "sleep", "seconds": 0.8})
        request_id = headers["x-amzn-RequestId"]
        self.assertEqual((code, headers["X-Amz-Function-Error"]), (200, "Unhandled"))
        self.assertEqual(json.loads(body), {
            "errorType": "Sandbox.Timedout",
            "errorMessage": f"RequestId: {request_id} Error: Task timed out after 0.50 seconds"})
        self.seen.get(timeout=1)
        self.assertEqual(self.late.get(timeout=3), 400)  # the late answer is refused

    def control(self, event, timeout="2"):
        code, _, body = http("POST", f"{self.base}/test/invoke/not-configured?timeout_seconds={timeout}",
                             json.dumps(event).encode())
        self.assertEqual(code, 200)
        self.seen.get(timeout=1)
        return json.loads(body)

    def test_control_api(self):
        answer = self.control({"mode": "respond"})
        self.assertEqual((answer["outcome"], answer["body"], answer["error_type"]),
                         ("response", {"echo": {"mode": "respond"}}, None))
        answer = self.control({"mode": "fail"})
        self.assertEqual((answer["outcome"], answer["body"]["errorMessage"], answer["error_type"]),
                         ("error", "it broke", "Boom"))
        answer = self.control({"mode": "sleep", "seconds": 0.5}, timeout="0.2")
        self.assertEqual((answer["outcome"], answer["body"]), ("timeout", None))
        self.assertLess(answer["seconds"], 0.45)
        self.assertEqual(self.late.get(timeout=3), 400)

        code, _, body = http("POST", self.base + "/2018-06-01/runtime/invocation/no-such-id/response", b"{}")
        self.assertEqual((code, json.loads(body)["errorType"]), (400, "InvalidRequestID"))
        code, _, _ = http("POST", self.base + "/2018-06-01/runtime/init/error",
                          b'{"errorType":"Runtime.NoHandler","errorMessage":"no handler"}',
                          {"Lambda-Runtime-Function-Error-Type": "Runtime.NoHandler"})
        self.assertEqual(code, 202)
        errors = json.loads(http("GET", self.base + "/test/init-errors")[2])
        self.assertEqual(errors[-1]["error_type"], "Runtime.NoHandler")
        self.assertEqual(errors[-1]["body"]["errorMessage"], "no handler")

    def test_journal_file_holds_one_json_line_per_request_and_no_secret(self):
        self.invoke("echo-fn", credentials=TEMPORARY)
        served = self.journal()
        with open(self.journal_file) as f:
            text = f.read()
        self.assertEqual([json.loads(line) for line in text.splitlines()], served)
        for secret in SECRETS:
            self.assertNotIn(secret, text)


if __name__ == "__main__":
    unittest.main()
