"""Content files → validated briefings, each with the output folder it builds into and its images."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefgen.content.brand import PRESETS_DIR, Brand, brand_file, load_brand
from briefgen.content.edition_data import EditionTable
from briefgen.content.fields import ID_PATTERN, MAX_NAME_CHARS
from briefgen.content.ignoring import kept
from briefgen.content.library import Library
from briefgen.content.loader import LoadedDocument, load
from briefgen.content.model import Briefing
from briefgen.content.validate import validate
from briefgen.errors import ContentError, Problem
from briefgen.rules import DUPLICATE_ID, INVALID_VALUE, UNUSABLE_FILE, rule_of


@dataclass(frozen=True)
class Source:
    """A validated content file and the output folder name it builds into."""

    path: Path
    slug: str
    briefing: Briefing
    library: Library
    """The works it cites and recommends."""
    document: LoadedDocument
    images: dict[str, Path]
    """Each figure's `src` → the image file, found (and confined) once, at validation."""
    brand: Brand
    """The look of its outputs."""
    editions: tuple[EditionTable, ...] = ()
    """Its tables of editions, read from their files (`editions:`), if it declares any."""
    data_files: tuple[Path, ...] = ()
    """The files its tables read their rows from (`rows: {from: …}`)."""
    warnings: tuple[Problem, ...] = ()
    """What validation found that does not stop a build: warnings (errors with --strict), and notes."""

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Every file the briefing's outputs are made from: the content file, its reference files, its figures,
        its tables of editions, its tables' data files and its brand's files (the brand file, logo, fonts,
        Office templates). The one list a build digests to tell that nothing changed, and that `serve`
        watches."""
        return (self.path, *self.library.files, *self.images.values(), *(table.path for table in self.editions),
                *self.data_files, *self.brand.files)


def load_sources(paths: Sequence[Path]) -> list[Source]:
    """Load and validate every file, reporting the problems of all files together."""
    problems: list[Problem] = []
    sources: list[Source] = []
    brands: dict[Path, tuple[Brand, tuple[Problem, ...]] | None] = {}  # a brand file is read once, however many use it
    for path in paths:
        try:
            document = load(path)
            validated = validate(document)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        try:
            brand, brand_warnings = _brand(document, validated.briefing.brand, brands)
        except ValueError as exc:
            problems.append(document.problem(("brand",), str(exc), rule=UNUSABLE_FILE))
            continue
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        slug = validated.briefing.slug or path.stem
        if not ID_PATTERN.match(slug) or len(slug) > MAX_NAME_CHARS:  # the schema checks a slug:, not a file name
            problems.append(document.problem((), f"file name {path.stem!r} is not a usable output folder name; "
                                                 "add a `slug:` of lower-case letters, digits, '-' or '_'",
                                             rule=INVALID_VALUE))
            continue
        sources.append(Source(path, slug, validated.briefing, validated.library, validated.document,
                              validated.images, brand, validated.editions, validated.data_files,
                              (*kept(brand_warnings, document, validated.briefing.lint.ignore), *validated.warnings)))
    problems.extend(_slug_collisions(sources))
    if problems:
        raise ContentError(problems)
    return sources


def _brand(content: LoadedDocument, named: str | None,
           loaded: dict[Path, tuple[Brand, tuple[Problem, ...]] | None]) -> tuple[Brand, tuple[Problem, ...]]:
    """The brand a briefing names (or finds beside it), loaded once per build; its errors raised once. A preset's
    warnings and notes are placed at the briefing's `brand:` field: its author cannot edit briefgen's files."""
    path = brand_file(content.path, named).resolve()
    if path not in loaded:
        loaded[path] = None
        loaded[path] = load_brand(path)
    found = loaded[path]
    if found is None:  # its errors are reported with the first briefing that uses it
        raise ContentError([])
    brand, problems = found
    if path.parent != PRESETS_DIR.resolve():
        return found
    return brand, tuple(content.problem(("brand",), f"preset {path.stem!r}: {problem.message}", rule=rule_of(problem))
                        for problem in problems)


def _slug_collisions(sources: list[Source]) -> list[Problem]:
    first_by_slug: dict[str, Source] = {}
    problems = []
    for source in sources:
        first = first_by_slug.setdefault(source.slug, source)
        if first is not source:
            problems.append(source.document.problem(
                ("slug",), f"builds into output/{source.slug}/, as {first.path} does; give one a different slug",
                rule=DUPLICATE_ID))
    return problems

