// The fake AWS endpoint (test/aws/fake_aws.py) against the official AWS SDK for JavaScript v3:
// every call conflictctl's deploy relies on is made with the SDK's own clients, so the fake must
// accept the SDK's requests (protocol, paths, X-Amz-Target, SigV4) and the SDK's parsers must
// read its answers, including its errors.
//
// Usage: node sdk_check.mjs NODE_MODULES CONFLICTCTL   (run by test/aws/sdk_check.sh)
// Prints one "ok NAME" line per check; exits 1 at the first failure, naming it.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [modules, conflictctl] = process.argv.slice(2);
const require = createRequire(path.join(modules, "x.js"));
const lambda = require("@aws-sdk/client-lambda");
const sfn = require("@aws-sdk/client-sfn");
const secrets = require("@aws-sdk/client-secrets-manager");
const scheduler = require("@aws-sdk/client-scheduler");

const here = path.dirname(fileURLToPath(import.meta.url));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "fake-aws-sdk-"));
const KEY = "AKIDEXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const ACCOUNT = "123456789012";
const config = {
  credentials: { [KEY]: { secret: SECRET } },
  region: "us-east-1",
  account: ACCOUNT,
  secrets: { "conflict-report/db": '{"username":"app","password":"s3cr3t-Pa55"}',
             "conflict-report/binary": { binary: "AAEC/w==" },
             "conflict-report/denied": "{}" },
  deny: ["GetSecretValue:conflict-report/denied"],
  throttle: { GetFunctionConfiguration: 1, DescribeStateMachine: 1 },
  history_page_size: 2,  // GetExecutionHistory without maxResults: pages of 2 events
};
fs.writeFileSync(path.join(work, "config.json"), JSON.stringify(config));
const portFile = path.join(work, "port");
const fake = spawn("python3", [path.join(here, "fake_aws.py"), "--config",
  path.join(work, "config.json"), "--port-file", portFile, "--engine", conflictctl],
  { stdio: "inherit" });

function fail(message) {
  console.log(`FAIL ${message}`);
  fake.kill("SIGTERM");
  process.exit(1);
}
function check(name, condition, detail) {
  if (!condition) fail(`${name}: ${detail ?? ""}`);
  console.log(`ok ${name}`);
}
async function refused(name, promise, errorName, status) {
  try {
    await promise;
  } catch (e) {
    check(name, e.name === errorName && e.$metadata.httpStatusCode === status,
      `got ${e.name} ${e.$metadata?.httpStatusCode}: ${e.message}`);
    return e;
  }
  fail(`${name}: the call succeeded, expected ${errorName}`);
}

for (let i = 0; i < 100 && !fs.existsSync(portFile); i++) {
  await new Promise((r) => setTimeout(r, 50));
}
if (!fs.existsSync(portFile)) fail("the fake did not start");
const endpoint = `http://127.0.0.1:${fs.readFileSync(portFile, "utf8")}`;
const options = (maxAttempts) => ({
  endpoint, region: "us-east-1", maxAttempts,
  credentials: { accessKeyId: KEY, secretAccessKey: SECRET },
});

