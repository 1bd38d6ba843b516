#!/usr/bin/env python3
"""`conflictctl deploy` against the fake AWS endpoint (test/aws/fake_aws.py).

Usage: deploy_test.py CONFLICTCTL [unittest arguments]

Each test starts its own fake (Lambda's function API and Step Functions on one port, every
request's SigV4 checked) and points conflictctl at it with AWS_ENDPOINT_URL_LAMBDA and
AWS_ENDPOINT_URL_SFN. The package is a small zip written here: the fake reads only its hash.
The journal of the fake counts the write calls, so "a second deploy makes no write call" is
checked on what reached the service.
"""
import io
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
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
BINARY = None  # set in main

ACCESS_KEY = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/conflictctl-states"
FUNCTION_ROLE = f"arn:aws:iam::{ACCOUNT}:role/conflictctl-lambda"
FUNCTION = "etl-pipeline-function"
MACHINE_ARN = f"arn:aws:states:us-east-1:{ACCOUNT}:stateMachine:conflict_report_daily"


class FakeAws:
    def __init__(self, engine=None, **config):
        self.dir = tempfile.mkdtemp(prefix="fake-aws-")
        config = {"credentials": {ACCESS_KEY: {"secret": SECRET}}, "region": "us-east-1",
                  "account": ACCOUNT, **config}
        config_path = os.path.join(self.dir, "config.json")
        with open(config_path, "w") as f:
            json.dump(config, f)
        port_file = os.path.join(self.dir, "port")
        self.process = subprocess.Popen([sys.executable, os.path.join(HERE, "fake_aws.py"),
                                         "--config", config_path, "--port-file", port_file,
                                         *(["--engine", engine] if engine else [])])
        for _ in range(200):
            if os.path.exists(port_file):
                break
            time.sleep(0.05)
        with open(port_file) as f:
            self.url = f"http://127.0.0.1:{f.read()}"

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return json.load(response)

    def writes(self):
        return [e["operation"] for e in self.get("/test/journal") if e["write"]]

    def calls(self):
        return [e["operation"] for e in self.get("/test/journal")]


def package(path, content=b"#!/bin/sh\n"):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr(zipfile.ZipInfo("bootstrap", (2026, 1, 1, 0, 0, 0)), content)
    with open(path, "wb") as f:
        f.write(data.getvalue())


