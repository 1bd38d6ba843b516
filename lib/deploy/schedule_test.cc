#include "deploy/schedule.h"

#include <catch2/catch.hpp>

#include "aws/fake_http.h"

namespace conflictctl::deploy {
namespace {

const aws::Credentials kCredentials{"AKIDEXAMPLE", "secret/EXAMPLEKEY", "", "test"};
const std::string kMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:daily";
const std::string kRole = "arn:aws:iam::123456789012:role/scheduler";

std::string why(std::string_view expression) {
  Result<void> checked = check_schedule_expression(expression);
  return checked ? "ok" : checked.error().cause;
}

TEST_CASE("schedule expressions are checked as Scheduler reads them") {
  for (const char* good :
       {"rate(1 day)", "rate(15 minutes)", "rate(2 hours)", "rate(1 minute)",
        "cron(0 5 * * ? *)", "cron(30 6 ? * MON-FRI *)", "cron(0/15 * * * ? *)",
        "cron(0 5 L * ? *)", "cron(0 5 ? * 6#3 *)", "cron(0 5 1,15 JAN-JUN ? 2027)",
        "cron(0 5 15W * ? *)", "cron(0 5 ? * 2L *)"})
    CHECK(why(good) == "ok");
  CHECK(why("rate(1 days)") == "--schedule rate(1 days): the unit must be singular when the "
                               "value is 1");
  CHECK(why("rate(5 minute)") == "--schedule rate(5 minute): the unit must be plural when the "
                                 "value is 5");
  const std::string rate_usage =
      ": a rate is rate(VALUE UNIT), VALUE a positive integer and UNIT minute, hour or day "
      "(plural when VALUE is not 1): rate(1 day), rate(15 minutes)";
  CHECK(why("rate(0 days)") == "--schedule rate(0 days)" + rate_usage);
  CHECK(why("rate(1 week)") == "--schedule rate(1 week)" + rate_usage);
  CHECK(why("cron(0 5 * * ?)") ==
        "--schedule cron(0 5 * * ?): a cron expression has 6 fields (minutes hours "
        "day-of-month month day-of-week year), this one 5: e.g. cron(0 5 * * ? *) is every day "
        "at 05:00 UTC");
  CHECK(why("cron(0 24 * * ? *)") ==
        "--schedule cron(0 24 * * ? *): the hours field \"24\" is not valid (0-23)");
  CHECK(why("cron(0 5 * FOO ? *)") ==
        "--schedule cron(0 5 * FOO ? *): the month field \"FOO\" is not valid (1-12, or names "
        "such as JAN)");
  CHECK(why("cron(0 5 * * * *)") ==
        "--schedule cron(0 5 * * * *): one of day-of-month and day-of-week must be ?, and only "
        "one (e.g. cron(0 5 * * ? *) or cron(0 5 ? * MON-FRI *))");
  CHECK(why("cron(? 5 * * ? *)") ==
        "--schedule cron(? 5 * * ? *): ? is allowed only in day-of-month and day-of-week, not "
        "in minutes");
  CHECK(why("at(2027-01-01T05:00:00)") ==
        "--schedule at(2027-01-01T05:00:00): deploy makes a recurring schedule: give cron(...) "
        "or rate(...), not a one-time at(...)");
  CHECK(why("daily") == "--schedule daily: a schedule is cron(MINUTES HOURS DAY-OF-MONTH MONTH "
                        "DAY-OF-WEEK YEAR) or rate(VALUE UNIT), e.g. 'cron(0 5 * * ? *)'");
}

struct Fixture {
  aws::FakeHttpClient http;
  VirtualClock clock{Timestamp{}};
  aws::ServiceClient client{http, clock, aws::Service::kScheduler,
                            {kCredentials, "us-east-1", "http://127.0.0.1:1", {}}};
  aws::Scheduler scheduler{client};
  LocalPipeline pipeline{
      {}, "", aws::StateMachineSettings{"daily", "{}", "", "STANDARD", std::nullopt}, kMachineArn};

  aws::ScheduleSettings local(std::string expression, std::string role = kRole) {
    Result<aws::ScheduleSettings> out =
        local_schedule(pipeline, {std::move(expression), std::move(role), R"({"day":null})", ""});
    REQUIRE(out);
    return *out;
  }
};

const char* kNotFound = R"({"Message": "Schedule daily does not exist."})";

std::string deployed(const std::string& expression) {
  return R"({"Arn": "arn:aws:scheduler:us-east-1:123456789012:schedule/default/daily",
    "Name": "daily", "GroupName": "default", "State": "ENABLED",
    "ScheduleExpression": ")" + expression + R"(", "ScheduleExpressionTimezone": "UTC",
    "FlexibleTimeWindow": {"Mode": "OFF"},
    "Target": {"Arn": ")" + kMachineArn + R"(", "RoleArn": ")" + kRole + R"(",
               "Input": "{\"day\":null}"}})";
}

