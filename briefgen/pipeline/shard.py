"""`K/N`, or a job engine's variables → a Shard; the plan's documents and their costs → each one's shard.

The same command runs on N machines (a CI matrix, a Kubernetes Indexed Job, a Slurm array), each with its
index. Every machine computes the whole split from the same inputs, so the shares agree without talking to
each other, and `briefgen merge` joins them. Pure: no file is read here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from briefgen.errors import UsageError


@dataclass(frozen=True)
class Shard:
    """One of `count` shares of a build; `index` counts from 1, as `--shard K/N` writes it."""

    index: int
    count: int

    def __post_init__(self) -> None:
        if self.count < 1 or not 1 <= self.index <= self.count:
            raise UsageError(f"shard {self.index}/{self.count} is out of range: K/N takes 1 ≤ K ≤ N")

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse(text: str) -> Shard:
    """`K/N` → Shard(K, N)."""
    index, slash, count = text.partition("/")
    if not (slash and index.isdecimal() and count.isdecimal()):
        raise UsageError(f"--shard takes K/N (say 2/4) or auto, not {text!r}")
    return Shard(int(index), int(count))


@dataclass(frozen=True)
class _Engine:
    """Where a job engine puts a task's index, and its count if it gives one."""

    name: str
    index: str
    first: int | str
    """The first task's index: a number, or the variable that holds it."""
    count: str | None


_ENGINES = (
    _Engine("Kubernetes", "JOB_COMPLETION_INDEX", 0, None),
    _Engine("Slurm", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT"),
    _Engine("GitLab CI", "CI_NODE_INDEX", 1, "CI_NODE_TOTAL"),
    _Engine("AWS Batch", "AWS_BATCH_JOB_ARRAY_INDEX", 0, None),
)
_LOOKED_AT = ", ".join(dict.fromkeys(name for engine in _ENGINES
                                     for name in (engine.index, engine.first, engine.count)
                                     if isinstance(name, str)))


def chosen(text: str | None, shards: int | None, env: Mapping[str, str]) -> Shard | None:
    """The shard `--shard TEXT` (K/N or auto) and `--shards N` ask for; None for a whole build."""
    if text is None:
        return None
    shard = from_environment(env, shards) if text == "auto" else parse(text)
    if shards is not None and shards != shard.count:
        raise UsageError(f"--shard {text} is shard {shard} but --shards says {shards}")
    return shard


def from_environment(env: Mapping[str, str], shards: int | None) -> Shard:
    """The shard a job engine's variables name; `shards` is the count where the engine gives none."""
    found = {f"{engine.name} ({engine.index})": _from_engine(engine, env, shards)
             for engine in _ENGINES if engine.index in env}
    if not found:
        raise UsageError(f"--shard auto found no job index in the environment (looked at {_LOOKED_AT}); "
                         "pass --shard K/N instead")
    if len(set(found.values())) > 1:
        told = ", ".join(f"{name} says {shard}" for name, shard in found.items())
        raise UsageError(f"--shard auto found job engines that disagree: {told}")
    return next(iter(found.values()))


def _from_engine(engine: _Engine, env: Mapping[str, str], shards: int | None) -> Shard:
    index = _number(env, engine.index, default=0)  # present: the engine was found by it
    first = engine.first if isinstance(engine.first, int) else _number(env, engine.first, default=0)
    count = _number(env, engine.count, default=shards or 0) if engine.count else shards
    if not count:
        raise UsageError(f"{engine.name} ({engine.index}) gives no job count: pass --shards N")
    if not 0 <= index - first < count:
        raise UsageError(f"{engine.index}={index} is out of range for {count} shards (indices from {first})")
    return Shard(index - first + 1, count)


def _number(env: Mapping[str, str], name: str, default: int) -> int:
    if name not in env:
        return default
    value = env[name].strip()
    if not value.isdecimal():
        raise UsageError(f"{name}={env[name]!r} is not a whole number")
    return int(value)


def assign(costs: Mapping[str, float], count: int) -> dict[str, int]:
    """Each document stem → its shard (1 to `count`): longest first, each to the least loaded shard (of those
    tied, the one with fewest documents, then the lowest index: documents recorded as taking no time, rounded
    to 0.0 s, still spread), so shards finish close together. A function of the stems and costs alone, in
    any order: every machine computes the same split."""
    loads = [0.0] * count
    documents = [0] * count
    shard_of = {}
    for stem, cost in sorted(costs.items(), key=lambda item: (-item[1], item[0])):
        lightest = min(range(count), key=lambda index: (loads[index], documents[index], index))
        loads[lightest] += cost
        documents[lightest] += 1
        shard_of[stem] = lightest + 1
    return shard_of


def share(costs: Mapping[str, float], shard: Shard) -> set[str]:
    """The stems `shard` renders."""
    return {stem for stem, index in assign(costs, shard.count).items() if index == shard.index}
