"""Every file a briefing reads is an input of what it makes: one list (`Source.inputs`) serves the build's
shortcut when nothing changed, each output's hash, and the files `serve` watches. An edit to any kind of input
renders again exactly the outputs made from it, and nothing of another briefing."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import watchfiles
import yaml
from docx import Document
from pptx import Presentation

from briefgen.pipeline import BuildRequest, build
from briefgen.serve.watch import ChangeFilter
from tests.conftest import FIXTURES, ROOT, Run, bold_brand, run_cli
from tests.test_incremental import wrote

FORMATS = ("-f", "html", "-f", "pptx", "-f", "docx")
A_OUTPUTS = {"a/gp/brief.html", "a/gp/slides.html", "a/gp/brief.docx", "a/gp/slides.pptx"}
B_OUTPUTS = {"b/gp/brief.html", "b/gp/slides.html", "b/gp/brief.docx", "b/gp/slides.pptx"}


def briefing_with_every_kind_of_input(folder: Path) -> Path:
    """Briefing `a` in the bold brand (a logo, two font files) with its own Office templates, a figure, works
    cited from a BibTeX file and further reading from a CSL-JSON file; its content file."""
    bold_brand(folder)
    brand = yaml.safe_load((folder / "_brand.yml").read_text(encoding="utf-8"))
    brand["defaults"]["briefgen"]["office"] = {"pptx_template": "ours.pptx", "docx_template": "ours.docx"}
    (folder / "_brand.yml").write_text(yaml.safe_dump(brand), encoding="utf-8")
    Presentation().save(str(folder / "ours.pptx"))
    Document().save(str(folder / "ours.docx"))
    shutil.copytree(FIXTURES / "assets", folder / "assets")
    shutil.copy(FIXTURES / "references" / "library.bib", folder / "library.bib")
    works = json.loads((FIXTURES / "references" / "zotero.json").read_text(encoding="utf-8"))
    (folder / "reading.json").write_text(json.dumps(works[:1]), encoding="utf-8")
    text = (FIXTURES / "figure.yaml").read_text(encoding="utf-8")
    text = text.replace("[@r1]", "[@gibson2021]").split("references:")[0]
    (folder / "a.yaml").write_text(f"slug: a\n{text}references: library.bib\nfurther_reading: reading.json\n",
                                   encoding="utf-8")
    return folder / "a.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Briefing `a` (every kind of input) and `b` (the minimal fixture, nothing beside it), built."""
    project = tmp_path_factory.mktemp("inputs")
    briefing_with_every_kind_of_input(project / "a")
    (project / "b").mkdir()
    (project / "b" / "b.yaml").write_text("slug: b\n" + (FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    result = build_project(project)
    assert result.code == 0, result.stderr
    assert wrote(result.stdout, project / "out") == A_OUTPUTS | B_OUTPUTS | {"index.html"}
    return project


def build_project(project: Path) -> Run:
    return run_cli("build", project / "a", project / "b", "-a", "gp", *FORMATS, "--out", project / "out")


def edit_bytes(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data, f"{old!r} not in {path}"
    path.write_bytes(data.replace(old, new, 1))


def edit_pptx(path: Path) -> None:
    deck = Presentation(str(path))
    deck.core_properties.subject = "Edited"
    deck.slide_layouts[0].placeholders[0].text_frame.text = "Edited"
    deck.save(str(path))


def edit_docx(path: Path) -> None:
    document = Document(str(path))
    document.styles["Normal"].font.bold = True
    document.save(str(path))


EDITS = {
    "the content file": (lambda a: edit_bytes(a / "a.yaml", b"One", b"Just one"), A_OUTPUTS),
    "a cited work in BibTeX": (lambda a: edit_bytes(a / "library.bib", b"Summary guide", b"Short guide"), A_OUTPUTS),
    "further reading in CSL-JSON": (lambda a: edit_bytes(a / "reading.json", b"Link workers", b"Linkers"),
                                    A_OUTPUTS),
    "the figure": (lambda a: edit_bytes(a / "assets" / "pathway.svg", b"</svg>", b"<!-- edited --></svg>"),
                   A_OUTPUTS),
    "the brand file": (lambda a: edit_bytes(a / "_brand.yml", b"Bold Institute", b"Bolder Institute"), A_OUTPUTS),
    "the logo": (lambda a: edit_bytes(a / "logo.svg", b"</svg>", b"<!-- edited --></svg>"), A_OUTPUTS),
    "a font file": (lambda a: shutil.copyfile(a / "fonts" / "BrandSerif.ttf", a / "fonts" / "BrandSans.ttf"),
                    A_OUTPUTS),
    "the PowerPoint template": (lambda a: edit_pptx(a / "ours.pptx"), {"a/gp/slides.pptx"}),
    "the Word template": (lambda a: edit_docx(a / "ours.docx"), {"a/gp/brief.docx"}),
}


def test_an_edited_input_renders_again_exactly_what_is_made_from_it(built: Path) -> None:
    """Each kind of input edited in turn (one project, built once: the edits are independent)."""
    for kind, (edit, remade) in EDITS.items():
        before = {path: path.read_bytes() for path in (built / "out" / "b").rglob("*") if path.is_file()}
        edit(built / "a")
        result = build_project(built)
        assert result.code == 0, f"{kind}: {result.stderr}"
        documents = {name.rsplit(".", 1)[0] for name in remade}
        assert re.search(rf"rendered {len(documents)} documents?, \d+ current", result.stdout), \
            f"{kind}: {result.stdout}"
        assert wrote(result.stdout, built / "out") - {"index.html"} <= remade, kind
        assert {path: path.read_bytes() for path in (built / "out" / "b").rglob("*") if path.is_file()} == before
        again = build_project(built)
        assert again.stdout.startswith("nothing to render"), f"{kind}: {again.stdout}"


def test_serve_watches_every_input_the_last_build_read_and_nothing_else(built: Path) -> None:
    """The watcher's filter, told what a build read as `serve` tells it: every input of `a` is a reason to
    rebuild; a file beside them that no briefing reads is not, unless the last build failed (it may be the
    figure a briefing was missing)."""
    request = BuildRequest(sources=(built / "a" / "a.yaml", built / "b" / "b.yaml"), out_dir=built / "out",
                           templates_dir=ROOT / "templates", selection={"audience": frozenset({"gp"})},
                           formats=("html",))
    changes = ChangeFilter((built / "a", built / "b"), request.templates_dir, request.out_dir)
    changes.inputs = frozenset(path.resolve() for path in build(request).inputs)
    a = built / "a"
    for path in (a / "library.bib", a / "reading.json", a / "assets" / "pathway.svg", a / "logo.svg",
                 a / "fonts" / "BrandSans.ttf", a / "ours.pptx", a / "ours.docx", a / "_brand.yml", a / "a.yaml"):
        assert changes(watchfiles.Change.modified, str(path.resolve())), path
    unread = a / "assets" / "unused.svg"
    assert not changes(watchfiles.Change.added, str(unread.resolve()))
    assert not changes(watchfiles.Change.modified, str((a / "notes.txt").resolve()))
    changes.inputs = None
    assert changes(watchfiles.Change.added, str(unread.resolve()))
