"""Command line: parse arguments, call build/validate, print results (cli/terminal.py); exit 0 ok, 1 content,
2 usage."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from briefgen import __version__
from briefgen.cli.terminal import ProgressLine, report_build, shown_safely
from briefgen.content.files import discover
from briefgen.errors import (
    EXIT_CONTENT,
    EXIT_OK,
    BriefgenError,
    ContentError,
    StrictModeError,
    UsageError,
    shown,
)
from briefgen.pipeline import BuildRequest, build, shard
from briefgen.render.registry import DOCUMENTS, FORMATS, Registry

CONTENT_DIR = Path("content")
TEMPLATES_DIR = Path("templates")
OUTPUT_DIR = Path("output")

_content_argument = click.argument("content", nargs=-1, type=click.Path(path_type=Path))
_out_option = click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=OUTPUT_DIR,
                           show_default=True, help="Output folder.")
_templates_option = click.option("--templates", "templates_dir", default=TEMPLATES_DIR, show_default=True,
                                 type=click.Path(file_okay=False, exists=True, path_type=Path),
                                 help="Templates folder.")


def _content_files(content: tuple[Path, ...]) -> list[Path]:
    return discover(list(content) or [CONTENT_DIR])


def _editions(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """`--edition icb=QHM --edition icb=QOP` → the selection {"icb": {"QHM", "QOP"}}."""
    chosen: dict[str, set[str]] = {}
    for value in values:
        table, equals, key = value.partition("=")
        if not (equals and table and key) or table == "audience":
            raise click.BadParameter(f"{value!r} is not TABLE=KEY, e.g. icb=QHM (the audience has --audience)")
        chosen.setdefault(table, set()).add(key)
    return {table: frozenset(keys) for table, keys in chosen.items()}


class _Registered(click.Choice[str]):
    """The names in a registry as they are when the command line is parsed, formats registered since included."""

    def __init__(self, registry: Registry[Any]) -> None:
        self.registry = registry
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        return self.registry.names()

    @choices.setter
    def choices(self, _ignored: tuple[str, ...]) -> None:
        """Choice.__init__ sets its list; this one is read from the registry instead."""


class _Group(click.Group):
    """Shows a BriefgenError as a user should see it and exits with its code, in a process or a CliRunner."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefgenError as exc:
            click.echo(shown_safely(exc.show()), err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
def cli() -> None:
    """Turn YAML research briefings into audience-tailored HTML and PDF briefs.

    CONTENT is one or more YAML files or folders (default: content/).
    Exit codes: 0 success, 1 content or rendering errors, 2 usage errors.
    """


_audience_option = click.option("--audience", "-a", "audiences", multiple=True, metavar="NAME",
                                help="Build only this audience (repeatable; default: all).")
_edition_option = click.option("--edition", "-e", "editions", multiple=True, metavar="TABLE=KEY", callback=_editions,
                                help="Build only this edition, e.g. icb=QHM (repeatable; default: all).")
_format_option = click.option("--format", "-f", "formats", multiple=True, type=_Registered(FORMATS),
                              help="Build this format (repeatable; default: the briefing's `formats`, else html "
                                   "and pdf).")
_document_option = click.option("--output", "-o", "outputs", multiple=True, type=_Registered(DOCUMENTS),
                                help="Build only this document (repeatable; default: every document).")
_shard_option = click.option(
    "--shard", "shard_text", metavar="K/N|auto",
    help="Build only shard K of N: the same command with K from 1 to N (say on a CI matrix) splits the documents "
         "between N machines, by the render times the output folder's manifest recorded (all shards must see the "
         "same manifest, or none, to split alike: `briefgen merge` finds out if not). auto: K and N from the job "
         "engine (JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, CI_NODE_INDEX, AWS_BATCH_JOB_ARRAY_INDEX).")
_shards_option = click.option("--shards", type=click.IntRange(min=1), metavar="N",
                              help="How many shards, where --shard auto's job engine does not say (Kubernetes, "
                                   "AWS Batch).")


@cli.command(name="build")
@_content_argument
@_audience_option
@_edition_option
@_format_option
@_document_option
@click.option("--speaker-notes", is_flag=True, help="Print speaker notes in slide PDFs.")
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. an overflowing slide) as errors.")
@click.option("--force", is_flag=True, help="Render every output, even those that are current.")
@click.option("--lint", "lint_text", is_flag=True, help="Judge each audience's text first, as `briefgen lint` does.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="cores",
              help="Render documents in this many processes.")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=300, show_default=True,
              metavar="SECONDS", help="CPU seconds one document may take to render before the build fails.")
