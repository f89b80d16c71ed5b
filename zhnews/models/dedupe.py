"""Near-duplicate articles across sources: MinHash over character shingles.

The same story reprinted by several sites differs in chrome, bylines and a
sentence here and there, so exact hashes miss it. MinHash estimates the
Jaccard similarity of the articles' character 5-gram sets; LSH banding finds
candidate pairs without comparing every pair, so a day of pages or a year of
archives both work. Hashes come from blake2b, not Python's salted `hash`, so
results are the same in every process.
"""

from __future__ import annotations

import hashlib

import numpy as np

from ..text.chars import normalized_key

_MERSENNE = (1 << 61) - 1
_MAX_HASH = (1 << 32) - 1


class MinHashDeduper:
    """Group texts whose estimated Jaccard similarity reaches `threshold`.

    `fit(texts)` learns `groups_` (lists of indices, first = earliest) and
    `labels_` (the group representative of each text).
    """

    def __init__(self, threshold: float = 0.5, shingle: int = 5, num_perm: int = 128, bands: int = 32, seed: int = 13):
        self.threshold = threshold
        self.shingle = shingle
        self.num_perm = num_perm
        self.bands = bands
        self.seed = seed

    def signatures(self, texts: list[str]) -> np.ndarray:
        sigs = np.full((len(texts), self.num_perm), _MAX_HASH, dtype=np.uint64)
        for i, text in enumerate(texts):
            sigs[i] = self.signature(text)
        return sigs

    def signature(self, text: str) -> np.ndarray:
        """The MinHash signature of one text (a row of `signatures`): the costly part of `fit`,
        which a pool can compute beside its other work and hand to `fit`."""
        a, b = self._permutations()
        hashes = self._shingle_hashes(text)
        if not hashes.size:
            return np.full(self.num_perm, _MAX_HASH, dtype=np.uint64)
        # (a*x + b) mod p, in 64 bits: x < 2^32 and a < 2^32 keep it exact.
        return ((np.outer(hashes, a) + b) % np.uint64(_MERSENNE) & np.uint64(_MAX_HASH)).min(axis=0)

    def _permutations(self) -> tuple[np.ndarray, np.ndarray]:
        made = getattr(self, "_perms", None)
        if made is None or made[0] != (self.seed, self.num_perm):
            rng = np.random.RandomState(self.seed)
            a = rng.randint(1, _MAX_HASH, size=self.num_perm, dtype=np.uint64)
            b = rng.randint(0, _MAX_HASH, size=self.num_perm, dtype=np.uint64)
            made = self._perms = ((self.seed, self.num_perm), a, b)
        return made[1], made[2]

    def _shingle_hashes(self, text: str) -> np.ndarray:
        core = normalized_key(text)
        k = self.shingle
        grams = {core[i : i + k] for i in range(max(1, len(core) - k + 1))} if core else set()
        return np.array(
            [int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=4).digest(), "little") for g in grams],
            dtype=np.uint64,
        )

    def fit(self, texts: list[str], signatures: np.ndarray | None = None) -> "MinHashDeduper":
        """Group `texts`; `signatures`, when given, are their rows of `signatures(texts)`, made already."""
        sigs = self.signatures(texts) if signatures is None else np.asarray(signatures, dtype=np.uint64)
        if sigs.shape != (len(texts), self.num_perm):
            raise ValueError(f"signatures must be {len(texts)} x {self.num_perm}, not {sigs.shape}")
        rows = self.num_perm // self.bands
        parent = list(range(len(texts)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for band in range(self.bands):
            buckets: dict[bytes, list[int]] = {}
            chunk = sigs[:, band * rows : (band + 1) * rows]
            for i in range(len(texts)):
                buckets.setdefault(chunk[i].tobytes(), []).append(i)
            for members in buckets.values():
                # Each member is compared with the bucket's group leaders, not with every other
                # member: 5,000 copies of one story cost 5,000 comparisons, not 12 million.
                leaders: list[int] = []
                for i in members:
                    for leader in leaders:
                        if find(i) == find(leader):
                            break
                        if float(np.mean(sigs[i] == sigs[leader])) >= self.threshold:
                            ri, rj = find(i), find(leader)
                            parent[max(ri, rj)] = min(ri, rj)
                            break
                    else:
                        leaders.append(i)
        self.labels_ = [find(i) for i in range(len(texts))]
        groups: dict[int, list[int]] = {}
        for i, root in enumerate(self.labels_):
            groups.setdefault(root, []).append(i)
        self.groups_ = sorted(groups.values(), key=lambda g: g[0])
        self.signatures_ = sigs
        return self

    def similarity(self, i: int, j: int) -> float:
        return float(np.mean(self.signatures_[i] == self.signatures_[j]))
