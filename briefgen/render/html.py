"""Tailored briefings and slide plans → standalone HTML pages, with the project's Jinja2 templates.

The only module that imports Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from briefgen import __version__
from briefgen.content import figures, richtext
from briefgen.content.brand import Brand
from briefgen.errors import RenderError
from briefgen.render import chart_svg, dates, prose
from briefgen.render.brand_css import brand_css, font_families
from briefgen.render.csp import with_policy
from briefgen.render.prose import Prose
from briefgen.views.axes import mid_sentence
from briefgen.views.comparison import Comparison
from briefgen.views.tailored_briefing import TailoredBriefing

# Scanning beats parsing here: it runs on every build, and jinja2.meta would parse each CSS file too.
_REFERENCE = re.compile(r"""{%-?\s*(?:extends|include|import|from)\s+(?:"([^"]+)"|'([^']+)'|(\S))""")

@dataclass(frozen=True)
class IndexLink:
    href: str
    """Relative to the index page."""
    text: str
    """What it is: "Brief (PDF)"."""


@dataclass(frozen=True)
class IndexEdition:
    """One edition of a briefing on the index page: its name and, per audience, links to the files built for it."""

    label: str
    """"Leeds"; empty for the one edition of a briefing without a table of editions."""
    variants: tuple[tuple[str, tuple[IndexLink, ...]], ...]
    """(who the files are for: the audience's label, their links)."""


@dataclass(frozen=True)
class IndexEntry:
    """One briefing on the index page: its title and its editions' files."""

    slug: str
    title: str
    """As it reads for every edition: "Social prescribing in each local authority", never a quote."""
    editions: tuple[IndexEdition, ...]
    edition_title: str
    """What one edition is ("Local authority"), which the page's find box looks for; empty without editions."""


class HtmlRenderer:
    """Owns the Jinja2 environment: autoescape everywhere, undefined names are errors."""

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = templates_dir
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        # Text filters render with the Prose of the document being rendered (see `document`).
        self.environment.filters.update(inline=lambda text: prose.current().inline(text),
                                        block=lambda text: prose.current().block(text),
                                        heading=lambda text: prose.current().heading(text),
                                        plain=richtext.plain, lower=mid_sentence, date=dates.printed)
        self.environment.globals["generator"] = f"briefgen {__version__}"

    def _render(self, template_name: str, **context: object) -> str:
        try:
            return with_policy(self.environment.get_template(template_name).render(**context))[0]
        except jinja2.TemplateError as exc:
            where = f"{exc.filename}:{exc.lineno}: " if isinstance(exc, jinja2.TemplateSyntaxError) else ""
            raise RenderError(f"template {template_name}: {where}{exc}") from None

    def sources(self, template_name: str) -> dict[str, str]:
        """`template_name` and every template it extends, includes or imports: name → source text."""
        found: dict[str, str] = {}
        waiting = [template_name]
        while waiting:
            name = waiting.pop()
            if name in found:
                continue
            source, _, _ = self.environment.loader.get_source(self.environment, name)  # type: ignore[union-attr]
            found[name] = source
            for double_quoted, single_quoted, _computed in _REFERENCE.findall(source):
                literal = double_quoted or single_quoted
                # A name computed at render time could be any template.
                waiting.extend([literal] if literal else self.environment.list_templates())
        return found

    def document(self, template: str, briefing: TailoredBriefing, images: Mapping[str, Path], brand: Brand,
                 text: Prose, **context: object) -> str:
        """A document's page: `briefing` as `brief`, its text rendered by `text` (also given to the template
        as `prose`, for the reference list), figures embedded, charts drawn (`draw_chart(chart, "PAGE" or
        "SLIDE")`), styled by `brand`, and whatever else its template
        takes (a deck: `slides` and `speaker_notes`). `text` has its citations registered (see
        `register_citations`)."""
        palette = brand.palette_for(briefing.audience.key)
        colours, font = brand.series_colours(palette), font_families(brand.typography.base)
        with prose.rendering(text):
            return self._render(template, brief=briefing, image_uri=_image_uri(images), prose=text,
                                draw_chart=lambda chart, frame: chart_svg.svg(chart, colours, palette,
                                                                              getattr(chart_svg, frame), font),
                                **_branded(brand), **context)

    def register_citations(self, template: str, briefing: TailoredBriefing, images: Mapping[str, Path],
                           brand: Brand, text: Prose, **context: object) -> None:
        """Register with `text` the citations of the page `document` would make, in reading order: numbers
        follow it, and the reference list holds what the page cites."""
        if not text.settled:
            self.document(template, briefing, images, brand, text, **context)
            text.settle()

    def index(self, entries: Sequence[IndexEntry], brand: Brand) -> str:
        return self._render("index.html.j2", entries=entries, **_branded(brand))

    def changes(self, title: str, reports: Sequence[tuple[str, Comparison]]) -> str:
        """The report of `briefgen diff --html`: per briefing (its title, its comparison), who sees each change."""
        return self._render("changes.html.j2", title=title,
                            reports=[{"title": name, "comparison": comparison} for name, comparison in reports])


def _branded(brand: Brand) -> dict[str, object]:
    """What every template takes from the brand: `brand` itself, its stylesheet (`brand_css`, built from
    validated values only, so marked safe) and `logo_uri` for its logo files."""
    return {"brand": brand, "brand_css": Markup(brand_css(brand)), "logo_uri": figures.data_uri}


def _image_uri(images: Mapping[str, Path]) -> Callable[[str], str]:
    """A template function: a figure's `src` as an embedded data: URI of the file validation found for it."""
    return lambda src: figures.data_uri(images[src])
