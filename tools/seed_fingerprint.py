"""Fingerprint the two source articles, so a clean clone can check the course never
repeats them, without holding their text.

The course is written in its own words: no run of eight words from either article
(``../shared/seeds/*.txt``, beside the repository where the authors work) may
appear in what learners or instructors read. The articles are not part of the
repository, so the check uses a committed fingerprint instead: the SHA-256 of
every normalised eight-word run, one hex digest per line, sorted, in
``tests/lessons/seed_fingerprint.txt``. Run ``python -m tools.seed_fingerprint``
where the articles are present to regenerate it; a test fails when it is out of
date there.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
FINGERPRINT = ROOT / "tests" / "lessons" / "seed_fingerprint.txt"
RUN = 8
HEADER = (f"# SHA-256 of every normalised {RUN}-word run of the source articles "
          "(tools/seed_fingerprint.py); no text.\n")


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    """Every run of ``n`` consecutive words, lower-cased, punctuation dropped."""
    words = re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def digest(run: tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()


def fingerprint(texts: Iterable[str]) -> list[str]:
    """The sorted digests of every run of every text."""
    return sorted({digest(r) for text in texts for r in runs(text)})


def read(path: Path = FINGERPRINT) -> frozenset[str]:
    return frozenset(line for line in path.read_text(encoding="ascii").splitlines()
                     if line and not line.startswith("#"))


def render(seeds_dir: Path = SEEDS_DIR) -> str:
    articles = sorted(seeds_dir.glob("*.txt"))
    if not articles:
        raise SystemExit(f"no articles in {seeds_dir}")
    return HEADER + "".join(f"{d}\n" for d in fingerprint(p.read_text(encoding="utf-8")
                                                           for p in articles))


def copied(text: str, prints: frozenset[str]) -> list[str]:
    """The runs of ``text`` (as words) whose digest is in the fingerprint."""
    return sorted(" ".join(r) for r in runs(text) if digest(r) in prints)


def main(argv: list[str]) -> int:
    seeds_dir = Path(argv[0]) if argv else SEEDS_DIR
    FINGERPRINT.write_text(render(seeds_dir), encoding="ascii")
    print(f"{FINGERPRINT.relative_to(ROOT)}: {len(read())} digests from {seeds_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
