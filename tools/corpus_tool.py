"""Build the analyzer's labelled corpus from writers' drafts and two blind annotation passes.

Why a tool: the corpus is only worth something if the way it was made can be
checked. Every step here is a pure function of files in the repository:

``shard``     writers' drafts -> blind annotation shards (id, scenario, text only:
              an annotator never sees the writer's intentions or another label)
``agree``     two passes -> Cohen's kappa per label (``corpus/AGREEMENT.md``) and
              the list of disagreements for the adjudicator
``assemble``  drafts + passes + adjudication -> ``corpus/train.jsonl`` or the
              frozen ``corpus/holdout.jsonl`` with its SHA-256 in
              ``corpus/holdout.sha256``
``relabel-disputes``, ``relabel``
              when the guide is clarified: one label re-decided on labelled drafts
              by two blind passes (``{"id", LABEL: true/false}``), their kappa and
              disputes, then the agreed or adjudicated value written back into the
              corpus files in place (never into the frozen holdout)

``python -m tools.corpus_tool <command> --help`` for the arguments.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pushback_lib.analyzer.labels import COMPONENTS, FLAGS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
HOLDOUT = CORPUS / "holdout.jsonl"
HOLDOUT_HASH = CORPUS / "holdout.sha256"

LABELS = (*COMPONENTS, *FLAGS)


class CorpusError(ValueError):
    """A corpus file is malformed; the message names the file, the line and the problem."""


@dataclass(frozen=True)
class Labels:
    """One annotator's labels for one draft."""

    id: str
    labels: frozenset[str]
    note: str = ""


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every object of a JSON Lines file; an error names the file and line."""
    from pushback_lib.analyzer.evaluate import read_jsonl as numbered
    from pushback_lib.errors import PushbackError

    try:
        return [row for _, row in numbered(path)]
    except PushbackError as exc:
        raise CorpusError(str(exc)) from None
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")


def read_drafts(paths: list[Path]) -> list[dict[str, object]]:
    """Writers' drafts, checked: unique ids, non-empty text, a known scenario."""
    import yaml

    scenarios = {s["id"] for s in yaml.safe_load((CORPUS / "scenarios.yaml").read_text())["scenarios"]}
    seen: dict[str, str] = {}
    out = []
    for path in paths:
        for n, row in enumerate(read_jsonl(path), 1):
            where = f"{path}: record {n}"
            for key in ("id", "scenario", "text"):
                if not isinstance(row.get(key), str) or not str(row[key]).strip():
                    raise CorpusError(f"{where}: field {key!r} must be non-empty text")
            if row["scenario"] not in scenarios:
                raise CorpusError(f"{where}: unknown scenario {row['scenario']!r}")
            if row["id"] in seen:
                raise CorpusError(f"{where}: id {row['id']!r} already used in {seen[row['id']]}")
            seen[str(row["id"])] = where
            out.append(row)
    return out


def read_labels(path: Path) -> dict[str, Labels]:
    """One annotation pass: id -> labels; unknown labels are an error naming the line."""
    out: dict[str, Labels] = {}
    for n, row in enumerate(read_jsonl(path), 1):
        ident = row.get("id")
        if not isinstance(ident, str):
            raise CorpusError(f"{path}:{n}: missing id")
        raw = [*row.get("components", []), *row.get("flags", [])]
        bad = [x for x in raw if x not in LABELS]
        if bad:
            raise CorpusError(f"{path}:{n}: unknown label(s) {', '.join(map(str, bad))}")
        out[ident] = Labels(ident, frozenset(raw), str(row.get("note", "")))
    return out


