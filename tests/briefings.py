"""Briefings made for tests: small ones validated by the real schema, and a seeded generator of realistic,
dense ones (statements of up to 150 words, text sections of several paragraphs, up to 40 references, titles
of 200 characters, unbroken 200-character tokens, per-audience rewordings and limits)."""

from __future__ import annotations

import random
from typing import Any

from briefgen.content.library import Library
from briefgen.content.model import Briefing
from briefgen.content.references import to_csl

WORDS = ["link", "workers", "referral", "caseload", "commissioning", "primary", "care", "practice", "funding",
         "outcomes", "wellbeing", "community", "voluntary", "sector", "targets", "continuity", "trust", "housing",
         "debt", "isolation", "patients", "support", "evidence", "evaluation", "relational", "holistic",
         "transactional", "capacity", "turnover", "inequalities"]


def briefing(**fields: Any) -> Briefing:
    """A valid briefing: `fields` over a minimal one (one author, one key message, one findings section)."""
    data: dict[str, Any] = {"title": "T", "authors": [{"name": "A"}], "key_messages": ["K"],
                            "sections": [{"id": "s", "title": "S", "items": ["a"]}]}
    return Briefing.model_validate({**data, **fields})


def library(source: Briefing) -> Library:
    """The works of a briefing whose references are written out in it."""
    assert not isinstance(source.references, str) and not isinstance(source.further_reading, str)
    return Library(tuple(map(to_csl, source.references)), tuple(map(to_csl, source.further_reading)))


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generated(seed: int) -> dict[str, Any]:
    """A realistic briefing as YAML data, the same for the same seed."""
    rng = random.Random(seed)
    audiences = ["commissioner", "gp", "link_worker"]

    def text(words: int) -> str:
        body = sentence(rng, words)
        if rng.random() < 0.04:  # a pasted address or identifier with no place to break
            body += " " + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(200))
        return body

    def item(words: tuple[int, int] | None = None) -> Any:
        statement = text(rng.randint(*words) if words else rng.choice([rng.randint(5, 30), rng.randint(30, 150)]))
        roll = rng.random()
        if roll < 0.2:
            return {"text": statement, "audiences": rng.sample(audiences, rng.randint(1, 2))}
        if roll < 0.4:
            return {"text": statement, "for": {rng.choice(audiences): text(rng.randint(5, 60))}}
        return statement

    def title() -> str:
        return sentence(rng, rng.randint(2, 8)) if rng.random() < 0.9 else (sentence(rng, 40)[:199] + ".")

    sections: list[dict[str, Any]] = []
    for number in range(rng.randint(2, 6)):
        kind = rng.choice(["findings", "impact", "implications", "tensions", "text"])
        section: dict[str, Any] = {"id": f"s{number}", "kind": kind, "title": title()}
        if kind == "tensions":
            # Factors pulling towards a pole are phrases, not paragraphs.
            section["contrast"] = {side: {"label": sentence(rng, 2),
                                          "items": [item((2, 12)) for _ in range(rng.randint(0, 6))]}
                                   for side in ("left", "right")}
        elif kind == "text":
            section["body"] = "\n\n".join(text(rng.randint(10, 80)) for _ in range(rng.randint(1, 4)))
        else:
            section["items"] = [item() for _ in range(rng.randint(1, 8))]
        if rng.random() < 0.2:
            section["audiences"] = rng.sample(audiences, 2)
        sections.append(section)
    return {"title": title(), "authors": [{"name": "Dr A Researcher"}],
            "key_messages": [item() for _ in range(rng.randint(1, 5))], "sections": sections,
            "references": [{"id": f"r{n}", "authors": ["Author A"], "year": 2000 + n, "title": text(rng.randint(4, 20))}
                           for n in range(rng.randint(0, 40))]}
