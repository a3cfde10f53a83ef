"""A request → its plan as rows, one per document: briefing, variant, files, expected cost, whether current,
and its shard; nothing rendered (`briefgen plan`). The build's own planning, split and costs, so the rows say
what a build of the same request would do."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.pipeline.cost import Cost
from briefgen.pipeline.output import OutputWriter
from briefgen.pipeline.plan import plan
from briefgen.pipeline.request import BuildRequest
from briefgen.pipeline.shard import assign


@dataclass(frozen=True)
class PlannedDocument:
    briefing: str
    """The briefing's slug."""
    variant: dict[str, str]
    """Each axis's name → the variant's key on it (`Variant.keys`)."""
    stem: str
    outputs: tuple[str, ...]
    cost: Cost
    current: bool
    """Whether every file of it is in the output folder, made from what it would be made from now."""
    shard: int | None
    """The shard (1 to N) that renders it, when the request is split."""

    def as_record(self) -> dict[str, object]:
        return {"briefing": self.briefing, "variant": self.variant, "stem": self.stem, "outputs": list(self.outputs),
                "cost": {"seconds": self.cost.seconds, "source": self.cost.source}, "current": self.current,
                "shard": self.shard}


def planned_documents(request: BuildRequest, shards: int | None = None) -> list[PlannedDocument]:
    """The documents `request` plans, with the shard of each among `shards` (or among the request's shard's
    count); a request for one shard lists that shard's documents only."""
    whole = plan(request)
    writer = OutputWriter(request.out_dir)  # read only: never committed
    costs = {document.stem: whole.cost(document, writer) for document in whole.documents}
    count = request.shard.count if request.shard else shards
    shard_of = assign({stem: cost.seconds for stem, cost in costs.items()}, count) if count else {}
    documents = [PlannedDocument(document.source.slug, document.variant.keys, document.stem,
                                 tuple(document.inputs), costs[document.stem],
                                 not request.force and whole.current(document, writer) == set(document.formats),
                                 shard_of.get(document.stem))
                 for document in whole.documents]
    return [document for document in documents if not request.shard or document.shard == request.shard.index]