TEST_CASE("a missing schedule is planned with every field, then created with its target") {
  Fixture f;
  f.http.queue(aws::HttpResponse{404, {{"x-amzn-ErrorType", "ResourceNotFoundException"}},
                                 kNotFound});
  f.http.queue(aws::HttpResponse{200, {}, R"({"ScheduleArn": "arn:s"})"});
  const aws::ScheduleSettings local = f.local("cron(0 5 * * ? *)");
  Result<ResourceChange> change = plan_schedule(local, f.scheduler);
  REQUIRE(change);
  CHECK(format_plan(DeployPlan{{*change}}) ==
        "schedule daily: create\n"
        "  ScheduleExpression          cron(0 5 * * ? *)\n"
        "  ScheduleExpressionTimezone  UTC\n"
        "  Target.Arn                  " + kMachineArn + "\n"
        "  Target.RoleArn              " + kRole + "\n"
        "  Target.Input                {\"day\":null}\n"
        "  State                       ENABLED\n"
        "plan: 1 to create, 0 to update, 0 up to date\n");
  REQUIRE(apply_schedule(*change, local, f.scheduler));
  const std::vector<aws::HttpRequest> sent = f.http.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].method == "GET");
  CHECK(sent[0].url == "http://127.0.0.1:1/schedules/daily");
  CHECK(sent[1].method == "POST");
  CHECK(Json::parse(sent[1].body) ==
        Json{{"ScheduleExpression", "cron(0 5 * * ? *)"},
             {"FlexibleTimeWindow", {{"Mode", "OFF"}}},
             {"State", "ENABLED"},
             {"Target",
              {{"Arn", kMachineArn}, {"RoleArn", kRole}, {"Input", R"({"day":null})"}}}});
}

TEST_CASE("a deployed schedule as here plans nothing, and a changed expression is drift") {
  Fixture f;
  f.http.queue(aws::HttpResponse{200, {}, deployed("cron(0 5 * * ? *)")});
  Result<ResourceChange> same = plan_schedule(f.local("cron(0 5 * * ? *)"), f.scheduler);
  REQUIRE(same);
  CHECK(!same->changed());
  REQUIRE(apply_schedule(*same, f.local("cron(0 5 * * ? *)"), f.scheduler));
  CHECK(f.http.requests().size() == 1);  // no write

  f.http.queue(aws::HttpResponse{200, {}, deployed("cron(0 5 * * ? *)")});
  f.http.queue(aws::HttpResponse{200, {}, deployed("cron(0 5 * * ? *)")});
  f.http.queue(aws::HttpResponse{200, {}, "{}"});
  const aws::ScheduleSettings later = f.local("cron(30 6 * * ? *)", "");  // role kept
  Result<ResourceChange> changed = plan_schedule(later, f.scheduler);
  REQUIRE(changed);
  CHECK(drift_lines(DeployPlan{{*changed}}) ==
        std::vector<std::string>{"schedule daily: ScheduleExpression is cron(0 5 * * ? *) on "
                                 "AWS, cron(30 6 * * ? *) here"});
  REQUIRE(apply_schedule(*changed, later, f.scheduler));
  const std::vector<aws::HttpRequest> sent = f.http.requests();
  REQUIRE(sent.size() == 4);
  CHECK(sent[3].method == "PUT");
  CHECK(Json::parse(sent[3].body)["Target"]["RoleArn"] == kRole);  // the deployed one
  CHECK(Json::parse(sent[3].body)["ScheduleExpression"] == "cron(30 6 * * ? *)");
}

TEST_CASE("creating a schedule without its role is refused before any write") {
  Fixture f;
  f.http.queue(aws::HttpResponse{404, {{"x-amzn-ErrorType", "ResourceNotFoundException"}},
                                 kNotFound});
  const aws::ScheduleSettings local = f.local("rate(1 day)", "");
  Result<ResourceChange> change = plan_schedule(local, f.scheduler);
  REQUIRE(change);
  CHECK(change->fields[3].local == "(none: give --schedule-role-arn)");
  Result<void> ready = schedule_ready(*change, local);
  REQUIRE(!ready);
  CHECK(ready.error().name == "Deploy.NeedsRole");
  CHECK(!apply_schedule(*change, local, f.scheduler));
  CHECK(f.http.requests().size() == 1);
}

TEST_CASE("the schedule's role may start this one state machine, trusted by Scheduler") {
  Fixture f;
  const std::vector<PolicyDocument> policies = schedule_policies(
      f.pipeline, DeploySettings{"us-east-1", "123456789012", "", "", std::nullopt, std::nullopt},
      {"rate(1 day)", kRole, "", ""});
  REQUIRE(policies.size() == 2);
  CHECK(policies[0].trust["Statement"][0]["Principal"]["Service"] == "scheduler.amazonaws.com");
  CHECK(policies[0].permissions["Statement"] ==
        Json::parse(R"([{"Sid": "StartPipelineExecutions", "Effect": "Allow",
          "Action": "states:StartExecution", "Resource": [")" + kMachineArn + R"("]}])"));
  CHECK(policies[1].permissions["Statement"][0]["Resource"] ==
        Json::array({"arn:aws:scheduler:us-east-1:123456789012:schedule/default/daily"}));
  CHECK(policies[1].permissions["Statement"][1]["Resource"] == Json::array({kRole}));
}

}  // namespace
}  // namespace conflictctl::deploy
