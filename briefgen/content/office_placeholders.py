"""A slide layout's XML → each of its placeholders given an index (`idx`) of its own, so that a slide made on the
layout puts each placeholder where the layout does.

A slide's placeholder takes its position (and the rest of its look) from the layout's placeholder with the same
idx, and an absent idx is 0, the title's. PowerPoint numbers every placeholder it writes; LibreOffice Impress
leaves a layout's content and subtitle placeholders unnumbered, so in a template saved from it as .pptx every
one of them would sit on the title. A layout's placeholders take theirs from the master's by type, never by idx,
so a master needs no numbers: only layouts are mended."""

from __future__ import annotations

from typing import Any

from lxml import etree

from briefgen.content.office_xml import A, P

_TITLES = frozenset({"title", "ctrTitle"})
"""Placeholder types a slide finds on its layout at idx 0 (the type a `p:ph` without one has is `obj`)."""
_OFFSET = etree.XPath("(p:spPr/a:xfrm/a:off | p:xfrm/a:off)[1]", namespaces={"p": P[1:-1], "a": A[1:-1]})
"""Where a shape, picture or graphic frame starts, if it says so itself."""


def numbered(root: Any) -> bool:
    """Give each placeholder of the layout at `root` that has no idx (titles aside), or one a title or an
    earlier placeholder has, the next number no placeholder of the layout has, in reading order (top to bottom,
    then left to right), as PowerPoint numbers its own: a slide's placeholders, which python-pptx lists by idx,
    are then listed in the order they are read. Whether any was given one."""
    placeholders = list(root.iter(P + "ph"))
    written = [int(value) for value in (ph.get("idx", "") for ph in placeholders) if value.isdigit()]
    taken = {_index(ph) for ph in placeholders if ph.get("type") in _TITLES}
    unnumbered = []
    for ph in placeholders:
        if ph.get("type") in _TITLES:
            continue
        index = _index(ph)
        if index is None or index in taken:
            unnumbered.append(ph)
        else:
            taken.add(index)
    following = max(written, default=0) + 1
    for offset, ph in enumerate(sorted(unnumbered, key=_position)):
        ph.set("idx", str(following + offset))
    return bool(unnumbered)


def _index(ph: Any) -> int | None:
    """The placeholder's idx: 0 if it has none, None if it is not a number (read as none, and given one)."""
    value = ph.get("idx", "0")
    return int(value) if value.isdigit() else None


def _position(ph: Any) -> tuple[float, float]:
    """Where the placeholder's shape is on the layout, top then left; one the layout does not place (its master
    does) after those it does, in the order the layout lists them (the sort is stable)."""
    shape = next(ph.iterancestors(P + "sp", P + "pic", P + "graphicFrame"), None)
    offset = _OFFSET(shape) if shape is not None else []
    coordinates = (offset[0].get("y", ""), offset[0].get("x", "")) if offset else ("", "")
    if not all(coordinate.lstrip("-").isdigit() for coordinate in coordinates):  # python-pptx will say so
        return float("inf"), float("inf")
    return float(coordinates[0]), float(coordinates[1])
