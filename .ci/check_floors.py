#!/usr/bin/env python3
"""Fails when a score falls below its floor (or rises above its ceiling).

    check_floors.py FLOORS NAME=REPORT.json [NAME=REPORT.json ...]

Each line of FLOORS is `NAME.path.to.metric >= figure` or `<=`; `#` starts a comment.
The path walks the scorer's JSON report (`documents.fields.title.accuracy`).
"""
import json
import sys


def lookup(report, path):
    node = report
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def main():
    floors_path, *pairs = sys.argv[1:]
    reports = {}
    for pair in pairs:
        name, _, path = pair.partition("=")
        with open(path, encoding="utf-8") as fh:
            reports[name] = json.load(fh)
    failed = 0
    with open(floors_path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            try:
                metric, op, figure = line.split()
                figure = float(figure)
            except ValueError:
                sys.exit(f"{floors_path}:{n}: expected `metric >= figure`, got {raw.strip()!r}")
            name, _, path = metric.partition(".")
            if name not in reports:
                sys.exit(f"{floors_path}:{n}: no report named {name!r}")
            value = lookup(reports[name], path)
            if value is None:
                print(f"FAIL {metric}: not in the report")
                failed += 1
                continue
            ok = value >= figure if op == ">=" else value <= figure if op == "<=" else None
            if ok is None:
                sys.exit(f"{floors_path}:{n}: operator must be >= or <=, got {op!r}")
            print(f"{'ok  ' if ok else 'FAIL'} {metric} = {value} ({op} {figure})")
            failed += not ok
    if failed:
        sys.exit(f"{failed} score(s) past their floor")


if __name__ == "__main__":
    main()
