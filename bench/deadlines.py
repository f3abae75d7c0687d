"""Benchmark: 10,000 statutory deadlines for mixed codes, regimes and dates.

Run with ``make bench`` (which prepares the database) or, against a database that
has odoo_scr installed:  python3 bench/deadlines.py -d DB [--db_host ...]
Prints wall time and SQL query count, cold (caches empty) and warm.
"""

import argparse
import random
import time
from datetime import date, timedelta

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

CALLS = 10_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--calls", type=int, default=CALLS)
    args, odoo_args = parser.parse_known_args()
    config.parse_config(["-d", args.database, *odoo_args])
    return args


def requests(env, calls):
    """Reproducible mixed (code, regime, start date) triples over eight years."""
    rules = [(t.code, t.regime) for t in env["scr.timescale"].search([])]
    rng = random.Random(20261122)
    first = date(2025, 1, 1)
    return [
        (*rng.choice(rules), first + timedelta(days=rng.randrange(8 * 365))) for _ in range(calls)
    ]


def measure(env, batch):
    Timescale = env["scr.timescale"]
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    results = [
        Timescale.compute_deadline(code, start, regime=regime) for code, regime, start in batch
    ]
    elapsed = time.perf_counter() - started
    return results, elapsed, env.cr.sql_log_count - queries


def main():
    args = parse_args()
    odoo.modules.module.initialize_sys_path()
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        batch = requests(env, args.calls)
        env.registry.clear_cache()
        env.invalidate_all()
        _results, cold_time, cold_queries = measure(env, batch)
        results, warm_time, warm_queries = measure(env, batch)
        assert all(results), "every request must give a deadline"
        print(f"{'run':<6} {'deadlines':>10} {'seconds':>9} {'queries':>8} {'us/deadline':>12}")
        for name, seconds, queries in (
            ("cold", cold_time, cold_queries),
            ("warm", warm_time, warm_queries),
        ):
            per_call = seconds / len(batch) * 1e6
            print(f"{name:<6} {len(batch):>10} {seconds:>9.3f} {queries:>8} {per_call:>12.1f}")
        cr.rollback()


if __name__ == "__main__":
    main()