class DeployTest(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="deploy-test-")
        engine = BINARY if getattr(self, "fake_runs_executions", False) else None
        self.fake = FakeAws(engine, **getattr(self, "fake_config", {}))
        self.pipelines = os.path.join(self.home, "pipelines")
        shutil.copytree(os.path.join(SOURCE, "pipelines"), self.pipelines)
        self.zip = os.path.join(self.home, "conflictctl-lambda.zip")
        package(self.zip)

    def tearDown(self):
        self.fake.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def run_cli(self, *args, env_extra=None):
        return self.cli("deploy", "conflict_report_daily", "--package", self.zip, *args,
                        env_extra=env_extra)

    def cli(self, *args, env_extra=None):
        """conflictctl ARGS against the fake, with the pipelines copied here."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(HOME=self.home, AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET,
                   AWS_REGION="us-east-1", AWS_ACCOUNT_ID=ACCOUNT,
                   AWS_ENDPOINT_URL_LAMBDA=self.fake.url,
                   AWS_ENDPOINT_URL_SFN=self.fake.url, CONFLICTCTL_PIPELINES_DIR=self.pipelines,
                   AWS_CONFIG_FILE=os.path.join(self.home, "none"),
                   AWS_SHARED_CREDENTIALS_FILE=os.path.join(self.home, "none"))
        env.update(env_extra or {})
        env.pop("CONFLICTCTL_STATE_DIR", None)
        run = subprocess.run([BINARY, *args], env=env, capture_output=True, text=True,
                             timeout=120)
        self.assertNotIn(SECRET, run.stdout + run.stderr)
        return run

    def deploy(self, *args):
        run = self.run_cli("--role-arn", ROLE, "--function-role-arn", FUNCTION_ROLE, *args)
        self.assertEqual(run.returncode, 0, run.stderr)
        return run

    def set_timeout(self, seconds):
        path = os.path.join(self.pipelines, "conflict_report_daily.yaml")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace("timeout_seconds: 900", f"timeout_seconds: {seconds}"))


class FirstDeploy(DeployTest):
    def test_dry_run_prints_the_plan_and_writes_nothing(self):
        run = self.deploy("--dry-run")
        sha = self.code_sha()
        definition = json.loads(self.filled_definition())
        self.assertEqual(run.stdout,
                         f"function {FUNCTION}: create\n"
                         f"  Role           {FUNCTION_ROLE}\n"
                         f"  Runtime        provided.al2023\n"
                         f"  Handler        conflict-report\n"
                         f"  Timeout        900\n"
                         f"  MemorySize     2048\n"
                         f"  Architectures  x86_64\n"
                         f"  CodeSha256     {sha}\n"
                         f"state machine conflict_report_daily: create\n"
                         f"  type        STANDARD\n"
                         f"  roleArn     {ROLE}\n"
                         f"  definition  {json.dumps(definition, separators=(',', ':'))[:60]}…\n"
                         f"plan: 2 to create, 0 to update, 0 up to date\n")
        self.assertEqual(self.fake.writes(), [])
        self.assertEqual(self.fake.calls(), ["GetFunctionConfiguration", "DescribeStateMachine"])

    def test_deploy_creates_then_a_second_deploy_writes_nothing(self):
        first = self.deploy()
        self.assertTrue(first.stdout.endswith(
            f"deployed conflict_report_daily: state machine {MACHINE_ARN}\n"), first.stdout)
        self.assertEqual(self.fake.writes(), ["CreateFunction", "CreateStateMachine"])
        state = self.fake.get("/test/state")
        function = state["functions"][FUNCTION]
        self.assertEqual({k: function[k] for k in ("Runtime", "Handler", "Timeout", "MemorySize",
                                                   "Architectures", "Role", "CodeSha256")},
                         {"Runtime": "provided.al2023", "Handler": "conflict-report",
                          "Timeout": 900, "MemorySize": 2048, "Architectures": ["x86_64"],
                          "Role": FUNCTION_ROLE, "CodeSha256": self.code_sha()})
        machine = state["state_machines"]["conflict_report_daily"]
        self.assertEqual((machine["roleArn"], machine["type"]), (ROLE, "STANDARD"))
        self.assertEqual(json.loads(machine["definition"]), json.loads(self.filled_definition()))
        self.assertIn(f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{FUNCTION}",
                      machine["definition"])
        self.assertNotIn("ACCOUNT_ID", machine["definition"])

        second = self.run_cli()  # no roles given: the deployed ones are kept
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertEqual(second.stdout,
                         f"function {FUNCTION}: up to date\n"
                         "state machine conflict_report_daily: up to date\n"
                         "plan: 0 to create, 0 to update, 2 up to date\n"
                         "nothing to change: no call made\n")
        self.assertEqual(self.fake.writes(), ["CreateFunction", "CreateStateMachine"])

        check = self.run_cli("--check")
        self.assertEqual((check.returncode, check.stdout, check.stderr),
                         (0, f"conflict_report_daily: deployed as here (1 function, state "
                             f"machine {MACHINE_ARN})\n", ""))

    def test_a_changed_timeout_is_drift_then_one_update(self):
        self.deploy()
        bindings = os.path.join(self.pipelines, "conflict_report_daily.yaml")
        with open(bindings) as f:
            deployed = f.read()
        self.set_timeout(600)
        check = self.run_cli("--check")
        self.assertEqual(check.returncode, 6, check.stderr)
        self.assertEqual(check.stderr,
                         f"drift: function {FUNCTION}: Timeout is 900 on AWS, 600 here\n"
                         "error: conflict_report_daily: 1 drifted field between AWS and here\n")
        self.assertEqual(self.fake.writes(), ["CreateFunction", "CreateStateMachine"])
        plan = self.run_cli("--dry-run")
        self.assertEqual(plan.stdout,
                         f"function {FUNCTION}: update\n"
                         "  Timeout  900 -> 600\n"
                         "state machine conflict_report_daily: up to date\n"
                         "plan: 0 to create, 1 to update, 1 up to date\n")
        self.run_cli()
        self.assertEqual(self.fake.writes(), ["CreateFunction", "CreateStateMachine",
                                              "UpdateFunctionConfiguration"])
        self.assertEqual(self.fake.get("/test/state")["functions"][FUNCTION]["Timeout"], 600)
        self.assertEqual(self.fake.get("/test/state")["functions"][FUNCTION]["Role"],
                         FUNCTION_ROLE)

    def test_new_code_and_a_changed_definition_are_updated(self):
        self.deploy()
        old = self.code_sha()
        package(self.zip, b"#!/bin/sh\necho new\n")
        path = os.path.join(self.pipelines, "conflict_report_daily.asl.json")
        with open(path) as f:
            definition = json.load(f)
        definition["Comment"] = "changed"
        with open(path, "w") as f:
            json.dump(definition, f)
        check = self.run_cli("--check")
        self.assertEqual(check.returncode, 6)
        lines = check.stderr.splitlines()
        self.assertEqual(lines[0], f"drift: function {FUNCTION}: CodeSha256 is {old} on AWS, "
                                   f"{self.code_sha()} here")
        self.assertRegex(lines[1], r"^drift: state machine conflict_report_daily: "
                                   r"definition /Comment is .* on AWS, changed here$")
        self.deploy()
        self.assertEqual(self.fake.writes(), ["CreateFunction", "CreateStateMachine",
                                              "UpdateFunctionCode", "UpdateStateMachine"])
        self.assertEqual(self.fake.get("/test/state")["functions"][FUNCTION]["CodeSha256"],
                         self.code_sha())

    def test_creating_without_roles_is_refused_before_any_write(self):
        run = self.run_cli()
        self.assertEqual((run.returncode, run.stderr),
                         (2, f"error: the function {FUNCTION} does not exist yet: give "
                             "--function-role-arn to create it\n"))
        self.assertEqual(self.fake.writes(), [])

    def test_not_deployed_is_drift(self):
        check = self.run_cli("--check", "--account-id", ACCOUNT)
        self.assertEqual((check.returncode, check.stderr),
                         (6, f"drift: function {FUNCTION}: not deployed\n"
                             "drift: state machine conflict_report_daily: not deployed\n"
                             "error: conflict_report_daily: 2 drifted fields between AWS and "
                             "here\n"))

    def test_print_policy_is_least_privilege_and_calls_nothing(self):
        run = self.run_cli("--print-policy", "--role-arn", ROLE, "--function-role-arn",
                           FUNCTION_ROLE)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(self.fake.calls(), [])
        docs = {}
        title = None
        for part in run.stdout.split("\n# "):
            title, _, rest = part.lstrip("# ").partition("\n")
            docs[title] = rest
        invoke = docs["state machine role (--role-arn)"]
        permissions = json.loads(invoke.split("permissions policy:\n", 1)[1])
        self.assertEqual(permissions["Statement"][0]["Action"], "lambda:InvokeFunction")
        self.assertEqual(permissions["Statement"][0]["Resource"],
                         [f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{FUNCTION}",
                          f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{FUNCTION}:*"])
        deployer = json.loads(docs["the deployer (whoever runs conflictctl deploy)"]
                              .split("permissions policy:\n", 1)[1])
        self.assertEqual(deployer["Statement"][1]["Resource"], [MACHINE_ARN])
        self.assertEqual(deployer["Statement"][2]["Resource"], [ROLE, FUNCTION_ROLE])

    def code_sha(self):
        import base64
        import hashlib
        with open(self.zip, "rb") as f:
            return base64.b64encode(hashlib.sha256(f.read()).digest()).decode()

    def filled_definition(self):
        with open(os.path.join(self.pipelines, "conflict_report_daily.asl.json")) as f:
            text = f.read()
        return text.replace(":REGION:", ":us-east-1:").replace(":ACCOUNT_ID:", f":{ACCOUNT}:")


class Throttled(DeployTest):
    fake_config = {"throttle": {"GetFunctionConfiguration": 2, "CreateStateMachine": 1}}

    def test_throttling_is_retried(self):
        self.deploy()
        self.assertEqual(self.fake.calls(),
                         ["GetFunctionConfiguration"] * 3 + ["DescribeStateMachine",
                                                             "CreateFunction"] +
                         ["CreateStateMachine"] * 2)
        self.assertEqual(self.fake.writes(), ["CreateFunction", "CreateStateMachine"])


class Denied(DeployTest):
    fake_config = {"deny": ["CreateStateMachine"]}

    def test_access_denied_is_a_clear_message(self):
        run = self.run_cli("--role-arn", ROLE, "--function-role-arn", FUNCTION_ROLE)
        self.assertEqual(run.returncode, 7)
        self.assertRegex(run.stderr,
                         r"^error: Step Functions CreateStateMachine: User: "
                         rf"arn:aws:iam::{ACCOUNT}:user/deployer is not authorized to perform: "
                         r"states:CreateStateMachine \(HTTP 400, request id [-0-9a-f]+\); the "
                         r"credentials need the IAM permission states:CreateStateMachine "
                         r"\(`conflictctl deploy --print-policy` prints the policies\)\n$")


class Environment(DeployTest):
    """The functions' environment from the bindings (a value, or the deployer's setting), the
    state machine's logging: planned, deployed, compared per variable, never a password."""
    PASSWORD = "hunter2-never-deployed"
    GROUP = ("arn:aws:logs:us-east-1:123456789012:log-group:"
             "/aws/vendedlogs/states/conflict_report_daily:*")

    def setUp(self):
        super().setUp()
        self.bindings = os.path.join(self.pipelines, "conflict_report_daily.yaml")
        with open(self.bindings, "a") as f:
            f.write("environment:\n"
                    "  POSTGRES_SECRET_ID:\n"
                    "  LOG_LEVEL: INFO\n"
                    "  ENVIRONMENT: prod\n"
                    "logging:\n"
                    "  level: ERROR\n"
                    "  log_group_arn: arn:aws:logs:REGION:ACCOUNT_ID:log-group:"
                    "/aws/vendedlogs/states/conflict_report_daily:*\n")

    def managed(self, *args, secret_id="conflict-report/db"):
        env = {"POSTGRES_PASSWORD": self.PASSWORD, "LOG_LEVEL": "DEBUG"}
        if secret_id:
            env["POSTGRES_SECRET_ID"] = secret_id
        run = self.run_cli("--env-file", "/dev/null", *args, env_extra=env)
        self.assertNotIn(self.PASSWORD, run.stdout + run.stderr)
        return run

    def set_bindings(self, old, new):
        with open(self.bindings) as f:
            text = f.read()
        with open(self.bindings, "w") as f:
            f.write(text.replace(old, new))

    def test_environment_and_logging_planned_deployed_and_compared(self):
        plan = self.managed("--dry-run", "--role-arn", ROLE, "--function-role-arn",
                            FUNCTION_ROLE)
        self.assertEqual(plan.returncode, 0, plan.stderr)
        self.assertIn("  CodeSha256                      ", plan.stdout)
        self.assertIn("  Environment ENVIRONMENT         prod\n"
                      "  Environment LOG_LEVEL           INFO\n"
                      "  Environment POSTGRES_SECRET_ID  conflict-report/db\n"
                      "state machine conflict_report_daily: create\n", plan.stdout)
        self.assertIn("  logging level                 ERROR\n"
                      "  logging includeExecutionData  false\n"
                      f"  logging logGroupArn           {self.GROUP}\n"
                      "plan: 2 to create", plan.stdout)
        self.assertEqual(self.fake.writes(), [])

        deployed = self.managed("--role-arn", ROLE, "--function-role-arn", FUNCTION_ROLE)
        self.assertEqual(deployed.returncode, 0, deployed.stderr)
        state = self.fake.get("/test/state")
        self.assertEqual(state["functions"][FUNCTION]["Environment"],
                         {"Variables": {"POSTGRES_SECRET_ID": "conflict-report/db",
                                        "LOG_LEVEL": "INFO", "ENVIRONMENT": "prod"}})
        self.assertEqual(state["state_machines"]["conflict_report_daily"]["loggingConfiguration"],
                         {"level": "ERROR", "includeExecutionData": False,
                          "destinations": [{"cloudWatchLogsLogGroup":
                                            {"logGroupArn": self.GROUP}}]})
        self.assertNotIn(self.PASSWORD, json.dumps(state))

        again = self.managed()
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertTrue(again.stdout.endswith("nothing to change: no call made\n"), again.stdout)
        self.assertEqual(self.fake.writes(), ["CreateFunction", "CreateStateMachine"])
        self.assertEqual(self.managed("--check").returncode, 0)

        # A variable changed in the bindings, another by the deployer's setting, the level by
        # the option: each is drift, named with its values.
        self.set_bindings("LOG_LEVEL: INFO", "LOG_LEVEL: WARNING")
        check = self.managed("--check", "--logging-level", "ALL", secret_id="prod/db")
        self.assertEqual((check.returncode, check.stderr),
                         (6, f"drift: function {FUNCTION}: Environment LOG_LEVEL is INFO on AWS, "
                             "WARNING here\n"
                             f"drift: function {FUNCTION}: Environment POSTGRES_SECRET_ID is "
                             "conflict-report/db on AWS, prod/db here\n"
                             "drift: state machine conflict_report_daily: logging level is "
                             "ERROR on AWS, ALL here\n"
                             "error: conflict_report_daily: 3 drifted fields between AWS and "
                             "here\n"))
        updated = self.managed("--logging-level", "ALL", secret_id="prod/db")
        self.assertEqual(updated.returncode, 0, updated.stderr)
        self.assertEqual(self.fake.writes()[2:], ["UpdateFunctionConfiguration",
                                                  "UpdateStateMachine"])
        state = self.fake.get("/test/state")
        self.assertEqual(state["functions"][FUNCTION]["Environment"]["Variables"],
                         {"POSTGRES_SECRET_ID": "prod/db", "LOG_LEVEL": "WARNING",
                          "ENVIRONMENT": "prod"})
        self.assertEqual(state["functions"][FUNCTION]["Timeout"], 900)  # the rest kept
        self.assertEqual(
            state["state_machines"]["conflict_report_daily"]["loggingConfiguration"]["level"],
            "ALL")
        self.assertEqual(self.managed("--check", "--logging-level", "ALL",
                                      secret_id="prod/db").returncode, 0)

    def test_a_setting_the_deployer_lacks_is_one_message(self):
        run = self.managed("--dry-run", secret_id=None)
        self.assertEqual((run.returncode, run.stderr),
                         (3, f"error: {self.bindings}:{self.line_of('POSTGRES_SECRET_ID')}:3: "
                             "POSTGRES_SECRET_ID has no value in the bindings, and neither the "
                             "environment nor .env sets it\n"))
        self.assertEqual(self.fake.calls(), [])

    def test_a_password_in_the_bindings_is_refused(self):
        self.set_bindings("  LOG_LEVEL: INFO", f"  POSTGRES_PASSWORD: {self.PASSWORD}")
        run = self.managed("--dry-run")
        self.assertEqual((run.returncode, run.stderr),
                         (3, f"{self.bindings}:{self.line_of('POSTGRES_PASSWORD')}:3: "
                             "no password in a function's environment: name a Secrets Manager "
                             "secret with POSTGRES_SECRET_ID instead (docs/deploy.md)\n"))

    def test_print_policy_grants_the_one_secret_and_log_delivery(self):
        run = self.managed("--print-policy")
        self.assertEqual(run.returncode, 0, run.stderr)
        docs = {}
        for part in run.stdout.split("\n# "):
            title, _, rest = part.lstrip("# ").partition("\n")
            docs[title] = json.loads(rest.split("permissions policy:\n", 1)[1])
        functions = docs["functions' role (--function-role-arn)"]["Statement"]
        self.assertEqual(functions[1], {
            "Sid": "ReadDatabaseSecret", "Effect": "Allow",
            "Action": "secretsmanager:GetSecretValue",
            "Resource": [f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:"
                         "conflict-report/db-??????"]})
        machine = docs["state machine role (--role-arn)"]["Statement"]
        self.assertEqual(machine[1]["Sid"], "DeliverExecutionLogs")
        self.assertEqual(machine[1]["Resource"], "*")
        self.assertIn("logs:CreateLogDelivery", machine[1]["Action"])
        self.assertEqual(self.fake.calls(), [])

    def line_of(self, text):
        with open(self.bindings) as f:
            return next(i for i, line in enumerate(f, 1) if text in line)


