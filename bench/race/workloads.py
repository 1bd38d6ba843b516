#!/usr/bin/env python3
"""The speed race's workloads, written as files both runtimes read.

workloads.py OUT_DIR [--map-items N] [--scale]   writes OUT_DIR/<name>/ for every workload:
  definition.asl.json  the state machine (JSONPath)
  input.json           the execution input
  mocks.json           conflictctl's mock configuration (AWS Step Functions Local's format),
                       test case "Race", state machine "<name>"
  peer.json            for aws-local-stepfunctions: how each Task state answers
                       ({"State": {"returns": V, "fail_first": K, "error": E}}: the first K
                       calls with a given input throw E, then V is returned)
  meta.json            {"type": "STANDARD"|"EXPRESS", "what": "one line"}
The Task results of both sides are the same values, so the outputs can be compared.
"""
import json
import os
import sys

ARN = "arn:aws:lambda:us-east-1:123456789012:function:work"


def chain(length):
    states = {}
    for i in range(length):
        state = {
            "Type": "Pass",
            "Parameters": {
                "n.$": "States.MathAdd($.n, 1)",
                "tag.$": "States.Format('step {} of {}', $.n, $.total)",
                "total.$": "$.total",
                "parts.$": "States.ArrayLength(States.Array($.n, $.total))",
            },
        }
        if i + 1 < length:
            state["Next"] = f"Step{i + 1}"
        else:
            state["End"] = True
        states[f"Step{i}"] = state
    return {"StartAt": "Step0", "States": states}


def choice_loop(rounds):
    return {
        "StartAt": "Increment",
        "States": {
            "Increment": {
                "Type": "Pass",
                "Parameters": {"n.$": "States.MathAdd($.n, 1)", "limit.$": "$.limit"},
                "Next": "Again",
            },
            "Again": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.n", "NumericLessThanPath": "$.limit", "Next": "Increment"}],
                "Default": "Done",
            },
            "Done": {"Type": "Succeed"},
        },
    }, {"n": 0, "limit": rounds}


def item_processor():
    """Three states per item; each iteration's result is a number."""
    return {
        "StartAt": "Double",
        "States": {
            "Double": {"Type": "Pass", "Parameters": {"d.$": "States.MathAdd($.v, $.v)"}, "Next": "Size"},
            "Size": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.d", "NumericGreaterThan": 1000, "Next": "Big"}],
                "Default": "Small",
            },
            "Big": {"Type": "Pass", "Parameters": {"r.$": "States.MathAdd($.d, -1000)"},
                    "OutputPath": "$.r", "End": True},
            "Small": {"Type": "Pass", "OutputPath": "$.d", "End": True},
        },
    }


def inline_map(items, concurrency, scale=False):
    """An inline Map over `items` objects {"v": 1..997}. Its output is the array of results,
    compared element by element. With `scale` (the 10,000 / 100,000-item comparison), the input
    and output must stay within the 256 KiB that an execution's input and a state's output may
    hold: the items are digits 0..9, made {"v": 495..504} by ItemSelector (so both Choice
    branches run), and the output is only the results' count."""
    state = {
        "Type": "Map",
        "ItemsPath": "$.items",
        "MaxConcurrency": concurrency,
        "ItemProcessor": item_processor(),
        "ResultPath": "$.results",
        "OutputPath": "$.results",
        "End": True,
    }
    if scale:
        state["ItemSelector"] = {"v.$": "States.MathAdd($$.Map.Item.Value, 495)"}
        state["ResultSelector"] = {"count.$": "States.ArrayLength($)"}
        definition = {"StartAt": "EachItem", "States": {"EachItem": state}}
        return definition, {"items": [i % 10 for i in range(items)]}
    definition = {"StartAt": "EachItem", "States": {"EachItem": state}}
    return definition, {"items": [{"v": 1 + i % 997} for i in range(items)]}


def parallel(branches, length):
    def branch(b):
        states = {}
        for i in range(length):
            state = {"Type": "Pass", "Parameters": {"b": b, "n.$": "States.MathAdd($.n, 1)"}}
            if i + 1 < length:
                state["Next"] = f"B{b}S{i + 1}"
            else:
                state["End"] = True
            states[f"B{b}S{i}"] = state
        return {"StartAt": f"B{b}S0", "States": states}

    return {
        "StartAt": "Fan",
        "States": {"Fan": {"Type": "Parallel", "Branches": [branch(b) for b in range(branches)], "End": True}},
    }