def cohen_kappa(a: list[bool], b: list[bool]) -> float:
    """Cohen's kappa for two raters' yes/no decisions on the same items."""
    n = len(a)
    if n == 0:
        return float("nan")
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def shard(args: argparse.Namespace) -> int:
    drafts = read_drafts([Path(p) for p in args.drafts])
    random.Random(args.seed).shuffle(drafts)  # mixed writers: an annotator's habits spread over all
    size = args.size
    out = Path(args.out)
    for i in range(0, len(drafts), size):
        part = [{"id": d["id"], "scenario": d["scenario"], "text": d["text"]}
                for d in drafts[i:i + size]]
        write_jsonl(out / f"{args.prefix}-{i // size + 1:02d}.jsonl", part)
    print(f"{len(drafts)} drafts -> {(len(drafts) + size - 1) // size} shards in {out}")
    return 0


def agreement(a: dict[str, Labels], b: dict[str, Labels], ids: list[str]) -> dict[str, float]:
    return {label: cohen_kappa([label in a[i].labels for i in ids], [label in b[i].labels for i in ids])
            for label in LABELS}


def agree(args: argparse.Namespace) -> int:
    drafts = {str(d["id"]): d for d in read_drafts([Path(p) for p in args.drafts])}
    a, b = read_labels(Path(args.pass_a)), read_labels(Path(args.pass_b))
    missing = [i for i in drafts if i not in a or i not in b]
    if missing:
        raise CorpusError(f"{len(missing)} drafts lack a label in one pass, e.g. {missing[:5]}")
    ids = sorted(drafts)
    kappa = agreement(a, b, ids)
    disagreements = []
    for i in ids:
        diff = a[i].labels ^ b[i].labels
        # labels whose guide text changed after the passes: decided afresh by the adjudicator
        diff |= a[i].labels & b[i].labels & set(args.review)
        if diff:
            d = drafts[i]
            disagreements.append({"id": i, "scenario": d["scenario"], "text": d["text"],
                                  "disputed": sorted(diff, key=LABELS.index),
                                  "agreed": sorted((a[i].labels & b[i].labels) - diff, key=LABELS.index),
                                  "note_a": a[i].note, "note_b": b[i].note})
    write_jsonl(Path(args.disputes), disagreements)  # which pass said what is not shown
    print(f"{len(ids)} drafts, {len(disagreements)} with a disagreement")
    for label in LABELS:
        print(f"  kappa {label:16} {kappa[label]:.3f}")
    if args.markdown:
        rows = [f"| `{label}` | {kappa[label]:.3f} | "
                f"{sum(label in a[i].labels for i in ids)} | {sum(label in b[i].labels for i in ids)} | "
                f"{sum(label in (a[i].labels ^ b[i].labels) for i in ids)} |" for label in LABELS]
        table = "\n".join(["| label | Cohen's kappa | pass A | pass B | disagreements |",
                           "|---|---|---|---|---|", *rows])
        Path(args.markdown).write_text(
            f"{len(ids)} drafts; {len(disagreements)} sent to adjudication (a disagreement, or an "
            f"agreed label the guide clarified afterwards: {', '.join(args.review) or 'none'}).\n\n"
            f"{table}\n", encoding="utf-8")
    return 0


def assemble(args: argparse.Namespace) -> int:
    drafts = read_drafts([Path(p) for p in args.drafts])
    a, b = read_labels(Path(args.pass_a)), read_labels(Path(args.pass_b))
    adjudicated = read_labels(Path(args.adjudicated)) if args.adjudicated else {}
    rows = []
    for d in drafts:
        i = str(d["id"])
        la, lb = a[i].labels, b[i].labels
        if i in adjudicated:  # a disagreement, or a label re-decided after a guide change
            final = adjudicated[i].labels
        elif la == lb:
            final = la
        else:
            raise CorpusError(f"{i}: the passes disagree on {sorted(la ^ lb)} and no adjudication "
                              f"is recorded in {args.adjudicated}")
        rows.append({"id": i, "text": d["text"],
                     "components": [x for x in COMPONENTS if x in final],
                     "flags": [x for x in FLAGS if x in final],
                     "scenario": d["scenario"], "split": args.split, "batch": args.batch,
                     "writer": i.split("-", 1)[0], "voice": d.get("voice", ""),
                     "hard": d.get("hard", "")})
    out = Path(args.out)
    existing = read_jsonl(out) if out.exists() and args.append else []
    clash = {str(r["id"]) for r in existing} & {str(r["id"]) for r in rows}
    if clash:
        raise CorpusError(f"{out}: ids already present: {sorted(clash)[:5]}")
    write_jsonl(out, existing + rows)
    if out.resolve() == HOLDOUT.resolve():
        HOLDOUT_HASH.write_text(f"{sha256(HOLDOUT)}  holdout.jsonl\n", encoding="utf-8")
    hard = sum(1 for r in rows if r["hard"])
    print(f"{len(rows)} drafts -> {out} ({hard} hard cases, {hard / len(rows):.0%}); "
          f"scenarios {dict(Counter(str(r['scenario']) for r in rows))}")
    return 0


