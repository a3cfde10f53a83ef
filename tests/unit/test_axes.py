"""A variant axis is one declaration: a toy language axis, registered for these tests, multiplies the editions
and reaches their folders, names, labels, selection, tailoring and the index page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefgen.content.model import Briefing, Wording
from briefgen.errors import UsageError
from briefgen.pipeline import BuildRequest, build
from briefgen.views.axes import AXES, Axis
from briefgen.views.tailor import tailor
from briefgen.views.variant import adapted, variants_of
from tests.briefings import briefing, library
from tests.conftest import FIXTURES, ROOT


@dataclass(frozen=True)
class Language:
    key: str
    label: str
    title: str | None
    """The briefing's title in this language (None: as written)."""


def languages_of(briefing: Briefing) -> list[Language]:
    return [Language("en", "English", None), Language("cy", "Cymraeg", "Briff")]


def translated(briefing: Briefing, language: Language) -> Briefing:
    return briefing.model_copy(update={"title": Wording(text=language.title)}) if language.title else briefing


LANGUAGE = Axis("language", languages_of, translated)


@pytest.fixture
def language() -> Iterator[Axis[Language]]:
    AXES.append(LANGUAGE)
    try:
        yield LANGUAGE
    finally:
        AXES.remove(LANGUAGE)


def test_the_variants_are_every_audience_in_every_language(language: Axis[Language]) -> None:
    variants = variants_of(briefing())
    assert [variant.name for variant in variants] == ["commissioner/en", "commissioner/cy", "gp/en", "gp/cy",
                                                      "link_worker/en", "link_worker/cy"]
    gp_welsh = variants[3]
    assert (gp_welsh.folder, gp_welsh.label) == ("gp/cy", "GPs and primary care teams · Cymraeg")
    assert (gp_welsh.audience.key, gp_welsh.value(language).key) == ("gp", "cy")
    assert gp_welsh.chosen({"language": frozenset({"cy"})}) and not gp_welsh.chosen({"audience": frozenset({"pha"})})


def test_an_axis_adapts_the_briefing_before_it_is_tailored(language: Axis[Language]) -> None:
    source = briefing(title="Briefing")
    titles = [tailor(adapted(source, variant), library(source), "slug", variant).title
              for variant in variants_of(source)[:2]]
    assert titles == ["Briefing", "Briff"]


def test_a_build_selects_by_the_new_axis_and_indexes_its_editions(language: Axis[Language], tmp_path: Path) -> None:
    request = BuildRequest(sources=(FIXTURES / "minimal.yaml",), out_dir=tmp_path, templates_dir=ROOT / "templates",
                           selection={"audience": frozenset({"gp"}), "language": frozenset({"cy"})},
                           formats=("html",), outputs=("brief",), check_fit=False, jobs=1)
    result = build(request)
    assert result.rendered == ("minimal/gp/cy/brief",)
    assert "<title>Briff" in (tmp_path / "minimal" / "gp" / "cy" / "brief.html").read_text()
    index = (tmp_path / "index.html").read_text()
    assert "GPs and primary care teams · Cymraeg" in index and 'href="minimal/gp/cy/brief.html"' in index
    with pytest.raises(UsageError, match=r"^unknown language fr \(known: cy, en\)$"):
        build(BuildRequest(sources=request.sources, out_dir=tmp_path, templates_dir=request.templates_dir,
                           selection={"language": frozenset({"fr"})}))
    with pytest.raises(UsageError, match=r"^unknown axis region \(known: audience, language\)$"):
        build(BuildRequest(sources=request.sources, out_dir=tmp_path, templates_dir=request.templates_dir,
                           selection={"region": frozenset({"north"})}))