@_shard_option
@_shards_option
@_out_option
@_templates_option
def build_command(content: tuple[Path, ...], audiences: tuple[str, ...], editions: dict[str, frozenset[str]],
                  formats: tuple[str, ...],
                  outputs: tuple[str, ...], speaker_notes: bool, strict: bool, force: bool, lint_text: bool, jobs: int,
                  time_limit: float, shard_text: str | None, shards: int | None, out_dir: Path,
                  templates_dir: Path) -> None:
    """Validate CONTENT and write a brief and a slide deck per audience and format to the output folder.

    Only documents whose inputs changed since the last build are rendered again. With --shard, only one
    shard's documents, the whole index, and a manifest `briefgen merge` joins with the other shards'.
    """
    if shards is not None and shard_text is None:
        raise UsageError("--shards N goes with --shard auto (or K/N)")
    if lint_text:
        _lint(content, strict)
    request = BuildRequest(sources=tuple(_content_files(content)), out_dir=out_dir, templates_dir=templates_dir,
                           selection={**editions, "audience": frozenset(audiences)}, formats=formats,
                           outputs=outputs or DOCUMENTS.names(), speaker_notes=speaker_notes, strict=strict,
                           force=force, jobs=jobs, time_limit=time_limit,
                           shard=shard.chosen(shard_text, shards, os.environ))
    progress = ProgressLine(sys.stderr)
    try:
        result = build(request, progress)
    finally:
        progress.close()
    report_build(result)


@cli.command(name="plan")
@_content_argument
@_audience_option
@_edition_option
@_format_option
@_document_option
@_shard_option
@_shards_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON: one object per document.")
@_out_option
@_templates_option
def plan_command(content: tuple[Path, ...], audiences: tuple[str, ...], editions: dict[str, frozenset[str]],
                 formats: tuple[str, ...],
                 outputs: tuple[str, ...], shard_text: str | None, shards: int | None, as_json: bool,
                 out_dir: Path, templates_dir: Path) -> None:
    """List the documents a build of CONTENT would make, rendering nothing: each one's files, expected render
    seconds (as last recorded in the output folder, else estimated), whether it is current, and with --shard or
    --shards N the shard that renders it (with --shard, that shard's documents only)."""
    from briefgen.pipeline.listing import planned_documents  # the planning stages: not needed for every command

    request = BuildRequest(sources=tuple(_content_files(content)), out_dir=out_dir, templates_dir=templates_dir,
                           selection={**editions, "audience": frozenset(audiences)}, formats=formats,
                           outputs=outputs or DOCUMENTS.names(), shard=shard.chosen(shard_text, shards, os.environ))
    documents = planned_documents(request, shards)
    if as_json:
        click.echo(json.dumps({"documents": [document.as_record() for document in documents]}, indent=1))
        return
    width = max((len(document.stem) for document in documents), default=0)
    loads: dict[int, float] = {}
    for document in documents:
        where = "" if document.shard is None else f"shard {document.shard}  "
        state = "current" if document.current else "stale"
        suffixes = ", ".join(name.rsplit(".", 1)[1] for name in document.outputs)
        click.echo(shown_safely(f"{where}{document.stem:<{width}}  {document.cost.seconds:>6.1f} s "
                              f"{document.cost.source:<8}  {state:<7}  {suffixes}"))
        if document.shard is not None:
            loads[document.shard] = loads.get(document.shard, 0.0) + document.cost.seconds
    by_shard = "".join(f", shard {shard}: {seconds:.1f} s" for shard, seconds in sorted(loads.items()))
    total = sum(document.cost.seconds for document in documents)
    click.echo(f"{len(documents)} documents, {total:.1f} s{by_shard}")


