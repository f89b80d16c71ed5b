"""The digest as JSON, with its full structure, for other programs."""

from __future__ import annotations

import json
from dataclasses import asdict

from ..records import Digest, DigestItem


def _item(item: DigestItem) -> dict:
    data = asdict(item)
    data["primary"] = item.primary
    return data


def digest_to_dict(digest: Digest) -> dict:
    return {
        "date": digest.date,
        "generated": digest.generated,
        "n_input": digest.n_input,
        "n_duplicates": digest.n_duplicates,
        "counts": digest.counts,
        "only": digest.only,
        "themes": [
            {"id": label, "name": digest.name(label), "color": digest.color(label), "items": [_item(i) for i in items]}
            for label, items in digest.sections.items()
        ],
        "other": [_item(i) for i in digest.other],
    }


def render(digest: Digest) -> str:
    return json.dumps(digest_to_dict(digest), ensure_ascii=False, indent=2) + "\n"
