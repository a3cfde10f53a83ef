"""A slide master's XML → each placeholder's level styles written where PowerPoint looks for them (its list
style), from the sample paragraphs where LibreOffice Impress leaves them.

Impress saves a master without text styles (`p:txStyles`) and without list styles on its placeholders: each
level's size, font, spacing and bullet are only on the placeholder's sample text ("Click to edit Master text
styles", "Second level", ...). Impress reads them back from there; PowerPoint does not, and sets all of it at
its defaults (18 pt). Written as the placeholder's list style, both show the template as its author made it,
and briefgen fits text to the size they show."""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree

from briefgen.content.office_xml import A, P

_RUN_ONLY = ("lang", "dirty", "err", "smtClean", "smtId", "bmk")
"""Run attributes that say something of one run's text, not of a level's look."""


def styled(root: Any) -> bool:
    """Give each placeholder of the master at `root`, if it has no text styles, and whose list style says
    nothing, the level styles of its sample paragraphs; whether any was given them. (A master with text styles
    was saved by a program that reads them: its sample paragraphs are only samples.)"""
    if root.find(P + "txStyles") is not None:
        return False
    changed = False
    for shape in root.iter(P + "sp"):
        if shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is None:
            continue
        body = shape.find(P + "txBody")
        if body is None:
            continue
        styles = body.find(A + "lstStyle")
        if styles is not None and len(styles):
            continue  # its author's, already where PowerPoint reads them
        levels = _levels(body)
        if not levels:
            continue
        if styles is None:
            styles = etree.Element(A + "lstStyle")
            body.find(A + "bodyPr").addnext(styles)
        for level in sorted(levels):
            styles.append(levels[level])
        changed = True
    return changed


def _levels(body: Any) -> dict[int, Any]:
    """Level (1 to 9) → an `a:lvlNpPr` made from the first sample paragraph at that level."""
    levels: dict[int, Any] = {}
    for paragraph in body.iter(A + "p"):
        properties = paragraph.find(A + "pPr")
        level = int(properties.get("lvl", "0")) + 1 if properties is not None else 1
        run = paragraph.find(f"{A}r/{A}rPr")
        if level in levels or not 1 <= level <= 9 or (properties is None and run is None):
            continue
        style = etree.Element(A + f"lvl{level}pPr")
        if properties is not None:
            style.attrib.update({name: value for name, value in properties.attrib.items() if name != "lvl"})
            style.extend(copy.deepcopy(child) for child in properties if child.tag != A + "defRPr")
        if run is not None:
            defaults = etree.Element(A + "defRPr")
            extensions = style.find(A + "extLst")  # last in a level's properties; the defaults come before it
            (extensions.addprevious if extensions is not None else style.append)(defaults)
            defaults.attrib.update({name: value for name, value in run.attrib.items() if name not in _RUN_ONLY})
            defaults.extend(copy.deepcopy(child) for child in run)
        levels[level] = style
    return levels
