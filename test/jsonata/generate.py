"""Seeded random JSONata expressions over random inputs, for the differential check.

Usage: python3 generate.py SEED COUNT > cases.jsonl
Expressions are well formed (but some $formatNumber pictures) and avoid what depends on time or randomness ($now, $millis,
$random, $shuffle, $uuid). They may fail at run time: then both sides must fail with the
same error code.
"""
import json
import random
import re
import sys

REGEX = re.compile(r'/(o|\[a-z\]\+|l\(l\)\?|\\\\d|x\|y)/')
FIELDS = ['a', 'b', 'c', 'name', 'items', 'n']


def gen_input(r, depth=0):
    kind = r.random()
    if depth > 2 or kind < 0.3:
        return r.choice([r.randint(-5, 20), round(r.uniform(-10, 10), 2), r.choice(['x', 'foo', 'Bar', '']),
                         True, False, None])
    if kind < 0.55:
        return [gen_input(r, depth + 1) for _ in range(r.randint(0, 4))]
    return {f: gen_input(r, depth + 1) for f in r.sample(FIELDS, r.randint(1, 4))}


def number(r):
    return str(r.choice([r.randint(0, 10), r.randint(-3, 3), round(r.uniform(0, 5), 1)]))


def string(r):
    return json.dumps(r.choice(['a', 'foo', 'Hello World', '', 'x,y,z', ' pad ']))


def path(r):
    steps = [r.choice(FIELDS + ['*']) for _ in range(r.randint(1, 3))]
    text = '.'.join(steps)
    if r.random() < 0.2:
        text = '**.' + r.choice(FIELDS)
    if r.random() < 0.3:
        text += '[' + r.choice(['0', '-1', '1', 'n > 2', '$ = "x"', 'a']) + ']'
    return text


def expr(r, depth=0):
    if depth > 3:
        return r.choice([number(r), string(r), path(r), 'true', 'null'])
    k = r.randint(0, 28)
    e = lambda: expr(r, depth + 1)
    if k == 0:
        return path(r)
    if k == 1:
        return f'({e()} {r.choice(["+", "-", "*", "/", "%"])} {e()})'
    if k == 2:
        return f'({e()} {r.choice(["=", "!=", "<", "<=", ">", ">="])} {e()})'
    if k == 3:
        return f'({e()} & {e()})'
    if k == 4:
        return f'({e()} {r.choice(["and", "or"])} {e()})'
    if k == 5:
        return f'({e()} ? {e()} : {e()})'
    if k == 6:
        return '[' + ', '.join(e() for _ in range(r.randint(0, 3))) + ']'
    if k == 7:
        return '{' + ', '.join(f'{json.dumps(r.choice(FIELDS))}: {e()}' for _ in range(r.randint(0, 2))) + '}'
    if k == 8:
        f = r.choice(['$sum', '$count', '$max', '$min', '$average', '$reverse', '$distinct',
                      '$keys', '$exists', '$boolean', '$not', '$type', '$string', '$number',
                      '$length', '$uppercase', '$lowercase', '$trim', '$abs', '$floor',
                      '$ceil', '$round', '$sqrt', '$spread', '$merge', '$append'])
        return f'{f}({e()})'
    if k == 9:
        return f'$map({e()}, function($v, $i) {{ {r.choice(["$v", "$i", "[$v, $i]", "$string($v)"])} }})'
    if k == 10:
        return f'$filter({e()}, function($v) {{ $exists($v) and $v != null }})'
    if k == 11:
        return f'[{r.randint(0, 3)}..{r.randint(0, 6)}]'
    if k == 12:
        key = r.choice(['$string(a)', '$type($)', '"k"'])
        return path(r) + '{' + key + ': $count($)}'
    if k == 13:
        return f'$join($map({e()}, $string), ",")'
    if k == 14:
        return f'($x := {e()}; $y := {e()}; [$x, $y])'
    if k == 15:
        return f'{e()} ~> $string'
    if k == 16:
        return f'$substring({string(r)}, {r.randint(-4, 4)}, {r.randint(0, 4)})'
    if k == 17:
        return '$sort(' + r.choice(['[3, 1, 2]', '["b", "a"]', '[1.5, -2, 0]']) + ')'
    if k == 18:
        return f'{path(r)}^({r.choice(["", ">"])}{r.choice(FIELDS)})'
    if k == 19:
        return f'{r.choice(FIELDS)}@$x.{r.choice(FIELDS)}.{{"x": $x, "v": $}}'
    if k == 20:
        return f'{r.choice(FIELDS)}#$i.{{"i": $i, "v": $}}'
    if k == 21:
        return f'$reduce({e()}, function($a, $b) {{ {r.choice(["$a + $b", "$append($a, $b)", "[$a, $b]"])} }})'
    if k == 22:
        f = r.choice(['$match(%s, /%s/)', '$replace(%s, /%s/, "<$0>")', '$split(%s, /%s/)',
                      '$contains(%s, /%s/)'])
        return f % (r.choice([string(r), '$string(' + e() + ')']), r.choice(['o', '[a-z]+', 'l(l)?', '\\d', 'x|y']))
    if k == 23:
        return f'{e()} {r.choice(["?:", "??"])} {e()}'
    if k == 24:
        return f'({e()} in {e()})'
    if k == 25:
        return f'{path(r)}[]'
    if k == 26:
        f = r.choice(['$substringBefore(%s, "o")', '$pad(%s, 7, "-")', '$contains(%s, "a")',
                      '$number(%s)', '$string(%s, true)', '$keys(%s)', '$lookup(%s, "a")',
                      '$each(%s, function($v, $k) { $k })', '$sift(%s, function($v) { $v })',
                      '$boolean(%s)', '$type(%s)'])
        return f % e()
    if k == 27:
        return f'{e()} ~> $map(function($v) {{ $v }}) ~> $count()'
    predicate = r.choice(['0', '-1', '$ > 1', '[0, 1]', '$type($) = "number"'])
    return e() + '[' + predicate + ']'


