"""Every kind of page briefgen writes, judged by the W3C Nu HTML checker (npm's vnu-jar, run on the system Java):
briefs and decks of both shipped examples for every audience, with their charts and figures, an edition of the
localities example, the index pages, and `briefgen diff`'s report. Its CSS checker does not know the paged-media
properties the PDF's running heads and footnotes use (CSS GCPM), so only those messages are set aside."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.conftest import LOCALITIES, LOCALITIES_SLUG, ROOT, run_cli
from tests.test_diff import versions

CHECKER = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGED_MEDIA = ("string-set", "string(running-",
               "“text-overflow”: Property “text-overflow” doesn't exist in “CSS Level 3 + SVG”",
               "CSS: “footnote”: Parse Error.", "“float”: “footnote” is not a “float” value.",
               "Unknown pseudo-element or pseudo-class “::footnote-call”.",
               "Unknown pseudo-element or pseudo-class “::footnote-marker”.")
"""What the checker's CSS profile lacks: named strings set and shown in page margins, footnotes (`float:
footnote`, the `@footnote` area of a page, their calls and markers), and text-overflow, which it knows only
outside SVG's profile."""


def test_every_page_is_valid_html(built_site: Path, documented_build: Path, tmp_path: Path) -> None:
    assert CHECKER.is_file(), "run `npm ci` (or `make test`) to install vnu-jar"
    java = shutil.which("java")
    assert java, "a Java runtime is installed by scripts/install-system-deps.sh"
    output = documented_build / "output"
    changes = tmp_path / "changes.html"  # `briefgen diff`'s report, of the second example and an edit of it
    assert run_cli("diff", *versions(tmp_path), "--html", changes).code == 0
    pages = [*sorted(built_site.rglob("*.html")), output / "index.html",
             *sorted((output / LOCALITIES_SLUG / LOCALITIES[0] / "commissioner").glob("*.html")), changes]
    assert any("chart-drawing" in page.read_text(encoding="utf-8") for page in pages)
    completed = subprocess.run([java, "-jar", str(CHECKER), "--format", "json", "--errors-only", *map(str, pages)],
                               capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(completed.stderr)["messages"]
    assert {message["url"] for message in messages} <= {f"file:{page}" for page in pages}
    errors = [f"{'/'.join(message['url'].split('/')[-3:])}:{message.get('lastLine')}: {message['message']}"
              for message in messages if not any(known in message["message"] for known in PAGED_MEDIA)]
    assert errors == []