@cli.command(name="merge")
@click.argument("shard_dirs", nargs=-1, required=True,
                type=click.Path(file_okay=False, exists=True, path_type=Path), metavar="DIR...")
@_out_option
def merge_command(shard_dirs: tuple[Path, ...], out_dir: Path) -> None:
    """Join the folders of a build's shards (`build --shard K/N`) into the output folder, checking each document
    of the plan is in exactly one of them and that they are shards of one build; on any problem, nothing is
    written (exit 1)."""
    from briefgen.pipeline.merge import merge

    for path in merge(list(shard_dirs), out_dir):
        click.echo(shown_safely(f"wrote {path}"))


@cli.command(name="serve")
@_content_argument
@click.option("--port", "-p", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0 picks a free one).")
@_out_option
@_templates_option
def serve_command(content: tuple[Path, ...], port: int, out_dir: Path, templates_dir: Path) -> None:
    """Build, serve the output folder on localhost, and rebuild and reload the browser on every change."""
    from briefgen.serve import serve  # watchfiles and the HTTP server are only needed here

    paths = tuple(content) or (CONTENT_DIR,)
    serve(paths, BuildRequest(sources=tuple(_content_files(content)), out_dir=out_dir, templates_dir=templates_dir),
          port)


@cli.command(name="validate")
@_content_argument
def validate_command(content: tuple[Path, ...]) -> None:
    """Check CONTENT and report every problem with file, line and field."""
    from briefgen.content.sources import load_sources  # YAML and pydantic: not needed for every command
    from briefgen.views.audience import audiences_of

    sources = load_sources(_content_files(content))
    for source in sources:
        editions = "".join(f", {len(table.rows)} editions by {table.axis}" for table in source.editions)
        click.echo(shown_safely(f"{source.path}: ok ({source.slug}, {len(audiences_of(source.briefing))} audiences"
                              f"{editions})"))
        for warning in source.warnings:
            click.echo(shown_safely(shown(warning)), err=True)


@cli.command(name="check")
@click.argument("out_dir", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path),
                default=OUTPUT_DIR)
def check_command(out_dir: Path) -> None:
    """Check the built PDFs (tagged PDF/UA structure, metadata), HTML pages, PowerPoint decks and Word briefs
    in OUT_DIR (default: output/)."""
    from briefgen.check import CheckFailed, check_outputs  # pikepdf is only needed here

    reports = check_outputs(out_dir)
    if not reports:
        raise UsageError(f"no PDF, HTML, PowerPoint or Word files in {out_dir}; run `briefgen build` first")
    for report in reports:
        click.echo(shown_safely(f"{'FAIL' if report.failures else 'ok  '} {report.path}"))
        for message in report.messages():  # slide titles and file names as the outputs hold them
            click.echo(shown_safely(f"     - {message}"))
    failed = [report for report in reports if report.failures]
    if failed:
        raise CheckFailed(failed)


@cli.command(name="audiences")
@_content_argument
def audiences_command(content: tuple[Path, ...]) -> None:
    """List the audiences each briefing is built for."""
    from briefgen.content.sources import load_sources
    from briefgen.views.audience import audiences_of

    for source in load_sources(_content_files(content)):
        click.echo(shown_safely(f"{source.path}:"))
        for audience in audiences_of(source.briefing):
            click.echo(f"  {audience.key:<16} {audience.label}")


@cli.command(name="lint")
@_content_argument
@click.option("--strict", is_flag=True, help="Treat the findings as errors (exit 1).")
@click.option("--list-rules", is_flag=True,
              help="List every rule, by group: code, default severity, name, what it finds, docs.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="Findings on stderr as text, or on stdout as JSON or as GitHub Actions "
                                      "annotations (content errors too).")