Decisions = dict[str, tuple[bool, str]]
"""One re-decision pass: draft id -> (whether the label is present, the annotator's note)."""


def read_decisions(path: Path, label: str) -> Decisions:
    """One re-decision pass read from ``path``; an error names the line."""
    out: Decisions = {}
    for n, row in enumerate(read_jsonl(path), 1):
        ident, value = row.get("id"), row.get(label)
        if not isinstance(ident, str) or not isinstance(value, bool):
            raise CorpusError(f"{path}:{n}: needs an 'id' and '{label}': true or false")
        if ident in out:
            raise CorpusError(f"{path}:{n}: id {ident!r} decided twice")
        out[ident] = (value, str(row.get("note", "")))
    return out


def _relabel_passes(args: argparse.Namespace) -> tuple[Decisions, Decisions]:
    a, b = read_decisions(Path(args.pass_a), args.label), read_decisions(Path(args.pass_b), args.label)
    if a.keys() != b.keys():
        odd = sorted(a.keys() ^ b.keys())
        raise CorpusError(f"the passes decide different drafts, e.g. {odd[:5]}")
    return a, b


def relabel_disputes(args: argparse.Namespace) -> int:
    rows = {str(r["id"]): r for path in args.corpus for r in read_jsonl(Path(path))}
    a, b = _relabel_passes(args)
    unknown = sorted(set(a) - set(rows))
    if unknown:
        raise CorpusError(f"{len(unknown)} decided drafts are in none of the corpus files, "
                          f"e.g. {unknown[:5]}")
    ids = sorted(a)
    kappa = cohen_kappa([a[i][0] for i in ids], [b[i][0] for i in ids])
    disputes = [{"id": i, "scenario": rows[i]["scenario"], "text": rows[i]["text"],
                 "note_a": a[i][1], "note_b": b[i][1]} for i in ids if a[i][0] != b[i][0]]
    write_jsonl(Path(args.disputes), disputes)  # which pass said yes is not shown
    print(f"{len(ids)} drafts re-decided on {args.label}: kappa {kappa:.3f}, "
          f"{sum(a[i][0] for i in ids)} and {sum(b[i][0] for i in ids)} yes, {len(disputes)} disputed")
    return 0


