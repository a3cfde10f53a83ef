"""Briefings made in memory for unit tests: plain data validated by the real schema, and a seeded generator
of realistic ones (long statements, many items, per-audience rewordings and limits)."""

from __future__ import annotations

import random
from typing import Any

from briefgen.content.model import Briefing

WORDS = ["link", "workers", "referral", "caseload", "commissioning", "primary", "care", "practice", "funding",
         "outcomes", "wellbeing", "community", "voluntary", "sector", "targets", "continuity", "trust", "housing",
         "debt", "isolation", "patients", "support", "evidence", "evaluation", "relational", "holistic",
         "transactional", "capacity", "turnover", "inequalities"]


def briefing(**fields: Any) -> Briefing:
    """A valid briefing: `fields` over a minimal one (one author, one key message, one findings section)."""
    data: dict[str, Any] = {"title": "T", "authors": [{"name": "A"}], "key_messages": ["K"],
                            "sections": [{"id": "s", "title": "S", "items": ["a"]}]}
    return Briefing.model_validate({**data, **fields})


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generated(seed: int) -> dict[str, Any]:
    """A realistic briefing as YAML data: 3 to 8 sections of every kind, statements of 5 to 120 words, some limited
    to an audience or reworded for one."""
    rng = random.Random(seed)
    audiences = ["commissioner", "gp", "link_worker"]

    def item() -> Any:
        text = sentence(rng, rng.randint(5, 120))
        roll = rng.random()
        if roll < 0.2:
            return {"text": text, "audiences": rng.sample(audiences, rng.randint(1, 2))}
        if roll < 0.4:
            return {"text": text, "for": {rng.choice(audiences): sentence(rng, rng.randint(5, 40))}}
        return text

    sections: list[dict[str, Any]] = []
    for number in range(rng.randint(3, 8)):
        kind = rng.choice(["findings", "impact", "implications", "tensions", "text"])
        section: dict[str, Any] = {"id": f"s{number}", "kind": kind, "title": sentence(rng, rng.randint(2, 8))}
        if kind == "tensions":
            section["contrast"] = {side: {"label": sentence(rng, 2),
                                          "items": [item() for _ in range(rng.randint(0, 6))]}
                                   for side in ("left", "right")}
        elif kind == "text":
            section["body"] = "\n\n".join(sentence(rng, rng.randint(10, 60)) for _ in range(rng.randint(1, 3)))
        else:
            section["items"] = [item() for _ in range(rng.randint(1, 12))]
        if rng.random() < 0.2:
            section["audiences"] = rng.sample(audiences, 2)
        sections.append(section)
    return {"title": sentence(rng, 6), "authors": [{"name": "Dr A Researcher"}],
            "key_messages": [item() for _ in range(rng.randint(1, 5))], "sections": sections,
            "references": [{"id": f"r{n}", "authors": ["Author A"], "year": 2020 + n, "title": sentence(rng, 8)}
                           for n in range(rng.randint(0, 12))]}
