#!/usr/bin/env python3
"""The database password from Secrets Manager (POSTGRES_SECRET_ID) against the fake AWS endpoint
(test/aws/fake_aws.py) and the throwaway PostgreSQL of test/run.sh.

Usage: secrets_test.py CONFLICTCTL [unittest arguments]

The secret is the JSON RDS writes, holding the throwaway database's real password; no
POSTGRES_PASSWORD is set, so a command that connects proves it read the secret. Every output of
every command (stdout, stderr), every file of the run store and the fake's journal is searched
for the password. Without CONFLICTCTL_TEST_DATABASE_URL (and POSTGRES_*), the tests that connect
are skipped; the others run.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
BINARY = None  # set in main

ACCESS_KEY = "AKIDEXAMPLE"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
ACCOUNT = "123456789012"
SECRET_ID = "conflict-report/db"
DATABASE = {key: os.environ.get(f"POSTGRES_{key}", "")
            for key in ("HOST", "PORT", "DATABASE", "USER", "PASSWORD")}
HAS_DATABASE = bool(os.environ.get("CONFLICTCTL_TEST_DATABASE_URL") and DATABASE["PASSWORD"])
# A password of this shape when there is no database: the tests that do not connect use it.
PASSWORD = DATABASE["PASSWORD"] or "no-database-Pa55w0rd"


def rds_secret(**changes):
    secret = {"username": DATABASE["USER"] or "app", "password": PASSWORD,
              "host": DATABASE["HOST"] or "127.0.0.1", "port": int(DATABASE["PORT"] or 5432),
              "dbname": DATABASE["DATABASE"] or "conflicts", "engine": "postgres",
              "dbInstanceIdentifier": "conflicts-db"}
    secret.update(changes)
    return json.dumps(secret)


class FakeAws:
    def __init__(self, directory, config):
        self.dir = directory
        config = {"credentials": {ACCESS_KEY: {"secret": AWS_SECRET}}, "region": "us-east-1",
                  "account": ACCOUNT, **config}
        with open(os.path.join(directory, "config.json"), "w") as f:
            json.dump(config, f)
        port_file = os.path.join(directory, "port")
        self.journal = os.path.join(directory, "journal.jsonl")
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "fake_aws.py"), "--config",
             os.path.join(directory, "config.json"), "--port-file", port_file,
             "--journal", self.journal])
        for _ in range(200):
            if os.path.exists(port_file):
                break
            time.sleep(0.05)
        with open(port_file) as f:
            self.address = f"127.0.0.1:{f.read()}"
        self.url = f"http://{self.address}"

    def stop(self):
        self.process.terminate()
        self.process.wait(10)

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return json.load(response)

    def secret_reads(self):
        return [(e["signature"], e["status"], e["error_type"]) for e in self.get("/test/journal")
                if e["operation"] == "GetSecretValue"]


class SecretsTest(unittest.TestCase):
    fake_secrets = {
        SECRET_ID: rds_secret(),
        "conflict-report/binary": {"binary": "AAEC/w=="},
        "conflict-report/not-json": PASSWORD,
        "conflict-report/wrong-password": rds_secret(password="not-" + PASSWORD),
        "conflict-report/denied": rds_secret(),
    }

    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="secrets-test-")
        os.makedirs(os.path.join(self.home, "fake"))
        self.fake = FakeAws(os.path.join(self.home, "fake"),
                            {"secrets": self.fake_secrets,
                             "deny": ["GetSecretValue:conflict-report/denied"]})
        self.outputs = []
        self.processes = []

    def tearDown(self):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(10)
        self.fake.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def env(self, **changes):
        """No POSTGRES_PASSWORD: only the secret can let a command in."""
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("AWS_") and not k.startswith("POSTGRES_")}
        env.update(HOME=self.home, CONFLICTCTL_STATE_DIR=os.path.join(self.home, "state"),
                   LOG_LEVEL="DEBUG", AWS_ACCESS_KEY_ID=ACCESS_KEY,
                   AWS_SECRET_ACCESS_KEY=AWS_SECRET, AWS_REGION="us-east-1",
                   AWS_CONFIG_FILE=os.path.join(self.home, "none"),
                   AWS_SHARED_CREDENTIALS_FILE=os.path.join(self.home, "none"),
                   AWS_ENDPOINT_URL_SECRETS_MANAGER=self.fake.url,
                   POSTGRES_SECRET_ID=SECRET_ID,
                   POSTGRES_CONFLICT_SCHEMA="secrets_conflict",
                   POSTGRES_ANALYTICS_SCHEMA="secrets_analytics")
        for key, value in changes.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def cli(self, *args, env=None, expect=0):
        run = subprocess.run([BINARY, *args], env=env or self.env(), cwd=self.home,
                             capture_output=True, text=True, timeout=300)
        self.outputs.append((args, run.stdout + run.stderr))
        self.assertEqual(run.returncode, expect, f"{args}: {run.stderr}")
        self.assertNotIn(PASSWORD, run.stdout + run.stderr, args)
        self.assertNotIn(AWS_SECRET, run.stdout + run.stderr, args)
        return run

    def assert_no_trace_in_files(self):
        """No file under the home (run store, reports, the fake's journal) holds the password."""
        searched = 0
        fake_config = os.path.join(self.fake.dir, "config.json")  # the fake's own store
        for root, _, files in os.walk(self.home):
            for name in files:
                path = os.path.join(root, name)
                if path == fake_config:
                    continue
                with open(path, "rb") as f:
                    self.assertNotIn(PASSWORD.encode(), f.read(), path)
                searched += 1
        return searched

    @unittest.skipUnless(HAS_DATABASE, "needs the throwaway PostgreSQL of test/run.sh")
    def test_every_command_that_connects_reads_the_secret_and_shows_no_trace(self):
        config = self.cli("config")
        self.assertIn(f"POSTGRES_PASSWORD          from secret {SECRET_ID}", config.stdout)
        self.assertEqual(self.fake.secret_reads(), [])  # config reads no secret

        init = self.cli("db", "init")
        user, host, port, db = (DATABASE[k] for k in ("USER", "HOST", "PORT", "DATABASE"))
        self.assertIn(f'target: {user}@{host}:{port}/{db}, schemas "secrets_conflict" and '
                      f'"secrets_analytics"', init.stderr)
        self.cli("db", "status")
        self.cli("db", "seed", "--visits", "300", "--seed", "7", "--force")
        self.cli("db", "inspect")
        self.cli("run", "validate_config")
        self.cli("run", "task_01")
        simulate = self.cli("simulate", "--pipeline", "conflict_report_daily",
                            "--output", "json")
        self.assertEqual(json.loads(simulate.stdout)["status"], "SUCCEEDED")
        self.cli("db", "check")
        self.cli("history")
        self.cli("budget", "--pipeline", "conflict_report_daily", "--output", "json")
        report = os.path.join(self.home, "report.html")
        self.cli("budget", "--pipeline", "conflict_report_daily", "--output", "html",
                 "--out", report)
        # The global endpoint variable reaches Secrets Manager as well.
        self.cli("db", "status", env=self.env(AWS_ENDPOINT_URL_SECRETS_MANAGER=None,
                                              AWS_ENDPOINT_URL=self.fake.url))

        reads = self.fake.secret_reads()
        self.assertEqual(len(reads), 9)  # one per command that connects
        self.assertEqual(set(reads), {("ok", 200, None)})  # every read signed and answered
        self.assertGreater(self.assert_no_trace_in_files(), 5)

        # An explicit variable wins over the secret's field: a wrong port is used, and fails.
        wrong = self.cli("db", "status", env=self.env(POSTGRES_PORT="1"), expect=4)
        self.assertIn(f"{user}@{host}:1/{db}", wrong.stderr)

    @unittest.skipUnless(HAS_DATABASE, "needs the throwaway PostgreSQL of test/run.sh")
    def test_the_lambda_runtime_reads_the_secret(self):
        env = self.env(AWS_LAMBDA_RUNTIME_API=self.fake.address, _HANDLER="conflict-report",
                       AWS_LAMBDA_FUNCTION_NAME="etl-pipeline-function")
        runtime = subprocess.Popen([BINARY, "lambda-runtime", "--max-invocations", "1"],
                                   env=env, cwd=self.home, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        self.processes.append(runtime)
        request = urllib.request.Request(
            f"{self.fake.url}/test/invoke/etl-pipeline-function?timeout_seconds=60",
            data=json.dumps({"action": "validate_config"}).encode(), method="POST")
        with urllib.request.urlopen(request, timeout=120) as response:
            answer = json.load(response)
        out, err = runtime.communicate(timeout=60)
        self.assertEqual(runtime.returncode, 0, err)
        self.assertEqual(answer["outcome"], "response", answer)
        self.assertEqual(answer["body"]["body"]["status"], "success", answer)
        self.assertNotIn(PASSWORD, out + err + json.dumps(answer))
        self.assertEqual(self.fake.secret_reads(), [("ok", 200, None)])
        self.assert_no_trace_in_files()

    def test_a_secret_that_cannot_be_read_is_one_message_and_exit_code(self):
        def error(secret_id, expect, **changes):
            run = self.cli("db", "status", env=self.env(POSTGRES_SECRET_ID=secret_id, **changes),
                           expect=expect)
            return run.stderr

        about = 'error: the database secret "{}" (POSTGRES_SECRET_ID)'
        self.assertRegex(error("nope", 7),
                         "^" + re.escape(about.format("nope")) +
                         r": Secrets Manager GetSecretValue: Secrets Manager can't find the "
                         r"specified secret\. \(HTTP 400, request id [^)]+\)\n$")
        self.assertRegex(error("conflict-report/denied", 7),
                         "^" + re.escape(about.format("conflict-report/denied")) +
                         r": Secrets Manager GetSecretValue: User: arn:aws:sts::123456789012:"
                         r"assumed-role/conflictctl-lambda/caller is not authorized to perform: "
                         r"secretsmanager:GetSecretValue on resource: conflict-report/denied "
                         r"because no identity-based policy allows the "
                         r"secretsmanager:GetSecretValue action \(HTTP 400, request id [^)]+\); "
                         r"the credentials need the IAM permission "
                         r"secretsmanager:GetSecretValue \(`conflictctl deploy --print-policy` "
                         r"prints the policies\)\n$")
        self.assertEqual(error("conflict-report/binary", 3),
                         about.format("conflict-report/binary") +
                         " is a SecretBinary: conflictctl reads a SecretString holding the JSON "
                         "RDS writes (username, password, host, port, dbname, engine)\n")
        self.assertEqual(error("conflict-report/not-json", 3),
                         'error: the secret "conflict-report/not-json" (POSTGRES_SECRET_ID) is '
                         "not a JSON object: conflictctl reads the JSON RDS writes (username, "
                         "password, host, port, dbname, engine)\n")
        self.assertEqual(error(SECRET_ID, 3, AWS_REGION=None),
                         about.format(SECRET_ID) + ": reading it needs an AWS region: set "
                         "AWS_REGION (or AWS_DEFAULT_REGION, or region in the profile's "
                         "config)\n")
        self.assertEqual(error(SECRET_ID, 3, POSTGRES_PASSWORD=PASSWORD),
                         "error: POSTGRES_PASSWORD and POSTGRES_SECRET_ID are both set: with a "
                         "secret the password comes from the secret; unset POSTGRES_PASSWORD "
                         "(environment)\n")
        if HAS_DATABASE:  # the secret's password is wrong: the database refuses it, unquoted
            refused = error("conflict-report/wrong-password", 4)
            self.assertIn("password authentication failed", refused)
        self.assert_no_trace_in_files()

    def test_a_runtime_whose_secret_cannot_be_read_posts_an_init_error(self):
        env = self.env(POSTGRES_SECRET_ID="nope", AWS_LAMBDA_RUNTIME_API=self.fake.address,
                       _HANDLER="conflict-report",
                       AWS_LAMBDA_FUNCTION_NAME="etl-pipeline-function")
        run = self.cli("lambda-runtime", env=env, expect=3)
        self.assertRegex(run.stderr,
                         r'^error: the database secret "nope" \(POSTGRES_SECRET_ID\): Secrets '
                         r"Manager GetSecretValue: Secrets Manager can't find the specified "
                         r"secret\. \(HTTP 400, request id [^)]+\)\n"
                         r"error: Runtime.ConfigError: the POSTGRES_\* settings are missing or "
                         r"invalid\n$")
        errors = self.fake.get("/test/init-errors")
        self.assertEqual([e["error_type"] for e in errors], ["Runtime.ConfigError"])


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main()
