"""Static sentence embeddings of a draft (``train_analyzer.py --embed``): WordLlama's mean vectors.

Why: words and letter runs only match phrasing the training writers used;
an embedding places "your loss" near phrasing nobody here wrote, which is what
a learner's draft is. WordLlama (``l2_supercat``, 256 dimensions) ships its
token vectors and its tokenizer *inside its wheel*, so nothing is ever
downloaded: the two files are read straight from the installed package's
folder (the package's own loader looks for the tokenizer elsewhere and would
then try the network, and importing it configures the root logger). The
result equals ``WordLlama.load(..., cache_dir=<package folder>).embed(texts)``
(a test checks it).

Measured by leave-one-writer-out, the embeddings did not help the analyzer
(corpus/README.md, task "embed"), so they are not shipped: this module is an
experiment's tool, and ``wordllama`` is not a dependency of the course. To
repeat the experiment (e.g. with more writers): ``.venv/bin/uv pip install
wordllama==0.4.0.post1``, then ``python -m tools.train_analyzer --embed mean
--out /tmp/m.npz --save-oof /tmp/oof.npz`` and ``python -m tools.short_gate_study
/tmp/oof.npz --report``.

Everything is loaded on first use, never at import.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Embedder", "load_embedder", "EMBED_DIM", "KINDS", "WEIGHTS", "TOKENIZER"]

EMBED_DIM = 256
WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
KINDS = {"mean": 1, "ends": 3}
"""What a draft's vector is made of: ``mean`` the whole draft's mean embedding; ``ends`` that,
then the first and the last sentence's (256 dimensions each, each scaled to unit length)."""
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_LOADED: list[Embedder] = []


@dataclass(frozen=True)
class Embedder:
    """WordLlama's token vectors and tokenizer, applied as its ``embed`` does (mean pooling)."""

    vectors: np.ndarray
    """(tokens, 256) float32 token vectors."""
    tokenizer: Any
    """A ``tokenizers.Tokenizer``, without padding or truncation."""

    def embed(self, text: str) -> np.ndarray:
        """The mean token vector of ``text`` (zeros when it has no tokens)."""
        import numpy as np

        ids = self.tokenizer.encode(text, add_special_tokens=False).ids
        if not ids:
            return np.zeros(self.vectors.shape[1], dtype=np.float32)
        return np.asarray(self.vectors[ids].mean(axis=0, dtype=np.float32))

    def draft_vector(self, text: str, kind: str = "mean") -> np.ndarray:
        """The draft's vector of ``kind`` (see ``KINDS``): unit-length embeddings, concatenated."""
        import numpy as np

        if kind not in KINDS:
            raise ValueError(f"unknown embedding kind {kind!r}; expected one of {sorted(KINDS)}")
        pieces = [text]
        if kind == "ends":
            sentences = [m.group().strip() for m in _SENTENCE.finditer(text) if m.group().strip()]
            pieces += [sentences[0], sentences[-1]] if sentences else [text, text]
        out = []
        for piece in pieces:
            v = self.embed(piece)
            norm = float(np.sqrt(v @ v))
            out.append(v / norm if norm > 0 else v)
        return np.concatenate(out)

    def embed_many(self, texts: list[str]) -> np.ndarray:
        """(len(texts), 256) mean token vectors."""
        import numpy as np

        out = np.zeros((len(texts), self.vectors.shape[1]), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self.embed(text)
        return out


def package_folder() -> Path:
    """The installed ``wordllama`` package's folder, found without importing it."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("--embed needs the `wordllama` package (its wheel ships the embedding "
                         "weights): .venv/bin/uv pip install wordllama==0.4.0.post1")
    return Path(next(iter(spec.submodule_search_locations)))


def load_embedder() -> Embedder:
    """The embedder, read once from the wordllama wheel's own files (never downloaded)."""
    if not _LOADED:
        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = package_folder()
        missing = [str(folder / p) for p in (WEIGHTS, TOKENIZER) if not (folder / p).exists()]
        if missing:
            raise SystemExit(f"the wordllama package lacks {', '.join(missing)}; "
                             "reinstall wordllama==0.4.0.post1")
        vectors = load_file(str(folder / WEIGHTS))["embedding.weight"]
        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        _LOADED.append(Embedder(np.ascontiguousarray(vectors, dtype=np.float32), tokenizer))
    return _LOADED[0]