class RunOnAws(DeployTest):
    """From a clean state, against the fake (its executions run by conflictctl's engine, the
    history paged 3 events at a time): the plan, a deploy, a second one with no write, drift,
    a run started and waited for, one imported, and the budget with local and AWS side by
    side."""
    fake_runs_executions = True
    fake_config = {"history_page_size": 3}

    def setUp(self):
        super().setUp()
        self.state = os.path.join(self.home, "state")

    def normalized(self, text):
        """Durations and ids that change from run to run replaced, the rest kept."""
        text = text.replace(self.home, "<home>")
        text = re.sub(r"[0-9]{8}T[0-9]{6}Z-[a-z_]+-[0-9a-f]{4}", "<run>", text)
        text = re.sub(r"execution:conflict_report_daily:[0-9a-f-]{36}",
                      "execution:conflict_report_daily:<uuid>", text)
        text = re.sub(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z", "<time>", text)
        # a duration with the padding that aligns it: the columns move with the digits
        text = re.sub(r"(?<=[ (])[+-](?=[0-9])", "", text)  # the drift's sign
        text = re.sub(r" *\b[0-9]+\.[0-9]+ ?%", " <p>%", text)
        return re.sub(r" *\b[0-9][0-9,]*(\.[0-9]+)? s\b", " <n> s", text)

    def test_deploy_start_import_and_budget_side_by_side(self):
        self.assertEqual(self.run_cli("--dry-run", "--role-arn", ROLE, "--function-role-arn",
                                      FUNCTION_ROLE).returncode, 0)
        self.assertEqual(self.fake.writes(), [])
        self.deploy()
        second = self.run_cli()
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertTrue(second.stdout.endswith("nothing to change: no call made\n"))
        self.assertEqual(self.fake.writes(), ["CreateFunction", "CreateStateMachine"])
        bindings = os.path.join(self.pipelines, "conflict_report_daily.yaml")
        with open(bindings) as f:
            deployed = f.read()
        self.set_timeout(600)
        check = self.run_cli("--check")
        self.assertEqual((check.returncode, check.stderr),
                         (6, f"drift: function {FUNCTION}: Timeout is 900 on AWS, 600 here\n"
                             "error: conflict_report_daily: 1 drifted field between AWS and "
                             "here\n"))
        with open(bindings, "w") as f:
            f.write(deployed)  # back as deployed

        # A local run: the same definition on conflictctl's engine, the tasks on the (fake)
        # AWS Lambda functions deploy created.
        local = self.cli("simulate", "--remote", "--pipeline", "conflict_report_daily",
                         "--state-dir", self.state)
        self.assertEqual(local.returncode, 0, local.stderr)

        started = self.cli("start", "conflict_report_daily", "--wait", "--input",
                           '{"day": "2026-12-06"}', "--state-dir", self.state)
        self.assertEqual(started.returncode, 0, started.stderr)
        self.assertEqual(self.normalized(started.stdout), START_REPORT)
        self.assertEqual(self.normalized(started.stderr),
                         "recorded run <run> (conflictctl history <run> --state-dir "
                         "<home>/state)\n")

        arn = self.cli("start", "conflict_report_daily")
        self.assertEqual(arn.returncode, 0, arn.stderr)
        execution = arn.stdout.strip()
        self.assertRegex(execution, rf"^arn:aws:states:us-east-1:{ACCOUNT}:execution:"
                                    r"conflict_report_daily:[0-9a-f-]{36}$")
        for _ in range(300):
            if self.fake_status(execution) != "RUNNING":
                break
            time.sleep(0.1)
        history_calls = self.fake.calls().count("GetExecutionHistory")
        imported = self.cli("history", "import", execution, "--state-dir", self.state)
        self.assertEqual(imported.returncode, 0, imported.stderr)
        self.assertEqual(self.normalized(imported.stdout),
                         f"imported {self.normalized(execution)} as run <run>: SUCCEEDED, "
                         "24 events, <n> s\n")
        # 24 events, 3 a page: 8 pages, each one call.
        self.assertEqual(self.fake.calls().count("GetExecutionHistory") - history_calls, 8)

        again = self.cli("history", "import", execution, "--state-dir", self.state)
        self.assertEqual((again.returncode, self.normalized(again.stdout), again.stderr),
                         (0, f"{self.normalized(execution)} is already recorded as run <run>: "
                             "nothing imported\n", ""))
        listed = self.cli("history", "--state-dir", self.state)
        self.assertEqual([line.split()[2:6] for line in listed.stdout.splitlines()[1:]],
                         [["history", "import", "conflict_report_daily", "aws"],
                          ["start", "conflict_report_daily", "aws", "SUCCEEDED"],
                          ["simulate", "conflict_report_daily", "remote", "SUCCEEDED"]])

        budget = self.cli("budget", "--pipeline", "conflict_report_daily", "--state-dir",
                          self.state)
        self.assertEqual(budget.returncode, 0, budget.stderr)
        table = budget.stdout.split("\nLocal and AWS per invocation\n", 1)[1].split("\n\n")[0]
        # the columns' widths follow the figures: spaces collapsed; the drift's percentage is
        # left out when the local median is 0 (a task of a millisecond)
        table = re.sub(" +", " ", self.normalized(table)).replace(" ( <p>%)", "")
        self.assertEqual(table, SIDE_BY_SIDE)
        report = json.loads(self.cli("budget", "--pipeline", "conflict_report_daily",
                                     "--state-dir", self.state, "--output", "json").stdout)
        compared = report["local_vs_aws"]
        self.assertEqual((compared["local_runs"], compared["aws_runs"]), (1, 2))
        self.assertEqual([t["state"] for t in compared["tasks"]],
                         ["ValidateConfig", "ExecuteTask01", "ExecuteTask02", "ExecuteTask03"])
        for task in compared["tasks"]:
            self.assertAlmostEqual(task["drift_seconds"], task["aws_seconds"]["median"] -
                                   task["local_seconds"]["median"], places=6)

    def fake_status(self, execution):
        state = self.fake.get("/test/executions")
        return state.get(execution, {}).get("status")


class RunFailsOnAws(DeployTest):
    """An execution that fails on AWS exits as a failed local run does."""
    fake_runs_executions = True
    fake_config = {"deny": ["Invoke"]}  # every task invocation refused: the Catch to Fail

    def test_start_wait_exits_1_with_the_failure_reported(self):
        self.deploy()
        state = os.path.join(self.home, "state")
        run = self.cli("start", "conflict_report_daily", "--wait", "--state-dir", state)
        self.assertEqual(run.returncode, 1, run.stderr)
        self.assertIn("\nConfigValidationFailed             Fail      FAILED         1", run.stdout)
        self.assertRegex(run.stderr, r"^recorded run \S+ \(conflictctl history \S+ --state-dir "
                                     r"\S+\)\n$")
        listed = self.cli("history", "--state-dir", state).stdout.splitlines()
        self.assertEqual(listed[1].split()[2:6], ["start", "conflict_report_daily", "aws",
                                                  "FAILED"])

    def test_start_without_a_deployed_machine_is_aws_refusal(self):
        run = self.cli("start", "conflict_report_daily", "--wait")
        self.assertEqual((run.returncode, run.stdout), (7, ""))
        self.assertRegex(run.stderr, r"^error: Step Functions StartExecution: State Machine Does "
                                     r"Not Exist: 'arn:aws:states:us-east-1:123456789012:"
                                     r"stateMachine:conflict_report_daily' \(HTTP 400, request "
                                     r"id [-0-9a-f]+\)\n$")


SCHEDULE_ROLE = f"arn:aws:iam::{ACCOUNT}:role/conflictctl-scheduler"


class ScheduleOnAws(DeployTest):
    """`deploy --schedule`: an EventBridge Scheduler schedule that starts the state machine,
    planned, created, left alone, checked for drift and updated like the rest."""

    def schedule(self, *args):
        return self.run_cli(*args, env_extra={"AWS_ENDPOINT_URL_SCHEDULER": self.fake.url})

    def test_dry_run_deploy_second_deploy_check_and_update(self):
        dry = self.schedule("--dry-run", "--role-arn", ROLE, "--function-role-arn",
                            FUNCTION_ROLE, "--schedule", "cron(0 5 * * ? *)",
                            "--schedule-role-arn", SCHEDULE_ROLE)
        self.assertEqual(dry.returncode, 0, dry.stderr)
        self.assertIn(
            "schedule conflict_report_daily: create\n"
            "  ScheduleExpression          cron(0 5 * * ? *)\n"
            "  ScheduleExpressionTimezone  UTC\n"
            f"  Target.Arn                  {MACHINE_ARN}\n"
            f"  Target.RoleArn              {SCHEDULE_ROLE}\n"
            "  Target.Input                {}\n"
            "  State                       ENABLED\n"
            "plan: 3 to create, 0 to update, 0 up to date\n", dry.stdout)
        self.assertEqual(self.fake.writes(), [])

        first = self.schedule("--role-arn", ROLE, "--function-role-arn", FUNCTION_ROLE,
                              "--schedule", "cron(0 5 * * ? *)", "--schedule-role-arn",
                              SCHEDULE_ROLE, "--schedule-input", '{"day": null}')
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertTrue(first.stdout.endswith(
            f"deployed conflict_report_daily: state machine {MACHINE_ARN}, started "
            "cron(0 5 * * ? *) by schedule conflict_report_daily\n"), first.stdout)
        self.assertEqual(self.fake.writes(), ["CreateFunction", "CreateStateMachine",
                                              "CreateSchedule"])
        deployed = self.fake.get("/test/schedules")["conflict_report_daily"]
        self.assertEqual((deployed["ScheduleExpression"], deployed["Target"],
                          deployed["FlexibleTimeWindow"], deployed["State"]),
                         ("cron(0 5 * * ? *)", {"Arn": MACHINE_ARN, "RoleArn": SCHEDULE_ROLE,
                                                "Input": '{"day":null}'},
                          {"Mode": "OFF"}, "ENABLED"))

        second = self.schedule("--schedule", "cron(0 5 * * ? *)", "--schedule-input",
                               '{"day": null}')
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertTrue(second.stdout.endswith("schedule conflict_report_daily: up to date\n"
                                               "plan: 0 to create, 0 to update, 3 up to date\n"
                                               "nothing to change: no call made\n"),
                        second.stdout)
        self.assertEqual(len(self.fake.writes()), 3)

        check = self.schedule("--check", "--schedule", "cron(0 6 * * ? *)", "--schedule-input",
                              '{"day": null}')
        self.assertEqual((check.returncode, check.stdout, check.stderr),
                         (6, "", "drift: schedule conflict_report_daily: ScheduleExpression is "
                                 "cron(0 5 * * ? *) on AWS, cron(0 6 * * ? *) here\n"
                                 "error: conflict_report_daily: 1 drifted field between AWS and "
                                 "here\n"))
        same = self.schedule("--check", "--schedule", "cron(0 5 * * ? *)", "--schedule-input",
                             '{"day": null}')
        self.assertEqual((same.returncode, same.stdout), (0, (
            "conflict_report_daily: deployed as here (1 function, state machine "
            f"{MACHINE_ARN}, schedule cron(0 5 * * ? *))\n")))

        # A new expression, the role kept as deployed: one UpdateSchedule, nothing else.
        moved = self.schedule("--schedule", "rate(1 day)")
        self.assertEqual(moved.returncode, 0, moved.stderr)
        self.assertIn("schedule conflict_report_daily: update\n"
                      "  ScheduleExpression  cron(0 5 * * ? *) -> rate(1 day)\n"
                      "  Target.Input        {\"day\":null} -> {}\n", moved.stdout)
        self.assertEqual(self.fake.writes()[3:], ["UpdateSchedule"])
        deployed = self.fake.get("/test/schedules")["conflict_report_daily"]
        self.assertEqual((deployed["ScheduleExpression"], deployed["Target"]["RoleArn"]),
                         ("rate(1 day)", SCHEDULE_ROLE))

    def test_a_bad_expression_is_refused_before_any_call(self):
        run = self.schedule("--role-arn", ROLE, "--schedule", "cron(0 5 * * *)")
        self.assertEqual((run.returncode, run.stdout, run.stderr), (3, "", (
            "error: --schedule cron(0 5 * * *): a cron expression has 6 fields (minutes hours "
            "day-of-month month day-of-week year), this one 5: e.g. cron(0 5 * * ? *) is every "
            "day at 05:00 UTC\n")))
        self.assertEqual(self.fake.calls(), [])
        bare = self.schedule("--schedule-role-arn", SCHEDULE_ROLE)
        self.assertEqual(bare.returncode, 2)

    def test_creating_without_the_schedule_role_is_refused_before_any_write(self):
        run = self.schedule("--role-arn", ROLE, "--function-role-arn", FUNCTION_ROLE,
                            "--schedule", "rate(1 day)")
        self.assertEqual((run.returncode, run.stderr.splitlines()[-1]), (2, (
            "error: the schedule conflict_report_daily does not exist yet: give "
            "--schedule-role-arn to create it (`conflictctl deploy --print-policy --schedule "
            "...` prints the role's policies)")))
        self.assertEqual(self.fake.writes(), [])

    def test_aws_validation_error_is_a_clear_message(self):
        run = self.schedule("--role-arn", ROLE, "--function-role-arn", FUNCTION_ROLE,
                            "--schedule", "rate(1 day)", "--schedule-role-arn", SCHEDULE_ROLE,
                            "--schedule-timezone", "Mars/Olympus_Mons")
        self.assertEqual(run.returncode, 7, run.stderr)
        self.assertRegex(run.stderr, r"^error: EventBridge Scheduler CreateSchedule: Invalid "
                                     r"ScheduleExpressionTimezone Mars/Olympus_Mons\. \(HTTP "
                                     r"400, request id [-0-9a-f]+\)\n$")

    def test_print_policy_adds_the_schedule_role(self):
        run = self.schedule("--print-policy", "--role-arn", ROLE, "--schedule", "rate(1 day)",
                            "--schedule-role-arn", SCHEDULE_ROLE)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(self.fake.calls(), [])
        tail = run.stdout.split("# schedule role (--schedule-role-arn)\n", 1)[1]
        self.assertEqual(tail, SCHEDULE_POLICIES)


SCHEDULE_POLICIES = f"""trust policy:
{{
  "Version": "2012-10-17",
  "Statement": [
    {{
      "Effect": "Allow",
      "Principal": {{
        "Service": "scheduler.amazonaws.com"
      }},
      "Action": "sts:AssumeRole",
      "Condition": {{
        "StringEquals": {{
          "aws:SourceAccount": "{ACCOUNT}"
        }}
      }}
    }}
  ]
}}
permissions policy:
{{
  "Version": "2012-10-17",
  "Statement": [
    {{
      "Sid": "StartPipelineExecutions",
      "Effect": "Allow",
      "Action": "states:StartExecution",
      "Resource": [
        "{MACHINE_ARN}"
      ]
    }}
  ]
}}

# the deployer's schedule permissions (with --schedule)
permissions policy:
{{
  "Version": "2012-10-17",
  "Statement": [
    {{
      "Sid": "DeploySchedule",
      "Effect": "Allow",
      "Action": [
        "scheduler:GetSchedule",
        "scheduler:CreateSchedule",
        "scheduler:UpdateSchedule"
      ],
      "Resource": [
        "arn:aws:scheduler:us-east-1:{ACCOUNT}:schedule/default/conflict_report_daily"
      ]
    }},
    {{
      "Sid": "PassScheduleRole",
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": [
        "{SCHEDULE_ROLE}"
      ],
      "Condition": {{
        "StringEquals": {{
          "iam:PassedToService": "scheduler.amazonaws.com"
        }}
      }}
    }}
  ]
}}

"""


DEMO_BINDINGS = """name: redrive_demo
definition: redrive_demo.asl.json
functions:
  flaky-function:
    handler: conflict-report
    timeout_seconds: 60
    memory_mb: 512
"""
DEMO_DEFINITION = {
    "StartAt": "Prepare",
    "States": {
        "Prepare": {"Type": "Task",
                    "Resource": "arn:aws:lambda:REGION:ACCOUNT_ID:function:flaky-function",
                    "ResultPath": "$.prepared", "Next": "Load"},
        "Load": {"Type": "Task",
                 "Resource": "arn:aws:lambda:REGION:ACCOUNT_ID:function:flaky-function",
                 "ResultPath": "$.loaded", "Next": "Done"},
        "Done": {"Type": "Succeed"}}}


class RedriveOnAws(DeployTest):
    """`redrive --remote`: an execution whose second task fails once is redriven on the
    (fake) AWS, which runs it again from that task; then AWS's refusals as clear messages."""
    fake_runs_executions = True
    # Prepare succeeds, Load fails, then (redriven) Load succeeds.
    fake_config = {"functions": {"flaky-function": {"behaviour": "script", "responses": [
        {"result": {"ok": 1}},
        {"function_error": {"errorType": "LoadError", "errorMessage": "disk full"}},
        {"result": {"ok": 2}}]}}}

    def setUp(self):
        super().setUp()
        self.state = os.path.join(self.home, "state")
        with open(os.path.join(self.pipelines, "redrive_demo.yaml"), "w") as f:
            f.write(DEMO_BINDINGS)
        with open(os.path.join(self.pipelines, "redrive_demo.asl.json"), "w") as f:
            json.dump(DEMO_DEFINITION, f)
        deployed = self.cli("deploy", "redrive_demo", "--package", self.zip, "--role-arn", ROLE,
                            "--function-role-arn", FUNCTION_ROLE)
        self.assertEqual(deployed.returncode, 0, deployed.stderr)

    def failed_execution(self):
        run = self.cli("start", "redrive_demo", "--wait", "--state-dir", self.state)
        self.assertEqual(run.returncode, 1, run.stderr)
        [(arn, execution)] = self.fake.get("/test/executions").items()
        self.assertEqual((execution["status"], execution["error"], execution["redriveCount"]),
                         ("FAILED", "LoadError", 0))
        return arn

    def invocations(self):
        return sum(1 for e in self.fake.get("/test/journal") if e["operation"] == "Invoke")

    def test_a_failed_execution_is_redriven_from_its_failed_state(self):
        arn = self.failed_execution()
        self.assertEqual(self.invocations(), 2)
        run = self.cli("redrive", "--remote", arn, "--wait", "--state-dir", self.state)
        self.assertEqual(run.returncode, 0, run.stderr)
        text = RunOnAws.normalized(self, run.stdout.replace(arn, "<arn>"))
        self.assertEqual(text, REDRIVE_REPORT)
        self.assertRegex(run.stderr, r"^recorded run \S+ \(conflictctl history \S+ --state-dir "
                                     r"\S+\)\n$")
        # Only Load ran again: one more invocation, not two.
        self.assertEqual(self.invocations(), 3)
        execution = self.fake.get("/test/executions")[arn]
        self.assertEqual((execution["status"], execution["redriveCount"]), ("SUCCEEDED", 1))
        listed = self.cli("history", "--state-dir", self.state).stdout.splitlines()
        self.assertEqual([line.split()[2:6] for line in listed[1:]],
                         [["redrive", "redrive_demo", "aws", "SUCCEEDED"],
                          ["start", "redrive_demo", "aws", "FAILED"]])

        # Succeeded: AWS refuses another redrive, with the local redrive's exit code.
        again = self.cli("redrive", "--remote", arn)
        self.assertEqual((again.returncode, again.stdout), (9, ""))
        self.assertRegex(again.stderr, "^" + re.escape(
            f"error: execution {arn} cannot be redriven: Step Functions RedriveExecution: "
            "Execution is SUCCEEDED and cannot be redriven. (HTTP 400, request id ")
            + r"[-0-9a-f]+\)\n$")

    def test_redrive_without_wait_prints_the_arn(self):
        arn = self.failed_execution()
        run = self.cli("redrive", "--remote", arn)
        self.assertEqual((run.returncode, run.stdout, run.stderr), (0, arn + "\n", ""))
        self.assertEqual(self.fake.get("/test/executions")[arn]["redriveCount"], 1)

    def test_aws_refusals_are_clear_messages(self):
        missing = f"arn:aws:states:us-east-1:{ACCOUNT}:execution:redrive_demo:nope"
        run = self.cli("redrive", "--remote", missing)
        self.assertEqual((run.returncode, run.stdout), (7, ""))
        self.assertRegex(run.stderr, "^" + re.escape(
            "error: Step Functions RedriveExecution: Execution Does Not Exist: "
            f"'{missing}' (HTTP 400, request id ") + r"[-0-9a-f]+\)\n$")

        arn = self.failed_execution()
        urllib.request.urlopen(urllib.request.Request(
            self.fake.url + "/test/config", data=b'{"max_running_executions": 0}',
            method="POST"), timeout=30).close()
        limited = self.cli("redrive", "--remote", arn, "--wait")
        self.assertEqual((limited.returncode, limited.stdout), (7, ""))
        self.assertRegex(limited.stderr, "^" + re.escape(
            "error: Step Functions RedriveExecution: Execution Limit Exceeded: '0 executions "
            "are running' (HTTP 400, request id ") + r"[-0-9a-f]+" + re.escape(
            "); the account has as many running executions as AWS allows: redrive it once "
            "some have ended\n") + "$")

        bad = self.cli("redrive", "--remote", "run-123")
        self.assertEqual((bad.returncode, bad.stdout, bad.stderr),
                         (3, "", "error: --remote run-123: not a Step Functions execution ARN "
                                 "(arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME)\n"))
        neither = self.cli("redrive")
        self.assertEqual((neither.returncode, neither.stderr),
                         (2, "error: redrive needs a RUN_ID or --remote EXECUTION_ARN\n"))
        self.assertEqual(self.cli("redrive", "--remote", arn, "--mock-config", "m.json")
                         .returncode, 2)


REDRIVE_REPORT = (
    "Pipeline redrive_demo (<home>/pipelines/redrive_demo.asl.json), on AWS Step Functions in"
    " us-east-1\n"
    "execution <arn>, redrive 1\n"
    "\n"
    "State                              Type      Status      Runs        Total      Longest "
    "Retries      Rows\n"
    "Prepare                            Task      SUCCEEDED      1 <n> s <n> s       0       "
    "  -\n"
    "Load                               Task      FAILED         2 <n> s <n> s       0       "
    "  -\n"
    "                                   error: LoadError\n"
    "Done                               Succeed   SUCCEEDED      1 <n> s <n> s       0       "
    "  -\n"
    "\n"
    "Lambda timeout analysis, per invocation (measured durations; safe < 80% of the limit, wa"
    "rning 80-100%, over = the invocation fails):\n"
    "Task state                         Invocations      Longest    Limit    Used  Zone\n"
    "Prepare                                      1 <n> s <n> s <p>%  safe\n"
    "Load                                         2 <n> s <n> s <p>%  safe\n"
    "\n"
    "Execution SUCCEEDED in <n> s (measured time).\n"
    "Every task invocation finished inside its limit with at least 20% headroom.\n"
    "The pipeline's total time is not limited by Lambda; each invocation is.\n"
    "\n"
    "Budget\n"
    "  Worst case from the definition: <n> s for the whole execution; the longest state is Pr"
    "epare, up to <n> s.\n"
    "  Quotas in this run: largest state input/output 39 B of 262,144 B ( <p>%), 20 of 25,000"
    " history events ( <p>%).\n"
    "  Full report (measured runs, growth, the timeline as HTML): conflictctl budget --pipeli"
    "ne redrive_demo --state-dir <home>/state\n"
)


START_REPORT = (
    "Pipeline conflict_report_daily (<home>/pipelines/conflict_report_daily.asl.json), on "
    "AWS Step Functions in us-east-1\n"
    "execution arn:aws:states:us-east-1:123456789012:execution:conflict_report_daily:<uuid>\n"
    "\n"
    "State                              Type      Status      Runs        Total      "
    "Longest Retries      Rows\n"
    "ValidateConfig                     Task      SUCCEEDED      1 <n> s <n> s       0      "
    "   -\n"
    "ExecuteTask01                      Task      SUCCEEDED      1 <n> s <n> s       0      "
    "   -\n"
    "ExecuteTask02                      Task      SUCCEEDED      1 <n> s <n> s       0      "
    "   -\n"
    "ExecuteTask03                      Task      SUCCEEDED      1 <n> s <n> s       0      "
    "   -\n"
    "PipelineSuccess                    Succeed   SUCCEEDED      1 <n> s <n> s       0      "
    "   -\n"
    "\n"
    "Lambda timeout analysis, per invocation (measured durations; safe < 80% of the limit, "
    "warning 80-100%, over = the invocation fails):\n"
    "Task state                         Invocations      Longest    Limit    Used  Zone\n"
    "ValidateConfig                               1 <n> s <n> s <p>%  safe\n"
    "ExecuteTask01                                1 <n> s <n> s <p>%  safe\n"
    "ExecuteTask02                                1 <n> s <n> s <p>%  safe\n"
    "ExecuteTask03                                1 <n> s <n> s <p>%  safe\n"
    "\n"
    "Execution SUCCEEDED in <n> s (measured time).\n"
    "Every task invocation finished inside its limit with at least 20% headroom.\n"
    "The pipeline's total time is not limited by Lambda; each invocation is.\n"
    "\n"
    "Budget\n"
    "  Worst case from the definition: <n> s for the whole execution; the longest state is "
    "ExecuteTask01, up to <n> s with its retries.\n"
    "  Quotas in this run: largest state input/output 174 B of 262,144 B ( <p>%), 24 of "
    "25,000 history events ( <p>%).\n"
    "  Full report (measured runs, growth, the timeline as HTML): conflictctl budget "
    "--pipeline conflict_report_daily --state-dir <home>/state\n"
)
SIDE_BY_SIDE = (
    "Task Local runs Local median Local max AWS runs AWS median AWS max Drift (median)\n"
    "ValidateConfig 1 <n> s <n> s 2 <n> s <n> s <n> s\n"
    "ExecuteTask01 1 <n> s <n> s 2 <n> s <n> s <n> s\n"
    "ExecuteTask02 1 <n> s <n> s 2 <n> s <n> s <n> s\n"
    "ExecuteTask03 1 <n> s <n> s 2 <n> s <n> s <n> s\n"
    " Local: 1 run measured here (simulate, execute); AWS: 2 runs on AWS Step Functions (start "
    "--wait, history import). Drift = AWS median - local median per invocation.")


def main():
    global BINARY
    BINARY = sys.argv.pop(1)
    unittest.main()


if __name__ == "__main__":
    main()