try {
  // --- Lambda (REST-JSON) ---
  const lc = new lambda.LambdaClient(options(3));
  const emptyZip = Buffer.concat([Buffer.from("PK\x05\x06"), Buffer.alloc(18)]);
  const created = await lc.send(new lambda.CreateFunctionCommand({
    FunctionName: "conflict-task-01", Role: `arn:aws:iam::${ACCOUNT}:role/fn`,
    Runtime: "provided.al2023", Handler: "TASK_01", Timeout: 300, MemorySize: 512,
    Architectures: ["x86_64"], Environment: { Variables: { TASK: "TASK_01" } },
    Code: { ZipFile: emptyZip },
  }));
  check("CreateFunction", created.FunctionArn ===
    `arn:aws:lambda:us-east-1:${ACCOUNT}:function:conflict-task-01` && created.Timeout === 300 &&
    created.$metadata.httpStatusCode === 201, JSON.stringify(created));
  await refused("CreateFunction twice: ResourceConflictException",
    lc.send(new lambda.CreateFunctionCommand({
      FunctionName: "conflict-task-01", Role: "arn:aws:iam::1:role/fn", Runtime: "provided.al2023",
      Handler: "x", Code: { ZipFile: emptyZip },
    })), "ResourceConflictException", 409);

  const got = await lc.send(new lambda.GetFunctionCommand({ FunctionName: "conflict-task-01" }));
  check("GetFunction", got.Configuration.MemorySize === 512 &&
    got.Configuration.Environment.Variables.TASK === "TASK_01" &&
    got.Configuration.CodeSha256.length === 44, JSON.stringify(got));
  // The first GetFunctionConfiguration is throttled (429): the SDK retries it.
  const conf = await lc.send(new lambda.GetFunctionConfigurationCommand({
    FunctionName: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:conflict-task-01`,
  }));
  check("GetFunctionConfiguration by ARN, after a throttled attempt",
    conf.Handler === "TASK_01" && conf.$metadata.attempts === 2, JSON.stringify(conf.$metadata));
  await refused("GetFunction of a missing function: ResourceNotFoundException",
    lc.send(new lambda.GetFunctionCommand({ FunctionName: "nope" })),
    "ResourceNotFoundException", 404);

  const code = await lc.send(new lambda.UpdateFunctionCodeCommand({
    FunctionName: "conflict-task-01", ZipFile: Buffer.concat([emptyZip, Buffer.from("x")]),
  }));
  check("UpdateFunctionCode", code.CodeSize === 23 && code.CodeSha256 !== conf.CodeSha256,
    JSON.stringify(code));
  const updated = await lc.send(new lambda.UpdateFunctionConfigurationCommand({
    FunctionName: "conflict-task-01", Timeout: 600, MemorySize: 1024,
  }));
  check("UpdateFunctionConfiguration", updated.Timeout === 600 && updated.MemorySize === 1024 &&
    updated.Handler === "TASK_01", JSON.stringify(updated));
  await refused("UpdateFunctionConfiguration out of range: InvalidParameterValueException",
    lc.send(new lambda.UpdateFunctionConfigurationCommand({
      FunctionName: "conflict-task-01", Timeout: 901,
    })), "InvalidParameterValueException", 400);

  const invoked = await lc.send(new lambda.InvokeCommand({
    FunctionName: "conflict-task-01", Payload: Buffer.from('{"chunk": 3}'),
  }));
  check("Invoke", JSON.parse(Buffer.from(invoked.Payload).toString()).chunk === 3 &&
    invoked.StatusCode === 200, JSON.stringify(invoked));

  const wrongKey = new lambda.LambdaClient({ ...options(1),
    credentials: { accessKeyId: KEY, secretAccessKey: "not-the-secret" } });
  await refused("a wrong secret: InvalidSignatureException",
    wrongKey.send(new lambda.GetFunctionCommand({ FunctionName: "conflict-task-01" })),
    "InvalidSignatureException", 403);

  // --- Step Functions (awsJson1_0) ---
  const sc = new sfn.SFNClient(options(3));
  const definition = JSON.stringify({
    StartAt: "Task", States: { Task: {
      Type: "Task", Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:conflict-task-01`,
      End: true } },
  });
  const role = `arn:aws:iam::${ACCOUNT}:role/sm`;
  const machine = await sc.send(new sfn.CreateStateMachineCommand({
    name: "conflict_report_daily", definition, roleArn: role, type: "STANDARD" }));
  check("CreateStateMachine", machine.stateMachineArn ===
    `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:conflict_report_daily` &&
    machine.creationDate instanceof Date, JSON.stringify(machine));
  await refused("CreateStateMachine with another definition: StateMachineAlreadyExists",
    sc.send(new sfn.CreateStateMachineCommand({
      name: "conflict_report_daily", definition: '{"StartAt":"A","States":{}}', roleArn: role })),
    "StateMachineAlreadyExists", 400);
  await refused("CreateStateMachine with a bad definition: InvalidDefinition",
    sc.send(new sfn.CreateStateMachineCommand({ name: "x", definition: "{", roleArn: role })),
    "InvalidDefinition", 400);

  const described = await sc.send(new sfn.DescribeStateMachineCommand({
    stateMachineArn: machine.stateMachineArn }));
  check("DescribeStateMachine, after a throttled attempt", described.definition === definition &&
    described.roleArn === role && described.type === "STANDARD" &&
    described.$metadata.attempts === 2, JSON.stringify(described));
  await refused("DescribeStateMachine of a missing machine: StateMachineDoesNotExist",
    sc.send(new sfn.DescribeStateMachineCommand({
      stateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:nope` })),
    "StateMachineDoesNotExist", 400);
  const update = await sc.send(new sfn.UpdateStateMachineCommand({
    stateMachineArn: machine.stateMachineArn, definition: definition + " " }));
  check("UpdateStateMachine", update.updateDate instanceof Date, JSON.stringify(update));
  // The state machine's logging (conflictctl deploy --logging-level / --log-group-arn).
  const logGroupArn =
    `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/vendedlogs/states/daily:*`;
  await sc.send(new sfn.UpdateStateMachineCommand({
    stateMachineArn: machine.stateMachineArn, definition, loggingConfiguration: {
      level: "ERROR", includeExecutionData: false,
      destinations: [{ cloudWatchLogsLogGroup: { logGroupArn } }] } }));
  const logged = await sc.send(new sfn.DescribeStateMachineCommand({
    stateMachineArn: machine.stateMachineArn }));
  check("UpdateStateMachine with loggingConfiguration, read back by DescribeStateMachine",
    logged.loggingConfiguration.level === "ERROR" &&
    logged.loggingConfiguration.includeExecutionData === false &&
    logged.loggingConfiguration.destinations[0].cloudWatchLogsLogGroup.logGroupArn ===
      logGroupArn, JSON.stringify(logged.loggingConfiguration));
  await refused("a logging level without a destination: InvalidLoggingConfiguration",
    sc.send(new sfn.UpdateStateMachineCommand({
      stateMachineArn: machine.stateMachineArn, definition,
      loggingConfiguration: { level: "ALL", destinations: [] } })),
    "InvalidLoggingConfiguration", 400);

  await sc.send(new sfn.CreateStateMachineCommand({ name: "another", definition, roleArn: role }));
  const page1 = await sc.send(new sfn.ListStateMachinesCommand({ maxResults: 1 }));
  const page2 = await sc.send(new sfn.ListStateMachinesCommand({
    maxResults: 1, nextToken: page1.nextToken }));
  check("ListStateMachines, two pages", page1.stateMachines[0].name === "another" &&
    page2.stateMachines[0].name === "conflict_report_daily" && page2.nextToken === undefined,
    JSON.stringify([page1, page2]));

  const started = await sc.send(new sfn.StartExecutionCommand({
    stateMachineArn: machine.stateMachineArn, name: "run-1", input: '{"day": "2026-12-06"}' }));
  check("StartExecution", started.executionArn ===
    `arn:aws:states:us-east-1:${ACCOUNT}:execution:conflict_report_daily:run-1`,
    JSON.stringify(started));
  let execution;
  for (let i = 0; i < 200; i++) {
    execution = await sc.send(new sfn.DescribeExecutionCommand({
      executionArn: started.executionArn }));
    if (execution.status !== "RUNNING") break;
    await new Promise((r) => setTimeout(r, 100));
  }
  check("DescribeExecution: run by conflictctl's engine, the task invoked through the fake",
    execution.status === "SUCCEEDED" && JSON.parse(execution.output).day === "2026-12-06" &&
    execution.stopDate instanceof Date, JSON.stringify(execution));
  const events = [];
  let token;
  do {
    const page = await sc.send(new sfn.GetExecutionHistoryCommand({
      executionArn: started.executionArn, maxResults: 2, nextToken: token }));
    events.push(...page.events);
    token = page.nextToken;
  } while (token);
  const types = events.map((e) => e.type);
  check("GetExecutionHistory, every page", types[0] === "ExecutionStarted" &&
    types.includes("LambdaFunctionSucceeded") && types.at(-1) === "ExecutionSucceeded" &&
    events[0].timestamp instanceof Date, types.join(","));
  // What conflictctl start --wait and history import read: DescribeExecution's details, and
  // the history paged by the service's own page size, read to the end by the SDK's paginator.
  check("DescribeExecution: inputDetails and outputDetails",
    execution.inputDetails?.included === true && execution.outputDetails?.included === true &&
    execution.stateMachineArn === machine.stateMachineArn, JSON.stringify(execution));
  const paged = [];
  let pages = 0;
  for await (const page of sfn.paginateGetExecutionHistory({ client: sc },
    { executionArn: started.executionArn })) {
    pages++;
    paged.push(...page.events);
  }
  check("GetExecutionHistory by the SDK's paginator, the service's page size",
    pages === Math.ceil(events.length / 2) && paged.length === events.length &&
    paged.every((e, i) => e.id === i + 1 && e.previousEventId < e.id &&
      e.timestamp instanceof Date), `${pages} pages, ${paged.length} events`);
  await refused("DescribeExecution of a missing execution: ExecutionDoesNotExist",
    sc.send(new sfn.DescribeExecutionCommand({ executionArn: started.executionArn + "x" })),
    "ExecutionDoesNotExist", 400);

  // --- Secrets Manager (awsJson1_1) ---
  const mc = new secrets.SecretsManagerClient(options(1));
  const secret = await mc.send(new secrets.GetSecretValueCommand({
    SecretId: "conflict-report/db" }));
  check("GetSecretValue", JSON.parse(secret.SecretString).username === "app" &&
    secret.VersionStages[0] === "AWSCURRENT" && secret.CreatedDate instanceof Date,
    secret.Name);
  await refused("GetSecretValue of a missing secret: ResourceNotFoundException",
    mc.send(new secrets.GetSecretValueCommand({ SecretId: "nope" })),
    "ResourceNotFoundException", 400);
  const byArn = await mc.send(new secrets.GetSecretValueCommand({ SecretId: secret.ARN }));
  check("GetSecretValue by the full ARN", byArn.Name === "conflict-report/db" &&
    byArn.SecretString === secret.SecretString, byArn.ARN);
  const binary = await mc.send(new secrets.GetSecretValueCommand({
    SecretId: "conflict-report/binary" }));
  check("GetSecretValue of a SecretBinary: the SDK decodes the bytes",
    binary.SecretString === undefined && binary.SecretBinary instanceof Uint8Array &&
    Buffer.from(binary.SecretBinary).equals(Buffer.from([0, 1, 2, 255])),
    String(binary.SecretBinary));
  await refused("GetSecretValue without the permission: AccessDeniedException",
    mc.send(new secrets.GetSecretValueCommand({ SecretId: "conflict-report/denied" })),
    "AccessDeniedException", 400);

  // --- RedriveExecution (conflictctl redrive --remote) ---
  const failing = await sc.send(new sfn.CreateStateMachineCommand({
    name: "always_fails", roleArn: role,
    definition: JSON.stringify({ StartAt: "Stop", States: { Stop: {
      Type: "Fail", Error: "Boom", Cause: "stopped" } } }) }));
  const failed = await sc.send(new sfn.StartExecutionCommand({
    stateMachineArn: failing.stateMachineArn, name: "run-2" }));
  const ended = async (arn) => {
    for (let i = 0; i < 200; i++) {
      const d = await sc.send(new sfn.DescribeExecutionCommand({ executionArn: arn }));
      if (d.status !== "RUNNING") return d;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const first = await ended(failed.executionArn);
  const redriven = await sc.send(new sfn.RedriveExecutionCommand({
    executionArn: failed.executionArn }));
  const second = await ended(failed.executionArn);
  const again = { events: [] };
  for await (const page of sfn.paginateGetExecutionHistory({ client: sc },
    { executionArn: failed.executionArn })) again.events.push(...page.events);
  const redriveTypes = again.events.map((e) => e.type);
  check("RedriveExecution: redriveCount, and the history goes on after ExecutionRedriven",
    first.status === "FAILED" && first.redriveCount === 0 &&
    redriven.redriveDate instanceof Date && second.redriveCount === 1 &&
    second.redriveDate instanceof Date && second.status === "FAILED" &&
    second.error === "Boom" && redriveTypes.filter((t) => t === "ExecutionFailed").length === 2 &&
    again.events.find((e) => e.type === "ExecutionRedriven")
      ?.executionRedrivenEventDetails?.redriveCount === 1 &&
    again.events.every((e, i) => e.id === i + 1),
    JSON.stringify([first, second, redriveTypes]));
  await refused("RedriveExecution of a SUCCEEDED execution: ExecutionNotRedrivable",
    sc.send(new sfn.RedriveExecutionCommand({ executionArn: started.executionArn })),
    "ExecutionNotRedrivable", 400);
  await refused("RedriveExecution of a missing execution: ExecutionDoesNotExist",
    sc.send(new sfn.RedriveExecutionCommand({ executionArn: started.executionArn + "x" })),
    "ExecutionDoesNotExist", 400);

  // --- EventBridge Scheduler (REST-JSON; conflictctl deploy --schedule) ---
  const ec = new scheduler.SchedulerClient(options(1));
  const target = { Arn: machine.stateMachineArn, RoleArn: `arn:aws:iam::${ACCOUNT}:role/sch`,
    Input: '{"day":null}' };
  const schedule = await ec.send(new scheduler.CreateScheduleCommand({
    Name: "conflict_report_daily", ScheduleExpression: "cron(0 5 * * ? *)",
    FlexibleTimeWindow: { Mode: "OFF" }, Target: target }));
  check("CreateSchedule", schedule.ScheduleArn ===
    `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/default/conflict_report_daily`,
    JSON.stringify(schedule));
  await refused("CreateSchedule of an existing schedule: ConflictException",
    ec.send(new scheduler.CreateScheduleCommand({ Name: "conflict_report_daily",
      ScheduleExpression: "rate(1 day)", FlexibleTimeWindow: { Mode: "OFF" }, Target: target })),
    "ConflictException", 409);
  await refused("CreateSchedule with a bad expression: ValidationException",
    ec.send(new scheduler.CreateScheduleCommand({ Name: "bad",
      ScheduleExpression: "cron(0 5 * * *)", FlexibleTimeWindow: { Mode: "OFF" },
      Target: target })),
    "ValidationException", 400);
  const updatedSchedule = await ec.send(new scheduler.UpdateScheduleCommand({
    Name: "conflict_report_daily", ScheduleExpression: "rate(1 day)",
    FlexibleTimeWindow: { Mode: "OFF" }, Target: target }));
  const fetched = await ec.send(new scheduler.GetScheduleCommand({
    Name: "conflict_report_daily" }));
  check("UpdateSchedule, then GetSchedule",
    updatedSchedule.ScheduleArn === schedule.ScheduleArn &&
    fetched.ScheduleExpression === "rate(1 day)" &&
    fetched.Target.Arn === machine.stateMachineArn &&
    fetched.Target.RoleArn === target.RoleArn && fetched.Target.Input === target.Input &&
    fetched.State === "ENABLED" && fetched.FlexibleTimeWindow.Mode === "OFF" &&
    fetched.CreationDate instanceof Date && fetched.LastModificationDate instanceof Date,
    JSON.stringify(fetched));
  await refused("GetSchedule of a missing schedule: ResourceNotFoundException",
    ec.send(new scheduler.GetScheduleCommand({ Name: "nope" })),
    "ResourceNotFoundException", 404);
  await refused("UpdateSchedule of a missing schedule: ResourceNotFoundException",
    ec.send(new scheduler.UpdateScheduleCommand({ Name: "nope",
      ScheduleExpression: "rate(1 day)", FlexibleTimeWindow: { Mode: "OFF" }, Target: target })),
    "ResourceNotFoundException", 404);

  // --- the journal: one entry per call, no secret in it ---
  const journal = await (await fetch(`${endpoint}/test/journal`)).text();
  check("the journal holds no secret", !journal.includes(SECRET) &&
    !journal.includes("s3cr3t-Pa55"), "a secret in the journal");
  const writes = JSON.parse(journal).filter((e) => e.write).map((e) => e.operation);
  check("the journal counts the writes", writes.join(",") === "CreateFunction," +
    "UpdateFunctionCode,UpdateFunctionConfiguration,CreateStateMachine,UpdateStateMachine," +
    "UpdateStateMachine,CreateStateMachine,StartExecution,CreateStateMachine,StartExecution," +
    "RedriveExecution,CreateSchedule,UpdateSchedule", writes.join(","));
} catch (e) {
  fail(`unexpected ${e.name}: ${e.message}`);
}
fake.kill("SIGTERM");
fs.rmSync(work, { recursive: true, force: true });
