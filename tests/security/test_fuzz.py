"""Random documents with random text in every field: exit 0 or 1, no traceback, no hang, no script added."""

from __future__ import annotations

import json
from pathlib import Path
from tempfile import TemporaryDirectory

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
           "[x](data:text/html,x)", "![i](file:///etc/passwd)", '<a href="#" onclick="x()">a</a>', "- - - x",
           "> > q", "**b** _e_", "`c`", "&lt;b&gt;", "\u202e", "NO", "1.10", "2024-01-05", "x" * 300]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40),
                 st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map(" ".join))
item = st.one_of(text, st.fixed_dictionaries({"text": text}, optional={"audiences": st.just(["gp"]),
                                                                      "for": st.fixed_dictionaries({"gp": text})}))
pole = st.fixed_dictionaries({"label": text}, optional={"items": st.lists(item, max_size=2)})
section = st.fixed_dictionaries(
    {"id": st.sampled_from(["a", "b", "c"]), "title": text},
    optional={"kind": st.sampled_from(["findings", "text", "tensions"]), "intro": item, "body": text,
              "items": st.lists(item, max_size=3),
              "contrast": st.fixed_dictionaries({"left": pole, "right": pole})})
document = st.fixed_dictionaries(
    {"title": text, "authors": st.lists(st.fixed_dictionaries({"name": text}, optional={"affiliation": text}),
                                        min_size=1, max_size=2),
     "key_messages": st.lists(item, min_size=1, max_size=3), "sections": st.lists(section, min_size=1, max_size=3)},
    optional={"subtitle": text, "organisation": text, "contact": text, "summary": item,
              "references": st.lists(st.fixed_dictionaries({"id": st.just("r"), "authors": st.lists(text, min_size=1),
                                                            "year": st.just("2020"), "title": text},
                                                           optional={"url": text, "doi": text}), max_size=1)})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document, st.sampled_from(["html"] * 7 + ["pdf"]))
def test_random_content_is_harmless(data: dict[str, object], fmt: str) -> None:
    with TemporaryDirectory() as folder:
        source = Path(folder) / "fuzz.yaml"
        source.write_text(json.dumps(data))  # JSON is YAML: every string arrives exactly as generated
        out = Path(folder) / "out"
        result = run_cli("build", source, "-a", "gp", "-f", fmt, "--out", out, timeout=120)
        assert result.code in (0, 1), result.stderr
        assert "Traceback" not in result.stderr
        if result.code == 1:
            assert not out.exists()
            return
        for page in out.rglob("*.html"):
            soup = BeautifulSoup(page.read_text(), "html.parser")
            assert len(soup.find_all("script")) == (1 if page.name == "slides.html" else 0)
            for element in soup.find_all(True):
                assert not [name for name in element.attrs if name.lower().startswith("on")], element
                assert element.name not in ("iframe", "object", "embed", "img", "link")
