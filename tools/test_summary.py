"""Read the log of an Odoo test run and end it with one line CI can read.

Odoo's runner reports ``F failed, E error(s) of N tests when loading database``.
This adds the checks Odoo does not make: a skipped test (a tour whose browser is
missing, say) counts as a failure, so does an ERROR logged outside any test, a
run that executed no test, and a failed linter. The last line printed is always
``P passed, F failed``.
"""

import argparse
import re
import sys

REPORT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
SKIPPED = re.compile(r" INFO \S+ (\S+): skipped (.*)")
LOGGED_ERROR = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")


def summarize(lines):
    """Return (passed, failed, notes) for the lines of one Odoo test log."""
    failures = errors = run = 0
    for line in lines:
        match = REPORT.search(line)
        if match:
            failures, errors, run = (int(value) for value in match.groups())
    skipped = [f"{m.group(1)}: {m.group(2)}" for m in map(SKIPPED.search, lines) if m]
    logged_errors = [line for line in lines if LOGGED_ERROR.search(line)]
    notes = [f"skipped (counted as failed): {skip}" for skip in skipped]
    failed = failures + errors + len(skipped)
    if not failed and logged_errors:
        notes.append(
            f"{len(logged_errors)} ERROR line(s) logged outside any test, "
            f"first: {logged_errors[0].strip()}"
        )
        failed = 1
    if not run:
        notes.append("no test ran")
        failed = max(failed, 1)
    passed = max(run - failures - errors - len(skipped), 0)
    return passed, failed, notes


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("log")
    parser.add_argument("--odoo-exit", type=int, default=0)
    parser.add_argument("--lint-exit", type=int, default=0)
    args = parser.parse_args()
    with open(args.log, encoding="utf-8", errors="replace") as handle:
        passed, failed, notes = summarize(handle.read().splitlines())
    if args.lint_exit:
        notes.append("linters (ruff / pylint-odoo) reported errors (see above)")
        failed += 1
    if args.odoo_exit and not failed:
        notes.append(f"Odoo exited with status {args.odoo_exit}")
        failed = 1
    for note in notes:
        print(note)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
