"""The axes editions vary along, in order: each turns a briefing into its values (an audience, a language…),
and a briefing's variants are every combination of them (views/variant.py).

An axis's name is how a build's selection (`BuildRequest.selection`) and messages call it; each value's `key`
is its folder below the briefing's and what a selection names, its `label` how the index names its readers.
Adding an axis is one `AXES.append(Axis(...))` here (docs/architecture.md, "Add a variant axis").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from briefgen.content.model import Briefing
from briefgen.views.audience import audiences_of


class AxisValue(Protocol):
    """One value of an axis: an `Audience`, or whatever else an axis declares."""

    @property
    def key(self) -> str:
        """Its output folder (a path segment) and how a selection names it: `gp`."""
        ...

    @property
    def label(self) -> str:
        """How its readers are named in the index: "GPs and primary care teams"."""
        ...


V = TypeVar("V", bound=AxisValue)


@dataclass(frozen=True)
class Axis(Generic[V]):
    """An axis editions vary along: a briefing → its values, and what a value changes in the briefing."""

    name: str
    """How a selection and messages call it: "audience"."""
    values: Callable[[Briefing], Sequence[V]]
    """The briefing's values on this axis, in the order their editions are built and listed."""
    adapt: Callable[[Briefing, V], Briefing] | None = None
    """What an edition with this value reads instead of the briefing (say, its translation), before it is
    tailored for its audience; None: the briefing as written."""


AUDIENCE = Axis("audience", audiences_of)
"""Which readers an edition is for. Tailoring for them (what each reads, reworded) is views/tailor.py itself."""

AXES: list[Axis[Any]] = [AUDIENCE]
"""Every axis, outermost first: the order of a variant's folders (`gp/cy`), names and labels."""


def mid_sentence(label: str) -> str:
    """A label as it reads mid-sentence ("briefing for commissioners"): lower case, but for acronyms such as GPs
    and NHS, kept as written: lower-cased, screen readers and readers alike take "gps" for a word."""
    return " ".join(word if sum(char.isupper() for char in word) > 1 else word.lower() for word in label.split(" "))
