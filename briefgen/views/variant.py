"""A validated briefing → its variants: every combination of the values of the axes its editions vary along
(its own tables of editions, views/editions.py, then the registered axes, views/axes.py), the briefing as each
variant reads it, and which of them a build's selection asks for."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from briefgen.content.edition_data import EditionTable
from briefgen.content.model import Briefing
from briefgen.errors import UsageError
from briefgen.views.audience import Audience
from briefgen.views.axes import AUDIENCE, AXES, Axis, AxisValue
from briefgen.views.editions import edition_axis

V = TypeVar("V", bound=AxisValue)

Selection = Mapping[str, frozenset[str]]
"""An axis's name → the keys of the values wanted on it; an axis not named, or named with no keys, is not
narrowed: `{"audience": frozenset({"gp"})}`."""


@dataclass(frozen=True)
class Variant:
    """One edition of a briefing, carried from the request to the output path: its value on each axis."""

    values: tuple[tuple[str, AxisValue], ...]
    """(axis name, value), in the axes' order."""

    def value(self, axis: Axis[V]) -> V:
        """Its value on `axis`, which that axis made."""
        return cast(V, dict(self.values)[axis.name])

    @property
    def audience(self) -> Audience:
        return self.value(AUDIENCE)

    @property
    def keys(self) -> dict[str, str]:
        """Each axis's name → the key of its value here: what a selection matches."""
        return {axis: value.key for axis, value in self.values}

    @property
    def name(self) -> str:
        """How messages name it: its keys, outermost axis first (`gp`; `gp/cy` with a language axis)."""
        return "/".join(self.keys.values())

    @property
    def folder(self) -> str:
        """Its output folder, below the briefing's: one folder per axis, as its name reads."""
        return self.name

    @property
    def label(self) -> str:
        """Who it is for, as readers are named: "GPs and primary care teams"; each axis's label in turn."""
        return " · ".join(value.label for _, value in self.values)

    def split(self, outer: int) -> tuple[Variant, Variant]:
        """It in two: its values on the `outer` outermost axes (its tables of editions: which edition it is), and
        on the rest (who it is for)."""
        return Variant(self.values[:outer]), Variant(self.values[outer:])

    def chosen(self, selection: Selection) -> bool:
        """Whether `selection` asks for it: on every axis the selection narrows, it has a value, one wanted (a
        briefing without the editions asked for has none of them)."""
        keys = self.keys
        return all(not wanted or keys.get(axis) in wanted for axis, wanted in selection.items())


def axes_of(editions: Sequence[EditionTable] = ()) -> list[Axis[Any]]:
    """The axes a briefing's editions vary along: its tables of editions, outermost, then the registered axes."""
    return [*map(edition_axis, editions), *AXES]


def variants_of(briefing: Briefing, editions: Sequence[EditionTable] = ()) -> list[Variant]:
    """Every combination of each axis's values, the outermost axis varying slowest."""
    values = [[(axis.name, value) for value in axis.values(briefing)] for axis in axes_of(editions)]
    return [Variant(tuple(combination)) for combination in itertools.product(*values)]


def adapted(briefing: Briefing, variant: Variant, editions: Sequence[EditionTable] = ()) -> Briefing:
    """The briefing as the variant's readers read it before it is tailored for their audience: as each axis
    adapts it (`Axis.adapt`: an edition's values filled in, say), outermost first."""
    for axis in axes_of(editions):
        if axis.adapt is not None:
            briefing = axis.adapt(briefing, variant.value(axis))
    return briefing


def check_selection(variants: Iterable[Variant], selection: Selection) -> None:
    """A usage error for an axis or a key that none of `variants` has (a mistyped `--audience`)."""
    known: dict[str, set[str]] = {axis.name: set() for axis in AXES}
    for variant in variants:
        for axis, key in variant.keys.items():
            known.setdefault(axis, set()).add(key)
    for axis, wanted in selection.items():
        if axis not in known:
            raise UsageError(f"unknown axis {axis} (known: {', '.join(known)})")
        if unknown := sorted(wanted - known[axis]):
            raise UsageError(f"unknown {axis} {', '.join(unknown)} (known: {', '.join(sorted(known[axis]))})")