def map_retry(items, failures, concurrency):
    """A Map whose Task fails `failures` times per item before it succeeds."""
    definition = {
        "StartAt": "EachItem",
        "States": {
            "EachItem": {
                "Type": "Map",
                "ItemsPath": "$.items",
                "MaxConcurrency": concurrency,
                "ItemProcessor": {
                    "StartAt": "Work",
                    "States": {
                        "Work": {
                            "Type": "Task",
                            "Resource": ARN,
                            "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "BackoffRate": 2,
                                       "MaxAttempts": failures}],
                            "End": True,
                        }
                    },
                },
                "End": True,
            }
        },
    }
    result = {"ok": True}
    # conflictctl counts a state's calls over the whole execution. On the virtual clock the
    # iterations run in waves of `concurrency` in lockstep: each wave's items fail together
    # `failures` times, then all succeed.
    entries, call, remaining = {}, 0, items
    while remaining > 0:
        wave = min(concurrency, remaining)
        entries[f"{call}-{call + wave * failures - 1}"] = {"Throw": {"Error": "Flaky", "Cause": "try again"}}
        call += wave * failures
        entries[f"{call}-{call + wave - 1}"] = {"Return": result}
        call += wave
        remaining -= wave
    mocks = {"Work": entries}
    peer = {"Work": {"returns": result, "fail_first": failures, "error": "Flaky"}}
    return definition, {"items": list(range(items))}, mocks, peer


def etl(chunks):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "pipelines", "conflict_report_chunked.asl.json")) as f:
        definition = json.load(f)
    answers = {
        "ValidateConfig": {"valid": True, "message": "Configuration is valid"},
        "ExecuteTask01": {"status": "success", "rows_copied": 125000},
        "GetTask02Chunks": {"num_chunks": chunks, "chunk_ids": list(range(1, chunks + 1))},
        "ProcessSingleChunk": {"status": "success", "rows_updated": 1250},
        "ExecuteTask03": {"status": "success", "rows_inserted": 420},
    }
    present = {}
    def collect(machine):
        for name, state in machine["States"].items():
            if state["Type"] == "Task":
                present[name] = answers[name]
            for key in ("Iterator", "ItemProcessor"):
                if key in state:
                    collect(state[key])
    collect(definition)
    calls = {name: chunks if name == "ProcessSingleChunk" else 1 for name in present}
    mocks = {name: {f"0-{calls[name] - 1}": {"Return": value}} for name, value in present.items()}
    peer = {name: {"returns": value} for name, value in present.items()}
    return definition, {}, mocks, peer


def mock_file(machine, states):
    test_case, responses = {}, {}
    for state, entries in states.items():
        test_case[state] = f"{state}Response"
        responses[f"{state}Response"] = entries
    return {"StateMachines": {machine: {"TestCases": {"Race": test_case}}}, "MockedResponses": responses}


def main():
    out = sys.argv[1]
    map_items = 10000
    if "--map-items" in sys.argv:
        map_items = int(sys.argv[sys.argv.index("--map-items") + 1])
    workloads = {}
    workloads["chain_200"] = (chain(200), {"n": 0, "total": 200}, {}, {}, "STANDARD",
                              "a chain of 200 Pass states with intrinsic functions")
    loop, loop_input = choice_loop(20000)
    workloads["choice_loop_20000"] = (loop, loop_input, {}, {}, "EXPRESS",
                                      "a Choice loop of 20,000 rounds (40,000 states)")
    for concurrency in (0, 40):
        definition, items = inline_map(map_items, concurrency, scale="--scale" in sys.argv)
        workloads[f"map_{map_items}_c{concurrency}"] = (
            definition, items, {}, {}, "EXPRESS",
            f"an inline Map of {map_items:,} items, 3 states each, MaxConcurrency {concurrency}")
    workloads["parallel_50x20"] = (parallel(50, 20), {"n": 0}, {}, {}, "STANDARD",
                                   "a Parallel of 50 branches of 20 Pass states")
    definition, items, mocks, peer = map_retry(1000, 3, 40)
    workloads["map_retry_1000"] = (definition, items, mocks, peer, "STANDARD",
                                   "a Map of 1,000 items whose Task fails 3 times per item, Retry with backoff")
    definition, items, mocks, peer = etl(100)
    workloads["etl_chunked_100"] = (definition, items, mocks, peer, "STANDARD",
                                    "the chunked Conflict Report pipeline, a Map over 100 chunk ids")
    for name, (definition, data, mocks, peer, kind, what) in workloads.items():
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        files = {
            "definition.asl.json": definition,
            "input.json": data,
            "mocks.json": mock_file(name, mocks),
            "peer.json": peer,
            "meta.json": {"type": kind, "what": what},
        }
        for file, value in files.items():
            with open(os.path.join(folder, file), "w") as f:
                json.dump(value, f)
    print("\n".join(workloads))


if __name__ == "__main__":
    main()
