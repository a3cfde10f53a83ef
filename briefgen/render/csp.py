"""A rendered page → the same page carrying its Content-Security-Policy: nothing but its own inline styles and
scripts (by hash) and embedded `data:` images may run or load, so a published brief is protected even where
its server sends no policy, and content can never add a script the policy would allow."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable

_STYLE = re.compile(r"<style(?:\s[^>]*)?>(.*?)</style>", re.DOTALL)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_CHARSET = '<meta charset="utf-8">\n'
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">\n')


def source_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline style or script."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def _policy(styles: Iterable[str], scripts: Iterable[str], connections: Iterable[str] = ()) -> str:
    """A policy allowing these style, script and connection sources (hashes or 'self'), `data:` images and fonts, and
    nothing else."""
    style_sources = " ".join(dict.fromkeys(styles)) or "'none'"
    script_sources = " ".join(dict.fromkeys(scripts)) or "'none'"
    connect = f"connect-src {' '.join(dict.fromkeys(connections))}; " if connections else ""
    return (f"default-src 'none'; img-src data:; font-src data:; style-src {style_sources}; "
            f"script-src {script_sources}; {connect}base-uri 'none'; form-action 'none'")


def with_policy(page: str, same_origin: bool = False) -> tuple[str, str]:
    """`page` carrying, in a <meta> after its charset (in place of any it had), a policy that allows its own
    inline styles and scripts (and, if `same_origin`, scripts and requests to its own server, for what a
    preview server adds); and the policy, for a server to send as a header too."""
    page = _META.sub("", page, count=1)
    own = ["'self'"] if same_origin else []
    page_policy = _policy(map(source_hash, _STYLE.findall(page)),
                         [*map(source_hash, _INLINE_SCRIPT.findall(page)), *own], own)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(page_policy, quote=False)}">\n'
    return page.replace(_CHARSET, _CHARSET + meta, 1), page_policy
