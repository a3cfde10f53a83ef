"""Sharded builds: three shards run as three job engines run them (`--shard auto`), joined by `briefgen merge`,
are the one-machine build byte for byte (a briefing in 8 editions from a table, for 2 audiences: 16 editions);
a shard missing or doubled is an error that writes nothing; and `briefgen plan` says beforehand which shard
builds what."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefgen.cli import cli
from briefgen.pipeline.journal import MANIFEST_NAME
from tests.conftest import ROOT, run_cli, untimed

LOCALITIES = ["Ashford", "Barnsley", "Crawley", "Dudley", "Exeter", "Fylde", "Gateshead", "Halton"]
BRIEFING = """\
slug: localities
title: "Social prescribing in {area.name}"
editions:
  area: {from: areas.csv, key: code, label: name, title: Area, format: {people: ",d"}}
authors: [{name: A}]
key_messages: ["{area.name} has {area.people} residents."]
sections: [{id: s, title: Findings, items: ["Link workers in {area.name} need time with each person."]}]
"""
SELECTION = ("-f", "html", "-o", "brief", "-a", "gp", "-a", "commissioner")
"""8 editions by 2 audiences: 16 briefs."""
ENGINES = (  # shard 1 as Kubernetes names it, 2 as Slurm (ids from 1), 3 as GitLab
    ({"JOB_COMPLETION_INDEX": "0"}, ("--shards", "3")),
    ({"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "3"}, ()),
    ({"CI_NODE_INDEX": "3", "CI_NODE_TOTAL": "3"}, ()),
)
ENGINE_VARIABLES = {name for env, _ in ENGINES for name in env} | {"AWS_BATCH_JOB_ARRAY_INDEX"}


def build(root: Path) -> tuple[str | Path, ...]:
    return ("build", root / "localities.yaml", *SELECTION, "-j", "1")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`shard-1` to `shard-3`, built at once in processes of their own, and `one`, the one-machine build, of the
    briefing in `localities.yaml` beside them."""
    root = tmp_path_factory.mktemp("shards")
    (root / "localities.yaml").write_text(BRIEFING, encoding="utf-8")
    (root / "areas.csv").write_text("code,name,people\n" + "".join(
        f"E{index:02d},{name},{100_000 + 7_919 * index}\n" for index, name in enumerate(LOCALITIES)), encoding="utf-8")
    clean = {name: value for name, value in os.environ.items() if name not in ENGINE_VARIABLES}  # a CI's own
    processes = [subprocess.Popen([sys.executable, "-m", "briefgen", *map(str, build(root)), "--shard", "auto", *more,
                                   "--out", root / f"shard-{number}"],
                                  cwd=ROOT, env={**clean, **env, "PYTHONWARNINGS": "ignore"},
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for number, (env, more) in enumerate(ENGINES, start=1)]
    one = run_cli(*build(root), "--out", root / "one")
    assert one.code == 0, one.stderr
    rendered = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
        rendered.append(int(re.findall(r"rendered (\d+) documents", stdout)[0]))
    assert sum(rendered) == 16 and max(rendered) - min(rendered) <= 1, rendered  # balanced: equal estimates
    return root


def first_of(built: Path, number: int) -> str:
    """The first document shard `number` built."""
    return str(json.loads((built / f"shard-{number}" / MANIFEST_NAME).read_bytes())["shard"]["share"][0])


def shards(built: Path, *numbers: int) -> list[Path]:
    return [built / f"shard-{number}" for number in numbers or (1, 2, 3)]


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_merged_shards_are_the_one_machine_build(built: Path, tmp_path: Path) -> None:
    assert len({(shard / "index.html").read_bytes() for shard in shards(built)}) == 1
    merged = run_cli("merge", *shards(built), "--out", tmp_path / "merged")
    assert merged.code == 0, merged.stderr
    got, want = files(tmp_path / "merged"), files(built / "one")
    assert untimed(got.pop(MANIFEST_NAME)) == untimed(want.pop(MANIFEST_NAME))
    assert got == want
    assert len([name for name in got if name.endswith("/brief.html")]) == 16
    again = run_cli(*build(built), "--out", tmp_path / "merged")  # the whole request, recorded by the merge
    assert again.code == 0, again.stderr
    assert again.stdout == "nothing to render: all 16 documents are current\n"


@pytest.mark.parametrize(("given", "says"), [
    ((1, 3), ["{} is in no shard given", "no folder holds shard 2/3"]),
    ((1, 2, 3, 2), ["{} is in more than one shard", "shard-2 (shard 2/3), "]),
])
def test_a_missing_or_doubled_shard_names_its_documents_and_writes_nothing(built: Path, tmp_path: Path,
                                                                          given: tuple[int, ...],
                                                                          says: list[str]) -> None:
    result = run_cli("merge", *shards(built, *given), "--out", tmp_path / "merged")
    assert result.code == 1
    for text in [*(said.format(first_of(built, 2)) for said in says), "nothing was written"]:
        assert text in result.stderr
    assert not (tmp_path / "merged").exists()


def test_shards_of_another_build_are_refused(built: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(built / "shard-2", other)
    assert run_cli(*build(built), "-e", "area=E01", "--shard", "2/3", "--out", other).code == 0
    result = run_cli("merge", built / "shard-1", other, built / "shard-3", "--out", tmp_path / "merged")
    assert result.code == 1
    assert f"{other} (shard 2/3) differs from {built / 'shard-1'} (shard 1/3) in the request" in result.stderr
    assert not (tmp_path / "merged").exists()


def test_plan_says_which_shard_builds_what(built: Path, tmp_path: Path) -> None:
    content = built / "localities.yaml"
    result = run_cli("plan", content, *SELECTION, "--shards", "3", "--json", "--out", tmp_path / "fresh")
    assert result.code == 0, result.stderr
    planned = json.loads(result.stdout)["documents"]
    assert [document["stem"] for document in planned] == [
        f"localities/E{index:02d}/{audience}/brief" for index in range(8) for audience in ("commissioner", "gp")]
    for document in planned:
        assert document["variant"] == dict(zip(("area", "audience"), document["stem"].split("/")[1:3], strict=True))
        assert document["cost"]["source"] == "estimate" and not document["current"]
        shard = json.loads((built / f"shard-{document['shard']}" / MANIFEST_NAME).read_bytes())["shard"]
        assert document["stem"] in shard["share"]
        assert shard["plan"][document["stem"]] == document["outputs"]
    mine = run_cli("plan", content, *SELECTION, "--shard", "2/3", "--json", "--out", tmp_path / "fresh")
    shard = json.loads((built / "shard-2" / MANIFEST_NAME).read_bytes())["shard"]
    assert [document["stem"] for document in json.loads(mine.stdout)["documents"]] == shard["share"]
    # Against the merged build, whose manifest records every document's seconds: current, and costed by them.
    assert run_cli("merge", *shards(built), "--out", tmp_path / "merged").code == 0
    table = run_cli("plan", content, *SELECTION, "--shards", "3", "--out", tmp_path / "merged")
    rows = table.stdout.splitlines()
    assert [row.split()[-3:] for row in rows[:-1]] == [["recorded", "current", "html"]] * 16, table.stdout
    assert rows[-1].startswith("16 documents, ") and ", shard 3: " in rows[-1]


def test_shard_auto_with_no_engine_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ENGINE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    example = ROOT / "content" / "social-prescribing.yaml"
    result = run_cli("build", example, "-f", "html", "--shard", "auto", "--shards", "3", "--out", tmp_path)
    assert result.code == 2
    assert "found no job index in the environment (looked at JOB_COMPLETION_INDEX, " in result.stderr
    assert run_cli("build", example, "-f", "html", "--shards", "3", "--out", tmp_path).code == 2
    assert not tmp_path.joinpath(MANIFEST_NAME).exists()


def test_the_documented_engines_call_briefgen_with_options_it_has() -> None:
    """Every briefgen command in docs/scale.md's workflows and scripts names a command and options that exist;
    the YAML parses, and the GitHub matrix gives each of its shards the count the build says."""
    doc = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    documents = [data for block in re.findall(r"```yaml\n(.*?)```", doc, re.DOTALL)
                 for data in yaml.safe_load_all(block)]
    workflow = next(data for data in documents if "jobs" in data)
    assert workflow["jobs"]["shard"]["strategy"]["matrix"]["shard"] == [1, 2, 3, 4]
    assert "--shard ${{ matrix.shard }}/4" in workflow["jobs"]["shard"]["steps"][4]["run"]
    commands = re.findall(r"briefgen (build|plan|merge)\b(.*)", doc)
    assert {command for command, _ in commands} == {"build", "plan", "merge"}
    for command, rest in commands:
        known = {option for param in cli.commands[command].params for option in param.opts}
        assert set(re.findall(r"--[a-z-]+", rest)) <= known, (command, rest)