def picture(r):
    """A $formatNumber picture string: mostly well formed, some of random characters."""
    if r.random() < 0.25:
        text = ''.join(r.choice('#0,.e%;x9') for _ in range(r.randint(1, 6)))
        # An "e" not between two active characters is a known difference (docs/jsonata.md).
        text = re.sub(r'(?<![#0-9,.])e|e(?![#0-9,.])', '', text) or '0'
        for sub in text.split(';'):
            integer = sub.split('.')[0]
            if re.search('[0-9].*#', integer) and re.match('[^0-9]*#', integer):
                return '0'  # "#9##": jsonata-js checks the first "#" only (docs/jsonata.md)
        return text
    integer = r.choice(['#,##0', '0', '#', '000', '#,###,##0', '9,999', '00,000', '#0'])
    fraction = r.choice(['', '.00', '.0#', '.###', '.000###', '.0', '.00,0'])
    if ',' in integer and ',' in fraction:
        fraction = '.000'  # grouping in both parts: a known difference (docs/jsonata.md)
    exponent = r.choice(['', '', 'e0', 'e00'])
    if exponent and not fraction and '0' not in integer and '9' not in integer:
        fraction = '.0'  # "#e0" with no fraction: a known difference (docs/jsonata.md)
    prefix = '' if exponent else r.choice(['', '', '$', '(', 'EUR '])
    suffix = r.choice(['', ' units', ')'] + ([] if exponent else ['%', '\u2030']))
    text = prefix + integer + fraction + exponent + suffix
    if r.random() < 0.3 and not exponent:
        text += ';' + r.choice(['(', '-', '']) + integer + fraction + r.choice([')', '', ' CR'])
    return text


def format_number(r):
    """A $formatNumber call (XPath F&O 3.1 pictures) or a % (modulo) expression."""
    if r.random() < 0.2:
        a, b = r.choice([r.randint(-20, 20), round(r.uniform(-10, 10), 2)]), r.randint(1, 7)
        return f'({a} % {r.choice([b, -b, 2.5])})'
    value = r.choice([r.randint(-100000, 100000), round(r.uniform(-1000, 1000), r.randint(0, 5)),
                      round(r.uniform(0, 1), 4), r.randint(0, 9) * 10 ** r.randint(0, 12),
                      round(r.uniform(0, 1), 3) / 10 ** r.randint(1, 8)])
    return f'$formatNumber({value}, {json.dumps(picture(r), ensure_ascii=False)})'


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    r = random.Random(seed)
    for _ in range(count):
        text = expr(r)
        while REGEX.search(text) and ('?:' in text or '??' in text):
            # jsonata-js copies the left side of ?: and ?? through JSON, which turns a regular
            # expression literal there into {} (a jsonata-js bug that can make it loop).
            text = expr(r)
        case = {'expr': text, 'input': gen_input(r), 'generated': True}
        print(json.dumps(case))
    # $formatNumber and %, from their own generator (the cases above stay as they were).
    r = random.Random(seed + 1)
    for _ in range(count // 2):
        print(json.dumps({'expr': format_number(r), 'input': {}, 'generated': True}))


if __name__ == '__main__':
    main()
