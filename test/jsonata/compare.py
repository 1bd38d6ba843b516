"""Compares jsonata_eval's answers with jsonata-js's, case by case (differential.sh)."""
import json
import math
import sys



def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b if isinstance(a, bool) and isinstance(b, bool) else False
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or (math.isclose(a, b, rel_tol=1e-15, abs_tol=0))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def main():
    cases_path, ours_path, theirs_path, known_path = sys.argv[1:5]
    cases = [json.loads(line) for line in open(cases_path) if line.strip()]
    ours = [json.loads(line) for line in open(ours_path) if line.strip()]
    theirs = [json.loads(line) for line in open(theirs_path) if line.strip()]
    known = set()
    try:
        for line in open(known_path):
            line = line.rstrip('\n')
            if line and not line.startswith('#'):
                known.add(line.split('\t')[0])
    except FileNotFoundError:
        pass
    if not (len(cases) == len(ours) == len(theirs)):
        print(f'answer counts differ: {len(cases)} cases, {len(ours)} ours, {len(theirs)} theirs')
        return 1
    failures = 0
    known_hits = 0
    both_failed = 0
    for case, mine, ref in zip(cases, ours, theirs):
        if 'error' in ref or 'error' in mine:
            ok = mine.get('error') == ref.get('error')
        else:
            ok = ('result' in mine) == ('result' in ref) and same(mine.get('result'), ref.get('result'))
        if ok:
            continue
        if case.get('generated') and 'error' in mine and 'error' in ref:
            # jsonata-js evaluates array items and object values concurrently (Promise.all):
            # with two faults in one expression, which error wins depends on its scheduling.
            both_failed += 1
            continue
        if case['expr'] in known:
            known_hits += 1
            continue
        failures += 1
        print(f'DIFFERS: {json.dumps(case)}')
        print(f'   ours: {json.dumps(mine)}')
        print(f' theirs: {json.dumps(ref)}')
    agree = len(cases) - failures - known_hits - both_failed
    print(f'{len(cases)} cases compared: {agree} agree, {both_failed} generated cases fail on '
          f'both sides with different codes, {known_hits} known differences, {failures} differ')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
