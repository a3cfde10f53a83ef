"""The words `briefgen lint` asks about: jargon to avoid, and abbreviations every reader knows."""

from __future__ import annotations

JARGON = (
    "agenda", "advancing", "collaborate", "combating", "commit", "countering", "deliver", "deploy", "dialogue",
    "disincentivise", "drive out", "empower", "facilitate", "focusing", "foster", "going forward", "impact on",
    "incentivise", "initiate", "key", "land", "leverage", "liaise", "overarching", "progress", "promote",
    "robust", "slimming down", "streamline", "strengthening", "tackling", "transforming", "utilise",
    "ring fencing", "one-stop shop", "stakeholder", "synergy", "paradigm", "best practice", "touch base",
    "in order to", "with regard to", "moving forward",
)
"""Words and phrases GOV.UK's style guide ("Words to avoid") and the NHS digital service manual ask writers
not to use, because they hide what is meant: say what is being done instead."""

WELL_KNOWN = frozenset({"UK", "US", "EU", "NHS", "GP", "BBC", "VAT", "PDF", "URL", "OK", "COVID", "TV"})
"""Abbreviations every reader knows, which need no spelling out (as GOV.UK writes "UK" and "NHS")."""

FIELD_WORDS = frozenset({
    "wellbeing", "deprescribing", "polypharmacy", "multimorbidity", "comorbidity", "comorbidities",
    "coproduce", "coproduced", "coproduction", "telehealth", "telecare", "sociodemographic", "codesign",
    "codesigned",
})
"""Health and care words the `en_GB` dictionary lacks and the NHS writes (it writes "wellbeing", one word)."""
