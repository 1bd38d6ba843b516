#!/usr/bin/env python3
"""Checks that a screenshot of the budget report's HTML page shows its timeline.

usage: html_screenshot.py SCREENSHOT.png HTML_H

The colours come from lib/budget/html.h (namespace html_colours). The chart is found by its
900 s line: the tallest vertical run of the limit-line colour. Inside the rows that line
spans (the legend above the chart is left out), the screenshot must show bars of each zone
colour, the backoff before a retry, and the 720 s line. Exit 1 with what is missing.
Standard library only: the PNG is decoded with zlib and struct.
"""
import re
import struct
import sys
import zlib


def read_png(path):
    """(width, height, rows of (r, g, b) tuples) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in (2, 6) or interlace:
        raise ValueError(f"{path}: unsupported PNG (depth {depth}, colour type {colour_type})")
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, channels)])
        previous = line
    return width, height, rows


def colours(header):
    """{name: (r, g, b)} from the html_colours constants of html.h."""
    found = re.findall(r'k(\w+) = "#([0-9a-fA-F]{6})"', open(header).read())
    return {name: tuple(int(hex_[i:i + 2], 16) for i in (0, 2, 4)) for name, hex_ in found}


def close(pixel, colour, tolerance=3):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


def main():
    screenshot, header = sys.argv[1], sys.argv[2]
    palette = colours(header)
    width, height, rows = read_png(screenshot)

    # The chart's vertical extent: the column holding the most limit-line pixels.
    limit = palette["LimitLine"]
    best_column, best = None, []
    for x in range(width):
        ys = [y for y in range(height) if close(rows[y][x], limit)]
        if len(ys) > len(best):
            best_column, best = x, ys
    problems = []
    if len(best) < 100:
        print(f"FAIL: no 900 s line (tallest run of {limit}: {len(best)} px)")
        return 1
    top, bottom = min(best), max(best)

    wanted = {  # colour name in html.h → the least pixels it must cover inside the chart
        "Safe": 100, "Warning": 100, "Over": 100, "Backoff": 8, "SafeLimitLine": 60,
    }
    counts = {name: 0 for name in wanted}
    for y in range(top, bottom + 1):
        for pixel in rows[y]:
            for name in wanted:
                if close(pixel, palette[name]):
                    counts[name] += 1
    for name, least in wanted.items():
        if counts[name] < least:
            problems.append(f"{name} ({palette[name]}): {counts[name]} px, expected >= {least}")
    summary = ", ".join(f"{name} {counts[name]} px" for name in wanted)
    print(f"chart rows {top}-{bottom}, 900 s line at x={best_column} ({len(best)} px); {summary}")
    for problem in problems:
        print("FAIL: missing from the timeline: " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
