"""Every page carries a Content-Security-Policy allowing its own inline styles and scripts, by hash, and no
other."""

from __future__ import annotations

import base64
import hashlib

from briefgen.render.csp import with_policy

PAGE = ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<style>b { color: red; }</style>\n</head>\n'
        "<body><script>document.title = 'x';</script></body>\n</html>\n")


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


SCRIPT = "document.title = 'x';"


def test_a_page_gets_a_policy_of_its_own_hashes() -> None:
    page, policy = with_policy(PAGE)
    assert policy == (f"default-src 'none'; img-src data:; font-src data:; style-src {sha('b { color: red; }')}; "
                      f"script-src {sha(SCRIPT)}; base-uri 'none'; form-action 'none'")
    assert page.startswith(f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
                           f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n<style>')


def test_a_served_page_replaces_its_policy_and_may_reach_its_server() -> None:
    built, _ = with_policy(PAGE)
    served, policy = with_policy(built.replace("</body>", '<script src="/r.js"></script></body>'), same_origin=True)
    assert served.count("Content-Security-Policy") == 1 and f'content="{policy}"' in served
    assert f"script-src {sha(SCRIPT)} 'self'; connect-src 'self';" in policy
