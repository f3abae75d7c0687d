"""Measuring one hot path: wall time, SQL queries and peak memory, beside its reference."""

import statistics
import time
from dataclasses import dataclass

from odoo import sql_db

RUNS = 5
# Pages take milliseconds and this machine's speed drifts by tens of percent from one
# second to the next: they are timed over more runs, taking turns with their references.
PAGE_RUNS = 21


def _status(key):
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(key):
                return int(line.split()[1]) / 1024  # kB -> MiB
    return 0.0


def _reset_peak():
    """Reset the process's peak RSS (VmHWM) to its current RSS (Linux ``clear_refs``)."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as clear_refs:
        clear_refs.write("5")


@dataclass
class Sample:
    millis: float
    queries: int
    peak_mib: float
    growth_mib: float


def samples(functions, runs=RUNS, warm=True, setup=None):
    """For each of ``functions``: the median wall time of ``runs`` calls, the most
    queries one call made, and the peak resident memory of the process during the calls
    (and its growth). The functions take turns, run after run, so that a slow spell of
    the machine falls on each of them alike and their ratio holds.

    ``setup`` runs untimed before each call: the lists empty the record cache there,
    as each request of the web client starts with an empty one."""
    if warm:
        for function in functions:
            function()
    timings = [[] for _function in functions]
    queries = [[] for _function in functions]
    _reset_peak()
    baseline = _status("VmRSS:")
    for _run in range(runs):
        for function, times, counts in zip(functions, timings, queries, strict=True):
            if setup:
                setup()
            before = sql_db.sql_counter
            started = time.perf_counter()
            function()
            times.append((time.perf_counter() - started) * 1000)
            counts.append(sql_db.sql_counter - before)
    peak = _status("VmHWM:")
    growth = max(peak - baseline, 0.0)
    return [
        Sample(statistics.median(times), max(counts), peak, growth)
        for times, counts in zip(timings, queries, strict=True)
    ]


def sample(function, runs=RUNS, warm=True, setup=None):
    """:func:`samples` of one function."""
    return samples([function], runs, warm, setup)[0]


def sql_reference(cr, statements, params):
    """A callable running raw SQL ``statements`` and fetching every row: the lower bound."""

    def run():
        for statement in statements:
            cr.execute(statement, params)
            if cr.description:
                cr.fetchall()

    return run


@dataclass
class Row:
    """One line of the table: a hot path, who runs it, its sample and its reference."""

    path: str
    who: str
    measured: Sample
    reference: str
    ref: Sample
    max_ms: float | None = None
    max_queries: int | None = None
    max_ratio: float | None = 5.0
    max_mib: float | None = None
    note: str = ""

    @property
    def ratio(self):
        return self.measured.millis / self.ref.millis if self.ref.millis else float("inf")

    def misses(self):
        """The targets this row misses, in words."""
        missed = []
        if self.max_ms is not None and self.measured.millis > self.max_ms:
            missed.append(f"{self.path}: {self.measured.millis:.0f} ms > {self.max_ms:.0f} ms")
        if self.max_queries is not None and self.measured.queries > self.max_queries:
            missed.append(f"{self.path}: {self.measured.queries} queries > {self.max_queries}")
        if self.max_mib is not None and self.measured.peak_mib > self.max_mib:
            missed.append(
                f"{self.path}: peak {self.measured.peak_mib:.0f} MiB > {self.max_mib} MiB"
            )
        if self.max_ratio is not None and self.ratio > self.max_ratio:
            missed.append(f"{self.path} ({self.who}): {self.ratio:.1f}x its reference")
        return missed


HEADER = (
    f"{'hot path':<34} {'as':<12} {'ms':>9} {'queries':>8} {'peak MiB':>9} {'+MiB':>6}"
    f"  {'reference':<26} {'ref ms':>8} {'ref q':>6} {'ratio':>6}"
)


def format_row(row):
    m, r = row.measured, row.ref
    line = (
        f"{row.path:<34} {row.who:<12} {m.millis:>9.1f} {m.queries:>8} {m.peak_mib:>9.0f} "
        f"{m.growth_mib:>6.0f}  {row.reference:<26} {r.millis:>8.1f} {r.queries:>6} "
        f"{row.ratio:>5.1f}x"
    )
    return line + (f"  {row.note}" if row.note else "")
