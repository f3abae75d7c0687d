"""Read the results of ``make test`` and end its output with one line CI can read.

The parts of the run, each counted:

- the linters (``--check ruff=RC``): one check each, passed when it exited 0;
- the addon's tests through Odoo's runner (the log, ``LOG``): Odoo reports
  ``F failed, E error(s) of N tests when loading database``;
- pytest runs (``--pytest "LABEL=JUNIT_XML:RC"``): the addon's tests through
  pytest-odoo and the top-level tests/, read from their JUnit XML reports.

It adds the checks the runners do not make: a skipped test counts as failed (a tour
whose browser is missing, say; for pytest, an expected failure too: it proves nothing),
so does an ERROR logged by Odoo outside any test, a run that executed no test, a runner
that failed without saying which test, and a failed linter. The last line printed is
always ``P passed, F failed``.
"""

import argparse
import re
import sys
import xml.etree.ElementTree as ET

REPORT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
SKIPPED = re.compile(r" INFO \S+ (\S+): skipped (.*)")
LOGGED_ERROR = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")
# Exit statuses of pytest: tests failed, interrupted, internal error, usage error, no tests.
PYTEST_EXIT = {1: "tests failed", 2: "interrupted", 3: "internal error", 4: "usage error"}


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


def summarize_junit(path, exit_status):
    """Return (passed, failed, notes) for one pytest run's JUnit XML report."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        return 0, 1, [f"no report of the run ({error}); pytest exited with {exit_status}"]
    # One test is one <testcase> (the suite's own count adds each subtest of a test).
    tests = failed = 0
    notes = []
    for case in root.iter("testcase"):
        tests += 1
        outcomes = [
            element
            for outcome in ("failure", "error", "skipped")
            for element in case.findall(outcome)
        ]
        if outcomes:
            failed += 1
        for element in outcomes:
            message = (element.get("message") or "").splitlines()
            notes.append(
                f"{element.tag}: {case.get('classname')}.{case.get('name')}"
                + (f": {message[0][:200]}" if message else "")
            )
    passed = tests - failed
    if not tests:
        notes.append("no test ran")
        failed = max(failed, 1)
    if exit_status and not failed:
        reason = PYTEST_EXIT.get(exit_status, "no test collected" if exit_status == 5 else "?")
        notes.append(f"pytest exited with status {exit_status} ({reason})")
        failed = 1
    return passed, failed, notes


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("log", help="the log of Odoo's test runner")
    parser.add_argument("--odoo-exit", type=int, default=0)
    parser.add_argument(
        "--check", action="append", default=[], metavar="NAME=RC", help="a linter's exit status"
    )
    parser.add_argument(
        "--pytest",
        action="append",
        default=[],
        metavar="LABEL=JUNIT_XML:RC",
        help="a pytest run: its label, its JUnit XML report and its exit status",
    )
    parser.add_argument("--times", default="", help="'part=seconds ...', printed as they are")
    args = parser.parse_args()

    parts = []  # (label, passed, failed, notes)
    checks = [check.rsplit("=", 1) for check in args.check]
    parts.append(
        (
            "lint",
            sum(1 for _name, rc in checks if rc == "0"),
            sum(1 for _name, rc in checks if rc != "0"),
            [f"{name} reported errors (see above)" for name, rc in checks if rc != "0"],
        )
    )
    with open(args.log, encoding="utf-8", errors="replace") as handle:
        passed, failed, notes = summarize(handle.read().splitlines())
    if args.odoo_exit and not failed:
        notes.append(f"Odoo exited with status {args.odoo_exit}")
        failed = 1
    parts.append(("odoo_scr tests (Odoo's runner)", passed, failed, notes))
    for run in args.pytest:
        label, rest = run.split("=", 1)
        path, exit_status = rest.rsplit(":", 1)
        parts.append((label, *summarize_junit(path, int(exit_status))))

    for label, _passed, _failed, notes in parts:
        for note in notes:
            print(f"{label}: {note}")
    for label, passed, failed, _notes in parts:
        print(f"  {label}: {passed} passed, {failed} failed")
    if args.times:
        print("  times (s): " + ", ".join(args.times.split()))
    total_passed = sum(part[1] for part in parts)
    total_failed = sum(part[2] for part in parts)
    print(f"{total_passed} passed, {total_failed} failed")
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main())
