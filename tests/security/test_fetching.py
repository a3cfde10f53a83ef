"""WeasyPrint fetches only data: URLs and files inside the templates folder; the rest stops the render, named."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefgen.errors import RenderError
from briefgen.render.pdf import lay_out
from tests.conftest import FIXTURES, ROOT, run_process, uncoded
from tests.security.conftest import CountingServer, pdf_leaks


@pytest.fixture
def templates(tmp_path: Path, secret_file: Path) -> Path:
    """A templates folder holding one allowed asset and a symlink that points at the secret."""
    folder = tmp_path / "project" / "templates"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "ok.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    os.symlink(secret_file, folder / "img" / "link.txt")
    return folder


def render(body: str, templates: Path) -> bytes:
    return lay_out(f"<!DOCTYPE html><html><body>{body}</body></html>", templates, [templates], "case.pdf").pdf()


def hostile(secret: Path, port: int) -> dict[str, str]:
    relative = os.path.relpath(secret, secret.parent.parent / "project" / "templates")
    return {
        "absolute path": f'<img src="{secret}">',
        "file URL": f'<img src="file://{secret}">',
        "dot-dot": f'<img src="{relative}">',
        "percent-encoded dot-dot": f'<img src="{relative.replace("..", "%2e%2e")}">',
        "symlink inside templates": '<img src="img/link.txt">',
        "stylesheet": f'<link rel="stylesheet" href="file://{secret}">',
        "css url()": f'<div style="background: url(file://{secret})">x</div>',
        "css @import": f"<style>@import url(file://{secret});</style>",
        "http to 127.0.0.1": f'<img src="http://127.0.0.1:{port}/x.png">',
        "http to metadata address": '<img src="http://169.254.169.254/latest/meta-data/">',
        "https": '<link rel="stylesheet" href="https://example.org/x.css">',
        "link rel=attachment": f'<link rel="attachment" href="file://{secret}">',
        "a rel=attachment outside": f'<a rel="attachment" href="file://{secret}">x</a>',
        "a rel=attachment inside": '<a rel="attachment" href="img/ok.svg">x</a>',
    }


CASES = list(hostile(Path("/x/outside/s"), 1))


@pytest.mark.parametrize("case", CASES)
def test_hostile_url_is_refused_and_named(case: str, templates: Path, secret_file: Path,
                                          server: CountingServer) -> None:
    body = hostile(secret_file, server.server_address[1])[case]
    with pytest.raises(RenderError) as caught:
        render(body, templates)
    assert str(caught.value).startswith("case.pdf: refused to ")
    assert server.requests == 0


def test_assets_inside_templates_and_data_urls_are_served(templates: Path) -> None:
    pdf = render('<img src="img/ok.svg"><img src="data:image/svg+xml,<svg xmlns=\'http://www.w3.org/2000/svg\'/>">',
                 templates)
    assert pdf.startswith(b"%PDF")


def test_template_reaching_outside_fails_the_build_naming_it(tmp_path: Path, secret_file: Path,
                                                             server: CountingServer) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    base = templates / "base.html.j2"
    base.write_text(base.read_text().replace("<body", f'<img src="file://{secret_file}"><body', 1))
    out = tmp_path / "out"
    result = run_process("build", FIXTURES / "minimal.yaml", "-a", "gp", "-o", "brief", "-f", "pdf",
                     "--templates", templates, "--out", out)
    assert result.code == 1
    assert f"error: minimal/gp/brief.pdf: refused to fetch 'file://{secret_file}'" in uncoded(result.stderr)
    assert "Traceback" not in result.stderr and not out.exists() and server.requests == 0


def test_content_cannot_reach_files_network_or_attachments(tmp_path: Path, secret_file: Path,
                                                           server: CountingServer) -> None:
    url = f"http://127.0.0.1:{server.server_address[1]}/x"
    # Markdown images and bare autolinks never get this far (test_markdown_images_and_autolinks_are_refused_…).
    attempts = [f"[x](file://{secret_file})", f"[x]({url})", f'<img src="{secret_file}">', f'<link rel="attachment" href="file://{secret_file}">',
                f'<a rel="attachment" href="{secret_file}">x</a>', f'<iframe src="{url}"></iframe>',
                # A bare "@import" would be refused as a citation of an unknown work: escaped, it reaches the page.
                f"<style>\\@import url({url});</style>", f'<object data="{url}"></object>']
    items = "\n".join(f"      - {attempt!r}".replace("\\\\", "\\") for attempt in attempts)
    source = tmp_path / "hostile.yaml"
    text = FIXTURES.joinpath("minimal.yaml").read_text().replace("    items: [a, b]\n", f"    items:\n{items}\n")
    source.write_text(text.replace("year: 2021, title: Title,", f"year: 2021, title: Title, url: '{url}',"))
    out = tmp_path / "out"
    result = run_process("build", source, "-a", "gp", "--out", out)
    assert result.code == 0, result.stderr
    for pdf in out.rglob("*.pdf"):
        assert pdf_leaks(pdf.read_bytes()) == []
    for html in out.rglob("*.html"):
        text = html.read_text()
        for tag in ("<img", "<iframe", "<object", "<style>@", 'rel="attachment"'):
            assert tag not in text
    assert server.requests == 0


@pytest.mark.parametrize("item", ["![x]({secret})", "![x]({url})", "<{url}>"])
def test_markdown_images_and_autolinks_are_refused_before_rendering(tmp_path: Path, secret_file: Path,
                                                                    server: CountingServer, item: str) -> None:
    url = f"http://127.0.0.1:{server.server_address[1]}/x"
    source = tmp_path / "hostile.yaml"
    attempt = item.format(secret=secret_file, url=url)
    source.write_text(FIXTURES.joinpath("minimal.yaml").read_text().replace("items: [a, b]", f"items: ['{attempt}']"))
    out = tmp_path / "out"
    result = run_process("build", source, "-a", "gp", "--out", out)
    assert result.code == 1
    assert f"{source}:" in uncoded(result.stderr) and "sections[0].items[0]" in uncoded(result.stderr)
    assert not out.exists() and server.requests == 0


def test_the_counting_server_sees_a_proxied_request(server: CountingServer) -> None:
    """The control for every `server.requests == 0` above: a plain urllib request to any host is counted."""
    from urllib.request import urlopen

    with urlopen("http://briefgen.invalid/x", timeout=5) as response:
        assert response.read() == b"S3CRET-7f2c9e41-do-not-leak"
    assert server.requests == 1


@pytest.mark.parametrize("reference", ["file://{secret}", "{url}"])
def test_figure_svg_reaching_out_fails_the_build_and_leaks_nothing(tmp_path: Path, secret_file: Path,
                                                                   server: CountingServer, reference: str) -> None:
    """An SVG figure is content too: one that refers outside itself is refused at validation (and were it
    not, the confined fetcher would refuse the fetch while drawing)."""
    url = f"http://127.0.0.1:{server.server_address[1]}/x"
    href = reference.format(secret=secret_file, url=url)
    folder = tmp_path / "content"
    folder.mkdir()
    folder.joinpath("chart.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">'
        f'<image xlink:href="{href}" width="40" height="40"/></svg>')
    figure = "    figure:\n      src: chart.svg\n      alt: A chart of referrals\n"
    source = folder / "hostile.yaml"
    source.write_text(FIXTURES.joinpath("minimal.yaml").read_text().replace("    items: [a, b]\n",
                                                                           "    items: [a, b]\n" + figure))
    out = tmp_path / "out"
    result = run_process("build", source, "-a", "gp", "-f", "pdf", "--out", out)
    assert result.code == 1, result.stderr
    assert "hostile.yaml:19:7: sections[0].figure.src: 'chart.svg' refers to" in uncoded(result.stderr)
    assert "outside itself (<image href>)" in uncoded(result.stderr) and "Traceback" not in result.stderr
    assert not out.exists() and server.requests == 0
