"""Run every ``bench/bench_*.py`` module and print one table.

Usage: ``python -m bench [NAME ...]`` where NAME filters modules by substring
(``make bench`` runs them all).
"""

from __future__ import annotations

import importlib
import sys
import traceback

from bench import ROOT, Context, Figure


def _format(fig: Figure) -> str:
    ratio = f"{fig.ratio:8.2f}x" if fig.ratio is not None else " " * 9
    floor = f"{fig.floor:10.3f}" if fig.floor is not None else " " * 10
    return (f"| {fig.name:<46} | {fig.value:10.3f} {fig.unit:<8} | {fig.floor_name:<28} "
            f"| {floor} | {ratio} | {fig.note}")


def main(argv: list[str]) -> int:
    names = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    if argv:
        names = [n for n in names if any(a in n for a in argv)]
    ctx = Context()
    failed = 0
    print(f"| {'figure':<46} | {'value':>10} {'unit':<8} | {'floor':<28} | {'floor val':>10} "
          f"| {'ratio':>9} | note")
    print("|" + "-" * 48 + "|" + "-" * 21 + "|" + "-" * 30 + "|" + "-" * 12 + "|" + "-" * 11 + "|------")
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        try:
            for fig in module.figures(ctx):
                print(_format(fig), flush=True)
        except Exception:  # one broken figure must not hide the others
            failed += 1
            print(f"| {name}: FAILED", flush=True)
            traceback.print_exc()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
