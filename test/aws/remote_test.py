#!/usr/bin/env python3
"""conflictctl against the fake AWS endpoint's Lambda Invoke (test/aws/fake_aws.py).

Usage: remote_test.py CONFLICTCTL [unittest arguments]

The fake checks every Invoke request's Signature Version 4 with an independent signer
(sigv4_reference.py) and speaks the Lambda Runtime API, so these tests cover:
  - the Invoke client: every way to name a function, with and without a session token;
  - Lambda errors as Step Functions names them, driving Retry and Catch (execute --remote);
  - `conflictctl lambda-runtime` (and the packaged bootstrap) as the function: several
    invocations in one process, errors with their names, init errors, the deadline;
  - `conflictctl simulate --remote` running the reference pipelines end to end, every Task
    invoked through the fake service and served by the runtime.
The deadline test needs the throwaway PostgreSQL of test/run.sh (CONFLICTCTL_TEST_DATABASE_URL);
without it, it is skipped.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
BINARY = None  # set in main

ACCESS_KEY = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TOKEN_KEY = "ASIATEMPORARYEXAMPLE"
TOKEN_SECRET = "tEmPoRaRySeCrEt/K7MDENG+bPxRfiCYEXAMPLE"
TOKEN = "FQoGZXIvYXdzEXAMPLEsessiontoken//////////wEaDOEXAMPLE"
SECRETS = [SECRET, TOKEN_SECRET, TOKEN]


class FakeLambda:
    """The fake service as a subprocess; stopped by stop()."""

    def __init__(self, functions, region="us-east-1"):
        self.dir = tempfile.mkdtemp(prefix="fake-lambda-")
        config = {
            "credentials": {ACCESS_KEY: {"secret": SECRET},
                            TOKEN_KEY: {"secret": TOKEN_SECRET, "session_token": TOKEN}},
            "region": region,
            "functions": functions,
        }
        config_path = os.path.join(self.dir, "config.json")
        with open(config_path, "w") as f:
            json.dump(config, f)
        port_file = os.path.join(self.dir, "port")
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "fake_aws.py"), "--config", config_path,
             "--port-file", port_file, "--journal", os.path.join(self.dir, "journal.jsonl")])
        for _ in range(200):
            if os.path.exists(port_file):
                break
            time.sleep(0.05)
        with open(port_file) as f:
            self.port = int(f.read())
        self.address = f"127.0.0.1:{self.port}"

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)

    def get(self, path):
        with urllib.request.urlopen(f"http://{self.address}{path}", timeout=30) as response:
            return json.load(response)

    def invokes(self):
        return [e for e in self.get("/test/journal") if e["api"] == "invoke"]

    def control_invoke(self, function, event, timeout_seconds=30):
        request = urllib.request.Request(
            f"http://{self.address}/test/invoke/{function}?timeout_seconds={timeout_seconds}",
            data=json.dumps(event).encode(), method="POST")
        with urllib.request.urlopen(request, timeout=timeout_seconds + 30) as response:
            return json.load(response)


def base_environment(home):
    """What conflictctl sees: no AWS settings of the machine running the tests."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("AWS_") and not key.startswith("POSTGRES_")}
    env.update({"HOME": home, "CONFLICTCTL_STATE_DIR": os.path.join(home, "state"),
                "AWS_CONFIG_FILE": os.path.join(home, "no-config"),
                "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "no-credentials")})
    return env


class Case(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="remote-test-")
        self.fakes = []
        self.processes = []

    def tearDown(self):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(10)
            for stream in (process.stdin, process.stdout, process.stderr):
                if stream:
                    stream.close()
        for fake in self.fakes:
            fake.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def fake(self, functions, **kwargs):
        fake = FakeLambda(functions, **kwargs)
        self.fakes.append(fake)
        return fake

    def client_env(self, fake, token=False, account="123456789012"):
        env = base_environment(self.home)
        env.update({"AWS_ACCESS_KEY_ID": TOKEN_KEY if token else ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY": TOKEN_SECRET if token else SECRET,
                    "AWS_REGION": "us-east-1",
                    "AWS_ENDPOINT_URL_LAMBDA": f"http://{fake.address}"})
        if token:
            env["AWS_SESSION_TOKEN"] = TOKEN
        if account:
            env["AWS_ACCOUNT_ID"] = account
        return env

    def conflictctl(self, args, env, timeout=120):
        done = subprocess.run([BINARY] + args, env=env, capture_output=True, text=True,
                              timeout=timeout)
        for secret in SECRETS:
            self.assertNotIn(secret, done.stdout + done.stderr)
        return done

    def start_runtime(self, fake, args, handler="conflict-report",
                      function="etl-pipeline-function", env=None, command=None):
        env = dict(env or base_environment(self.home))
        env.update({"AWS_LAMBDA_RUNTIME_API": fake.address, "_HANDLER": handler,
                    "AWS_LAMBDA_FUNCTION_NAME": function})
        process = subprocess.Popen((command or [BINARY, "lambda-runtime"]) + args, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.processes.append(process)
        return process


class InvokeClientTest(Case):
    def run_resource_forms(self, token):
        fake = self.fake({"echo-fn": {"behaviour": "echo"}})
        done = self.conflictctl(
            ["execute", "--definition", os.path.join(HERE, "resource_forms.asl.json"),
             "--remote", "--output", "json", "--no-record"], self.client_env(fake, token))
        self.assertEqual(done.returncode, 0, done.stderr)
        result = json.loads(done.stdout)
        self.assertEqual(result["status"], "SUCCEEDED")
        output = result["output"]
        self.assertEqual(output["name"], {"form": "name"})
        self.assertEqual(output["alias"], {"form": "alias"})
        self.assertEqual(output["arn"], {"form": "arn"})
        self.assertEqual(output["placeholders"], {"form": "placeholders"})
        self.assertEqual(output["invoke"], {"payload": {"form": "lambda:invoke"}, "status": 200})

        invokes = fake.invokes()
        self.assertEqual(len(invokes), 5)
        for entry in invokes:
            self.assertEqual(entry["signature"], "ok", entry)
            self.assertEqual(entry["session_token"], token)
            self.assertEqual(entry["invocation_type"], "RequestResponse")
            self.assertEqual(entry["log_type"], "Tail")
        paths = [entry["raw_path"] for entry in invokes]
        self.assertEqual(paths[0], "/2015-03-31/functions/echo-fn/invocations")
        self.assertEqual(paths[1], "/2015-03-31/functions/echo-fn/invocations")
        self.assertIn("arn%3Aaws%3Alambda%3Aus-west-2%3A123456789012%3Afunction%3Aecho-fn",
                      paths[2])
        self.assertIn("arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aecho-fn",
                      paths[3])
        self.assertEqual([entry["qualifier"] or "" for entry in invokes],
                         ["", "live", "", "live", "3"])

    def test_every_function_form_is_signed_correctly(self):
        self.run_resource_forms(token=False)

    def test_every_function_form_is_signed_correctly_with_a_session_token(self):
        self.run_resource_forms(token=True)

    def test_lambda_errors_drive_retry_and_catch(self):
        fake = self.fake({
            "flaky": {"behaviour": "script", "responses": [
                {"status": 429, "type": "TooManyRequestsException", "message": "Rate exceeded"},
                {"status": 500, "type": "ServiceException", "message": "internal"},
                {"result": {"ok": True}}]},
            "broken": {"behaviour": "script", "responses": [
                {"function_error": {"errorType": "Task02Error", "errorMessage": "rule 3 failed"},
                 "log": ["ERROR rule 3 failed"]}]},
            "slow": {"behaviour": "script", "responses": [
                {"delay_seconds": 5, "then": {"result": {"late": True}}}]},
            "crash": {"behaviour": "script", "responses": [
                {"function_error": {"errorMessage": "Task timed out after 3.00 seconds"}}]},
            "dropper": {"behaviour": "script", "responses": [{"drop": True}]},
        })
        history = os.path.join(self.home, "history.json")
        started = time.monotonic()
        done = self.conflictctl(
            ["execute", "--definition", os.path.join(HERE, "retry_catch.asl.json"), "--remote",
             "--output", "json", "--history", history, "--no-record"], self.client_env(fake))
        elapsed = time.monotonic() - started
        self.assertEqual(done.returncode, 0, done.stderr + done.stdout)
        result = json.loads(done.stdout)
        self.assertEqual(result["status"], "SUCCEEDED", result)
        output = result["output"]
        self.assertEqual(output["throttled"], {"ok": True})
        self.assertEqual(output["function_error"],
                         {"Error": "Task02Error", "Cause": "rule 3 failed"})
        self.assertEqual(output["timeout"]["Error"], "States.Timeout")
        self.assertEqual(output["unknown"]["Error"], "Lambda.Unknown")
        self.assertIn("Task timed out", output["unknown"]["Cause"])
        self.assertEqual(output["dropped"]["Error"], "Lambda.SdkClientException")
        # The slow function was abandoned at its state's 1 s timeout, not awaited for 5 s.
        self.assertLess(elapsed, 30)
        # The function's log tail is shown when it fails.
        self.assertIn("ERROR rule 3 failed", done.stderr)

        functions = [entry["function"] for entry in fake.invokes()]
        self.assertEqual(functions.count("flaky"), 3)
        with open(history) as f:
            events = json.load(f)["events"]
        failures = [e["lambdaFunctionFailedEventDetails"]["error"] for e in events
                    if e["type"] == "LambdaFunctionFailed"]
        self.assertEqual(failures[:2],
                         ["Lambda.TooManyRequestsException", "Lambda.ServiceException"])
        self.assertIn("LambdaFunctionTimedOut", [e["type"] for e in events])

    def test_missing_credentials_are_reported_before_anything_runs(self):
        fake = self.fake({})
        env = self.client_env(fake)
        del env["AWS_ACCESS_KEY_ID"]
        del env["AWS_SECRET_ACCESS_KEY"]
        done = self.conflictctl(["simulate", "--remote", "--no-record"], env)
        self.assertEqual(done.returncode, 3, done.stderr)
        self.assertIn("AWS_ACCESS_KEY_ID", done.stderr)
        self.assertEqual(fake.invokes(), [])

    def test_remote_and_mock_exclude_each_other(self):
        done = self.conflictctl(["simulate", "--remote", "--mock"], base_environment(self.home))
        self.assertEqual(done.returncode, 2)
        self.assertIn("excludes", done.stderr)


class RuntimeTest(Case):
    def test_serves_several_invocations_in_one_process(self):
        fake = self.fake({})
        runtime = self.start_runtime(fake, ["--mock", "--max-invocations", "3"])
        first = fake.control_invoke("etl-pipeline-function", {"action": "validate_config"})
        self.assertEqual(first["outcome"], "response", first)
        self.assertEqual(first["body"]["statusCode"], 200)
        self.assertEqual(first["body"]["body"]["status"], "success")
        error = fake.control_invoke("etl-pipeline-function", {"action": "nope"})
        self.assertEqual(error["outcome"], "error", error)
        self.assertEqual(error["error_type"], "UnknownAction")
        self.assertEqual(error["body"]["errorType"], "UnknownAction")
        self.assertIn("validate_config", error["body"]["errorMessage"])
        third = fake.control_invoke("etl-pipeline-function", {"action": "get_task02_chunks"})
        self.assertEqual(third["outcome"], "response", third)
        self.assertEqual(runtime.wait(30), 0, runtime.stderr.read())

    def test_an_unknown_handler_is_an_init_error(self):
        fake = self.fake({})
        runtime = self.start_runtime(fake, ["--mock"], handler="nope")
        self.assertEqual(runtime.wait(30), 3)
        errors = fake.get("/test/init-errors")
        self.assertEqual(len(errors), 1)
        self.assertEqual(errors[0]["error_type"], "Runtime.ConfigError")
        self.assertIn("unknown handler 'nope'", errors[0]["body"]["errorMessage"])

    @unittest.skipUnless(os.environ.get("CONFLICTCTL_TEST_DATABASE_URL"),
                         "needs the throwaway PostgreSQL of test/run.sh")
    def test_a_task_is_cancelled_before_the_deadline_and_reports_its_timeout(self):
        env = base_environment(self.home)
        for key, value in os.environ.items():
            if key.startswith("POSTGRES_"):
                env[key] = value
        env["POSTGRES_CONFLICT_SCHEMA"] = "runtime_conflict"
        env["POSTGRES_ANALYTICS_SCHEMA"] = "runtime_analytics"
        init = self.conflictctl(["db", "init"], env)
        self.assertEqual(init.returncode, 0, init.stderr)
        # Another session holds every table of the schemas, so task_01 waits until cancelled.
        locker = subprocess.Popen(["psql", "-qAt", os.environ["CONFLICTCTL_TEST_DATABASE_URL"]],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.processes.append(locker)
        locker.stdin.write(
            "BEGIN;\nSELECT format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', "
            "string_agg(format('%I.%I', schemaname, tablename), ', ')) FROM pg_tables "
            "WHERE schemaname IN ('runtime_conflict', 'runtime_analytics') \\gexec\n"
            "SELECT 'locked';\n")
        locker.stdin.flush()
        self.assertEqual(locker.stdout.readline().strip(), "locked")

        fake = self.fake({})
        runtime = self.start_runtime(fake, ["--max-invocations", "2", "--deadline-margin", "1"],
                                     env=env)
        answer = fake.control_invoke("etl-pipeline-function", {"action": "task_01"},
                                     timeout_seconds=4)
        self.assertEqual(answer["outcome"], "error", answer)
        self.assertEqual(answer["error_type"], "States.Timeout")
        self.assertLess(answer["seconds"], 4)  # reported before Lambda's own deadline
        locker.stdin.write("ROLLBACK;\n")
        locker.stdin.close()
        # The same process serves the next invocation on a healthy connection.
        again = fake.control_invoke("etl-pipeline-function", {"action": "validate_config"})
        self.assertEqual(again["outcome"], "response", again)
        self.assertEqual(runtime.wait(30), 0, runtime.stderr.read())

    @unittest.skipIf(os.environ.get("CONFLICTCTL_TEST_NO_PACKAGE"),
                     "the sanitizer build's binary is over the 250 MB Lambda accepts")
    def test_the_packaged_bootstrap_runs_the_runtime(self):
        # Packaged as docs/deploy.md says: a copy without debug information.
        stripped = os.path.join(self.home, "conflictctl")
        subprocess.run(["objcopy", "--strip-all", BINARY, stripped], check=True)
        zip_path = os.path.join(self.home, "conflictctl-lambda.zip")
        packaged = subprocess.run([stripped, "package", "--out", zip_path],
                                  env=base_environment(self.home), capture_output=True, text=True)
        self.assertEqual(packaged.returncode, 0, packaged.stderr)
        task_root = os.path.join(self.home, "task")
        with zipfile.ZipFile(zip_path) as archive:
            for info in archive.infolist():
                archive.extract(info, task_root)
                os.chmod(os.path.join(task_root, info.filename), (info.external_attr >> 16) & 0o777)
        fake = self.fake({})
        env = base_environment(self.home)
        env["LAMBDA_TASK_ROOT"] = task_root
        runtime = self.start_runtime(fake, ["--mock", "--max-invocations", "1"], env=env,
                                     command=[os.path.join(task_root, "bootstrap")])
        answer = fake.control_invoke("etl-pipeline-function", {"action": "task_01"})
        self.assertEqual(answer["outcome"], "response", answer)
        self.assertEqual(runtime.wait(30), 0, runtime.stderr.read())


class SimulateRemoteTest(Case):
    def simulate(self, pipeline, function):
        fake = self.fake({function: {"behaviour": "runtime", "timeout_seconds": 60}})
        self.start_runtime(fake, ["--mock"], function=function)
        done = self.conflictctl(["simulate", "--remote", "--pipeline", pipeline],
                                self.client_env(fake))
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("AWS Lambda in us-east-1", done.stdout)
        self.assertIn("Execution SUCCEEDED", done.stdout)
        invokes = fake.invokes()
        self.assertGreater(len(invokes), 2)
        for entry in invokes:
            self.assertEqual(entry["signature"], "ok", entry)
            self.assertEqual(entry["function"], function)
        history = self.conflictctl(["history", "--output", "json"], base_environment(self.home))
        self.assertEqual(history.returncode, 0, history.stderr)
        runs = json.loads(history.stdout)
        self.assertEqual(runs[0]["mode"], "remote")
        self.assertFalse(runs[0]["virtual_clock"])
        return invokes

    def test_one_task_runs_on_the_deployed_function(self):
        fake = self.fake({"etl-pipeline-function": {"behaviour": "runtime", "timeout_seconds": 60}})
        self.start_runtime(fake, ["--mock"])
        done = self.conflictctl(["run", "task_02", "--remote"], self.client_env(fake))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(json.loads(done.stdout)["body"]["task"], "TASK_02")
        self.assertIn("task_02 succeeded", done.stderr)
        # An unknown task is refused before anything is invoked (issue 19): usage, exit 2.
        unknown = self.conflictctl(["run", "nope", "--remote"], self.client_env(fake))
        self.assertEqual(unknown.returncode, 2, unknown.stderr)
        # A task the function fails: the function's error, exit 1.
        failed = self.conflictctl(["run", "process_task02_chunk", "--remote"],
                                  self.client_env(fake))
        self.assertEqual(failed.returncode, 1, failed.stderr)
        self.assertIn("error: InvalidChunkId:", failed.stderr)
        invokes = fake.invokes()
        self.assertEqual([entry["event"] for entry in invokes],
                         [{"action": "task_02"}, {"action": "process_task02_chunk"}])
        self.assertIn("arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3A"
                      "etl-pipeline-function", invokes[0]["raw_path"])
        history = self.conflictctl(["history", "--output", "json"], base_environment(self.home))
        self.assertEqual([run["mode"] for run in json.loads(history.stdout)], ["remote", "remote"])

    def test_the_reference_pipeline_runs_end_to_end(self):
        invokes = self.simulate("conflict_report", "etl-pipeline-function")
        self.assertEqual([entry["event"]["action"] for entry in invokes],
                         ["validate_config", "task_01", "task_02"])

    def test_the_chunked_pipeline_runs_end_to_end(self):
        invokes = self.simulate("conflict_report_chunked", "cm-task-ag-test01")
        actions = [entry["event"]["action"] for entry in invokes]
        self.assertEqual(actions[:3], ["validate_config", "task_01", "get_task02_chunks"])
        self.assertGreater(actions.count("process_task02_chunk"), 1)


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main()
