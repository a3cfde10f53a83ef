"""Shard build folders → one output folder: every document of the plan taken from the one shard that built
it, checked, and switched in by the one writer with one manifest and the index, as a single build leaves it.

Everything is read and checked before anything is written: a document missing from every shard or held by
two, shards of different plans, or a file that is not what its shard's manifest says, writes nothing.
Shard folders are only read, as regular files, never through a link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from briefgen.errors import BriefgenError, UsageError
from briefgen.pipeline.journal import inside, read_regular
from briefgen.pipeline.output import INDEX, Manifest, OutputWriter, ShardRecord, digest, read_manifest


class MergeError(BriefgenError):
    """The shard folders do not make one build: every reason found, together (exit 1, as for content: the
    folders' contents are at fault, not the command line)."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__(f"{len(reasons)} problem(s) in the shards")

    def show(self) -> str:
        body = "\n".join(f"error: {reason}" for reason in self.reasons)
        return f"{body}\nthe shards do not make one build; nothing was written."


@dataclass(frozen=True)
class _Shard:
    folder: Path
    manifest: Manifest
    record: ShardRecord
    index: bytes


def merge(folders: list[Path], out_dir: Path) -> list[Path]:
    """Join the shard builds in `folders` into `out_dir`; returns the paths written."""
    if any(out_dir.resolve() == folder.resolve() for folder in folders):
        raise UsageError(f"--out {out_dir} is one of the shards: merge into a folder of its own")
    shards, reasons = _read(folders)
    if reasons:
        raise MergeError(reasons)
    reasons = _differences(shards)
    if reasons:
        raise MergeError(reasons)
    plan = shards[0].record.plan
    owners = _owners(shards)
    writer = OutputWriter(out_dir)
    reasons = [reason for stem, names in plan.items() for name in names
               if (reason := _add(writer, owners[stem], name))]
    if reasons:
        raise MergeError(reasons)
    writer.add(INDEX, shards[0].index, inputs=digest(shards[0].index))
    # Recorded as the whole request: a later `briefgen build` of it into this folder stops at once, as after a
    # single build, while its content files and templates are as the shards read them.
    read = shards[0].manifest.builds[shards[0].record.build].inputs
    writer.record_build(shards[0].record.request, read, (*(name for names in plan.values() for name in names), INDEX))
    return writer.commit()


def _read(folders: list[Path]) -> tuple[list[_Shard], list[str]]:
    shards, reasons = [], []
    for folder in folders:
        manifest = read_manifest(folder)
        if manifest.shard is None or manifest.shard.build not in manifest.builds:
            reasons.append(f"{folder} holds no shard build (its manifest records none): build it with --shard")
            continue
        index = read_regular(folder / INDEX)
        if index is None:
            reasons.append(f"{folder} has no {INDEX}")
            continue
        shards.append(_Shard(folder, manifest, manifest.shard, index))
    return shards, reasons


def _owners(shards: list[_Shard]) -> dict[str, _Shard]:
    """Each document of the plan → the one shard that holds it; else every document missing or doubled."""
    plan, count = shards[0].record.plan, shards[0].record.count
    holders = {stem: [shard for shard in shards if stem in shard.record.share] for stem in plan}
    reasons = [f"{stem} is in no shard given" for stem, found in holders.items() if not found]
    absent = sorted(set(range(1, count + 1)) - {shard.record.index for shard in shards})
    if reasons and absent:
        reasons.append(f"no folder holds shard {', '.join(f'{index}/{count}' for index in absent)}")
    reasons += [f"{stem} is in more than one shard: {', '.join(_named(shard) for shard in found)}"
                for stem, found in holders.items() if len(found) > 1]
    if reasons:
        # The shards split the plan by the costs in each one's manifest: another manifest, another split.
        raise MergeError([*reasons, "(every shard must start from the same manifest, or none, to split alike)"])
    return {stem: found[0] for stem, found in holders.items()}


def _differences(shards: list[_Shard]) -> list[str]:
    """Why the shards are not of one build: another request, plan, count, index page or input files."""
    first = shards[0]
    checks: tuple[tuple[str, Callable[[_Shard], object]], ...] = (
        ("the request (content files, templates, options, the folder it ran in)", lambda shard: shard.record.request),
        ("the number of shards", lambda shard: shard.record.count),
        ("the documents planned", lambda shard: shard.record.plan),
        (INDEX, lambda shard: shard.index),
        ("the content read", lambda shard: shard.manifest.builds[shard.record.build].inputs))
    return [f"{_named(shard)} differs from {_named(first)} in {what}"
            for what, key in checks for shard in shards[1:] if key(shard) != key(first)]


def _add(writer: OutputWriter, shard: _Shard, name: str) -> str | None:
    """Queue `name` from `shard` in the writer; else why it cannot be."""
    relative = PurePosixPath(name)
    record = shard.manifest.outputs.get(name)
    if not inside(relative) or record is None:
        return f"{_named(shard)} does not record {name} in its manifest"
    path = shard.folder.joinpath(*relative.parts)
    if not path.resolve().is_relative_to(shard.folder.resolve()):  # through a link out of the shard
        return f"{_named(shard)}: {name} is reached through a link out of the shard's folder"
    data = read_regular(path)
    if data is None or digest(data) != record.digest:
        return f"{_named(shard)}: {name} is missing, or not what its manifest records"
    writer.add(name, data, record.inputs, record.warnings, record.slide_runs, record.seconds)
    return None


def _named(shard: _Shard) -> str:
    return f"{shard.folder} (shard {shard.record.index}/{shard.record.count})"
