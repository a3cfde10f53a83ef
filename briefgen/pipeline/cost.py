"""A planned document → the seconds it is expected to take to render: as recorded by its last rendering, else
estimated from its kind and formats. What `shard.assign` balances the shards by."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from briefgen.pipeline.output import Recorded
from briefgen.render.registry import DocumentKind, OutputFormat

_FORMAT_SECONDS = {"html": 0.2, "pdf": 2.0, "pptx": 3.0, "docx": 1.5}
"""Rough seconds to render one document in each format, in proportion to what the examples record: only the
proportions matter, and only until a build has recorded the real times."""
_OTHER_FORMAT_SECONDS = 2.0
_LAYOUT_SECONDS = 2.0
"""Laying a deck out to fit its slides, which even its HTML needs."""


@dataclass(frozen=True)
class Cost:
    seconds: float
    source: Literal["recorded", "estimate"]


def cost_of(stem: str, kind: DocumentKind, formats: Sequence[OutputFormat], check_fit: bool,
            recorded: Mapping[str, Recorded]) -> Cost:
    """The seconds the last rendering of document `stem`'s files took, if the manifest has them for every
    format asked for; else an estimate. A document's formats are rendered together, and each records the
    seconds of the rendering that made it: the longest is that of them all."""
    seconds = [record.seconds if (record := recorded.get(f"{stem}.{fmt.name}")) else None for fmt in formats]
    if seconds and all(second is not None for second in seconds):
        return Cost(max(second for second in seconds if second is not None), "recorded")
    estimate = sum(_FORMAT_SECONDS.get(fmt.name, _OTHER_FORMAT_SECONDS) for fmt in formats)
    if kind.fits_slides and check_fit:
        estimate += _LAYOUT_SECONDS
    return Cost(round(estimate, 1), "estimate")
