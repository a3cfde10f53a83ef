"""Problems in files exported from a git revision, placed where their author knows them (content/revisions.py)."""

from __future__ import annotations

from pathlib import Path

from briefgen.content.revisions import as_written
from briefgen.errors import ContentError, Location, Problem


def test_an_exported_file_is_named_by_its_path_at_its_revision(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    problem = Problem(f"builds into output/x/, as {new / 'content' / 'x.yaml'} does",
                      Location(new / "content" / "y.yaml", 3, 5))
    [placed] = as_written(ContentError([problem]), {old: "v2", new: "HEAD"}).problems
    assert str(placed.location) == "content/y.yaml@HEAD:3:5"
    assert placed.message == "builds into output/x/, as content/x.yaml@HEAD does"


def test_a_problem_elsewhere_is_left_as_it_is(tmp_path: Path) -> None:
    problem = Problem("brand preset missing", Location(Path("/srv/brands/ours.yml"), 1, 1))
    assert as_written(ContentError([problem]), {tmp_path / "old": "v2"}).problems == [problem]