def lint_command(content: tuple[Path, ...], strict: bool, list_rules: bool, output_format: str) -> None:
    """Judge the text each audience reads in CONTENT: reading level, sentence length, jargon, abbreviations not
    spelt out, British spelling, headings in Title Case; each finding as `file:line:col: field: [CODE] message`.
    Findings are warnings (exit 0) unless --strict; a briefing's `lint: {ignore: [...]}` and `# briefgen: ignore
    CODE` comments set rules aside."""
    if list_rules:
        from briefgen.rules import RULES

        groups: dict[str, list[str]] = {}
        for rule in sorted(RULES.values(), key=lambda rule: rule.code):
            groups.setdefault(rule.group, []).append(
                f"  {rule.code}  {rule.severity:<8} {rule.name:<24} {rule.summary} ({rule.anchor})")
        click.echo("\n\n".join("\n".join([group, *lines]) for group, lines in groups.items()))
        return
    click.get_current_context().exit(_lint(content, strict, output_format))


def _lint(content: tuple[Path, ...], strict: bool, output_format: str = "text") -> int:
    """Show the findings in CONTENT, in `output_format`; the exit status. As text, --strict raises them."""
    from briefgen.lint import lint_files
    from briefgen.lint.report import as_github, as_json

    try:
        findings = lint_files(_content_files(content))
    except ContentError as exc:
        if output_format == "text":
            raise
        findings, strict = exc.problems, True  # errors, which fail the run whatever --strict says
    if output_format != "text":
        click.echo((as_json if output_format == "json" else as_github)(findings, strict))
        return EXIT_CONTENT if strict and findings else EXIT_OK
    if strict and findings:
        raise StrictModeError(findings)
    for finding in findings:
        click.echo(shown_safely(shown(finding)), err=True)
    return EXIT_OK


@cli.command(name="diff")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path), metavar="OLD NEW | [CONTENT...]")
@click.option("--rev", "revisions", metavar="A..B",
              help="Compare CONTENT (default: content/) at git revision A with revision B.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write an HTML report, with which audiences see each change, to this file.")
@_templates_option
def diff_command(paths: tuple[Path, ...], revisions: str | None, html_file: Path | None,
                 templates_dir: Path) -> None:
    """Show what changed between two versions of a briefing, and for which audiences: the masthead, summary,
    statements (with their slide wording, citations and cross-references), tables, figures, call-outs and
    sections added, removed or changed, words removed as [-old-] and added as {+new+}. Exit 0 whether they
    differ or not; 1 on content errors in either."""
    from briefgen.render.changes import text_report
    from briefgen.views.comparison import versions_compared

    title, reports = versions_compared(paths, revisions, CONTENT_DIR)
    for name, comparison in reports:
        for line in text_report(name, comparison):
            click.echo(shown_safely(line))
    if html_file is not None:
        from briefgen.render.html import HtmlRenderer

        html_file.write_text(HtmlRenderer(templates_dir).changes(title, reports), encoding="utf-8")
        click.echo(shown_safely(f"wrote {html_file}"))


@cli.command(name="schema")
def schema_command() -> None:
    """Print the JSON Schema of a briefing, for editors: save it (`briefgen schema > briefing.schema.json`) and
    start a briefing with `# yaml-language-server: $schema=briefing.schema.json` (docs/editors.md)."""
    import json

    from briefgen.content.json_schema import briefing_schema

    click.echo(json.dumps(briefing_schema(), indent=2, ensure_ascii=False))


def main() -> None:
    try:
        code = cli.main(standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("interrupted; the output folder holds no partly written file", err=True)
        # Exit now, past the interpreter's exit hooks: concurrent.futures joins its pool's manager thread there,
        # which can wait on a worker that was starting as the build stopped. The output is already put right by
        # then, and every process the build started dies with it (pipeline/lifeline.py).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
