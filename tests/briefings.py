"""Briefings made for tests: small ones validated by the real schema, and a seeded generator of realistic,
dense ones (statements of up to 150 words, text sections of several paragraphs, up to 40 references, titles
of 200 characters, unbroken 120-character tokens (the longest word validation allows), per-audience rewordings
and limits)."""

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


REFERENCE_TYPES = ["article", "report", "webpage", "preprint", "book", "chapter", "podcast", "video", "dataset",
                   "legislation", "guidance"]
ABBREVIATIONS = {"ICB": "integrated care board", "PCN": "primary care network",
                 "VCSE": "voluntary and community sector"}


def generated(seed: int, annex: bool = False) -> dict[str, Any]:
    """A realistic briefing as YAML data, the same for the same seed: most claims cite works (some with a
    page, some several at once), statements have titles, points, per-audience additions and tables, sections
    have call-outs, some tables are drawn as charts, and works never cited are further reading; with `annex`,
    some sections are in the brief's annex."""
    rng = random.Random(seed)
    charting = random.Random(f"charts {seed}")  # its own stream: charts leave the rest of a seed's briefing as it was
    annexing = random.Random(f"annex {seed}")  # and so does the annex
    audiences = ["commissioner", "gp", "link_worker"]
    works = rng.randint(0, 40)
    cited: set[int] = set()

    def citation() -> str:
        if not works or rng.random() < 0.4:
            return ""
        chosen = rng.sample(range(works), min(works, rng.choice([1, 1, 1, 2, 3])))
        cited.update(chosen)
        cites = [f"@r{n}" + (f", p. {rng.randint(1, 400)}" if rng.random() < 0.2 else "") for n in chosen]
        return f" [{'; '.join(cites)}]"

    def text(words: int) -> str:
        body = sentence(rng, words)
        if rng.random() < 0.04:  # a pasted address or identifier with no place to break
            body += " " + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(120))
        if rng.random() < 0.15:
            body = f"{rng.choice(list(ABBREVIATIONS))}s {body[0].lower()}{body[1:]}"
        return body[:-1] + citation() + "."

    def table() -> dict[str, Any]:
        columns = rng.randint(2, 5)
        rows: list[Any] = [[sentence(rng, rng.randint(1, 4))[:-1], *(f"{rng.uniform(0, 100):.1f}"
                                                                     for _ in range(columns - 1))]
                           for _ in range(rng.randint(1, 25))]
        if rng.random() < 0.3:
            rows[0] = {"cells": rows[0], "audiences": rng.sample(audiences, 1)}
        written = {"caption": sentence(rng, rng.randint(3, 12)),
                   "header": [sentence(rng, 2)[:-1] for _ in range(columns)], "rows": rows,
                   **({"source": citation().strip() or "Survey data."} if rng.random() < 0.5 else {})}
        # Authors chart a dozen categories at most; longer tables stay tables.
        if charting.random() < 0.4 and len(set(written["header"])) == columns and len(rows) <= 12:
            kind = charting.choice(["bar", "bar", "line"])
            written["chart"] = {"type": kind, "x": written["header"][0], "y": written["header"][1:],
                                "horizontal": kind == "bar" and len(rows) > 8,
                                "stacked": kind == "bar" and charting.random() < 0.3}
        return written

    def item(words: tuple[int, int] | None = None) -> Any:
        statement = text(rng.randint(*words) if words else rng.choice([rng.randint(5, 30), rng.randint(30, 150)]))
        roll = rng.random()
        if roll < 0.2:
            return {"text": statement, "audiences": rng.sample(audiences, rng.randint(1, 2))}
        if roll < 0.35:
            return {"text": statement, "for": {rng.choice(audiences): text(rng.randint(5, 60))}}
        if roll < 0.45:
            return {"text": statement, "add": {rng.choice(audiences): text(rng.randint(5, 30))}}
        if roll < 0.6 and not words:
            rich: dict[str, Any] = {"title": sentence(rng, rng.randint(2, 8))[:-1], "text": statement}
            if rng.random() < 0.5:
                rich["points"] = [text(rng.randint(3, 25)) for _ in range(rng.randint(2, 7))]
            if rng.random() < 0.3:
                rich["slide"] = text(rng.randint(4, 15))
            if rng.random() < 0.15:
                rich["table"] = table()
            return rich
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
        if rng.random() < 0.1:
            section["table"] = table()
        if rng.random() < 0.25:
            section["callouts"] = [{"tone": rng.choice(["note", "caveat", "key_fact"]),
                                    "text": text(rng.randint(8, 60))} for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.2:
            section["audiences"] = rng.sample(audiences, 2)
        if annex and number and annexing.random() < 0.4:
            section["annex"] = True
        sections.append(section)
    key_messages = [item() for _ in range(rng.randint(1, 5))]

    def work(number: int) -> dict[str, Any]:
        kind = rng.choice(REFERENCE_TYPES)
        entry: dict[str, Any] = {"id": f"r{number}", "type": kind, "title": text(rng.randint(4, 20))[:-1]}
        if rng.random() < 0.8:
            entry["authors"] = ([{"organisation": "NHS England"}] if rng.random() < 0.3 else
                                [f"{rng.choice(WORDS).capitalize()} {rng.choice('ABCDEFGH')}"
                                 for _ in range(rng.randint(1, 6))])
        if rng.random() < 0.9:
            entry["year"] = 2000 + number % 25
        if kind in ("webpage", "podcast", "video", "dataset") or rng.random() < 0.3:
            entry["url"] = f"https://example.org/{rng.choice(WORDS)}/{number}"
        if kind == "webpage":
            entry["accessed"] = "2025-01-15"
        if kind in ("article", "chapter") or rng.random() < 0.2:
            entry["container"] = sentence(rng, rng.randint(2, 6))[:-1]
        if kind in ("report", "book", "guidance") and rng.random() < 0.7:
            entry["publisher"] = sentence(rng, 2)[:-1]
        if rng.random() < 0.3:
            entry["doi"] = f"10.{1000 + number}/{rng.choice(WORDS)}.{number}"
        return entry

    data: dict[str, Any] = {"title": title(), "authors": [{"name": "Dr A Researcher"}], "key_messages": key_messages,
                            "sections": sections, "abbreviations": ABBREVIATIONS,
                            "citation_style": rng.choice(["author-date", "numbered"]),
                            "references": [work(n) for n in sorted(cited)]}
    if uncited := [work(n) for n in range(works) if n not in cited]:
        data["further_reading"] = uncited[:10]
    return data