def relabel(args: argparse.Namespace) -> int:
    """Write the re-decided label into the corpus files; nothing is written unless every decided
    draft is found once, every dispute is adjudicated and no new value breaks the guide's hard rules."""
    from pushback_lib.analyzer.labels import hard_rules

    a, b = _relabel_passes(args)
    adjudicated = read_decisions(Path(args.adjudicated), args.label) if args.adjudicated else {}
    final: dict[str, bool] = {}
    for i in a:
        if i in adjudicated:
            final[i] = adjudicated[i][0]
        elif a[i][0] == b[i][0]:
            final[i] = a[i][0]
        else:
            raise CorpusError(f"{i}: the passes disagree on {args.label} and no adjudication is recorded")
    files = [Path(p) for p in args.corpus]
    if any(f.resolve() == HOLDOUT.resolve() for f in files):
        raise CorpusError(f"{HOLDOUT}: the frozen holdout is never relabelled")
    corpus = {f: read_jsonl(f) for f in files}
    found = Counter(str(r["id"]) for rows in corpus.values() for r in rows if str(r["id"]) in final)
    missing = sorted(set(final) - set(found))
    twice = sorted(i for i, n in found.items() if n > 1)
    if missing or twice:
        raise CorpusError(f"decided drafts must each be in exactly one corpus file: missing {missing[:5]}, "
                          f"more than once {twice[:5]}")
    key = "components" if args.label in COMPONENTS else "flags"
    order = COMPONENTS if key == "components" else FLAGS
    changes: dict[Path, Counter[str]] = {}
    for f, rows in corpus.items():
        changed: Counter[str] = Counter()
        for r in rows:
            i = str(r["id"])
            if i not in final:
                continue
            had = args.label in r[key]
            labels = {*r["components"], *r["flags"]} - {args.label} | ({args.label} if final[i] else set())
            ruled_out = labels - hard_rules(labels)
            if final[i] and ruled_out:
                raise CorpusError(f"{f}: {i}: {args.label} would break the guide's hard rules "
                                  f"({', '.join(sorted(ruled_out))} ruled out beside the rest)")
            r[key] = [x for x in order if x in labels]
            if had != final[i]:
                changed["added" if final[i] else "removed"] += 1
        changes[f] = changed
    for f, rows in corpus.items():
        if changes[f]:
            write_jsonl(f, rows)
        print(f"{f.name}: {args.label} added to {changes[f]['added']}, removed from "
              f"{changes[f]['removed']} of {sum(str(r['id']) in final for r in rows)} re-decided drafts")
    return 0


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("shard", help="blind annotation shards from writers' drafts")
    p.add_argument("drafts", nargs="+")
    p.add_argument("--out", required=True)
    p.add_argument("--prefix", required=True)
    p.add_argument("--size", type=int, default=200)
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(run=shard)
    p = sub.add_parser("agree", help="kappa per label and the disagreements")
    p.add_argument("drafts", nargs="+")
    p.add_argument("--pass-a", required=True)
    p.add_argument("--pass-b", required=True)
    p.add_argument("--disputes", required=True)
    p.add_argument("--markdown", default="", help="also write the kappa table here")
    p.add_argument("--review", nargs="*", default=[], choices=LABELS,
                   help="labels the guide clarified after the passes: agreed ones are re-decided too")
    p.set_defaults(run=agree)
    p = sub.add_parser("assemble", help="final labelled drafts")
    p.add_argument("drafts", nargs="+")
    p.add_argument("--pass-a", required=True)
    p.add_argument("--pass-b", required=True)
    p.add_argument("--adjudicated", default="")
    p.add_argument("--split", choices=("train", "holdout"), required=True)
    p.add_argument("--batch", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--append", action="store_true")
    p.set_defaults(run=assemble)
    redecided = argparse.ArgumentParser(add_help=False)  # what both relabel commands read
    redecided.add_argument("label", choices=LABELS)
    redecided.add_argument("corpus", nargs="+", help="the labelled corpus files holding the drafts")
    redecided.add_argument("--pass-a", required=True)
    redecided.add_argument("--pass-b", required=True)
    p = sub.add_parser("relabel-disputes", parents=[redecided],
                       help="one label re-decided: kappa and the disputes")
    p.add_argument("--disputes", required=True)
    p.set_defaults(run=relabel_disputes)
    p = sub.add_parser("relabel", parents=[redecided],
                       help="write one re-decided label into the corpus files (rewritten in place)")
    p.add_argument("--adjudicated", default="")
    p.set_defaults(run=relabel)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except CorpusError as exc:
        print(f"corpus_tool: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
