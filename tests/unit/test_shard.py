"""Shards: `K/N` and job engines' variables read, and the plan split alike on every machine, longest first."""

from __future__ import annotations

import random
import re

import pytest

from briefgen.errors import UsageError
from briefgen.pipeline.shard import Shard, assign, chosen, from_environment, parse, share


def test_k_of_n_is_parsed_and_checked() -> None:
    assert parse("2/4") == Shard(2, 4)
    assert str(Shard(2, 4)) == "2/4"
    for text in ("0/3", "4/3", "2", "a/3", "1/0", "-1/3"):
        with pytest.raises(UsageError):
            parse(text)


@pytest.mark.parametrize(("env", "shards", "expected"), [
    ({"JOB_COMPLETION_INDEX": "0"}, 3, Shard(1, 3)),
    ({"JOB_COMPLETION_INDEX": "2"}, 3, Shard(3, 3)),
    ({"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "3"}, None, Shard(1, 3)),
    ({"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "3"}, None, Shard(3, 3)),
    ({"CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "2"}, None, Shard(1, 2)),
    ({"AWS_BATCH_JOB_ARRAY_INDEX": "4"}, 5, Shard(5, 5)),
    # Two engines saying the same (a Kubernetes pod in a GitLab runner) agree.
    ({"JOB_COMPLETION_INDEX": "1", "CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "3"}, 3, Shard(2, 3)),
])
def test_each_engine_names_its_shard(env: dict[str, str], shards: int | None, expected: Shard) -> None:
    assert from_environment(env, shards) == expected
    assert chosen("auto", shards, env) == expected


@pytest.mark.parametrize(("env", "shards", "says"), [
    ({}, 3, "looked at JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID"),
    ({"PATH": "/bin"}, None, "CI_NODE_INDEX"),
    ({"JOB_COMPLETION_INDEX": "0"}, None, "pass --shards N"),
    ({"JOB_COMPLETION_INDEX": "3"}, 3, "JOB_COMPLETION_INDEX=3 is out of range"),
    ({"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "3"}, None,
     "out of range for 3 shards (indices from 1)"),
    ({"CI_NODE_INDEX": "0", "CI_NODE_TOTAL": "2"}, None, "out of range"),
    ({"CI_NODE_INDEX": "x", "CI_NODE_TOTAL": "2"}, None, "not a whole number"),
    ({"JOB_COMPLETION_INDEX": "0", "CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "3"}, 3,
     "disagree: Kubernetes (JOB_COMPLETION_INDEX) says 1/3, GitLab CI (CI_NODE_INDEX) says 2/3"),
])
def test_a_missing_or_contradictory_index_is_a_usage_error(env: dict[str, str], shards: int | None,
                                                           says: str) -> None:
    with pytest.raises(UsageError, match=re.escape(says)):
        from_environment(env, shards)


def test_shards_must_agree_with_the_shard_asked_for() -> None:
    assert chosen(None, None, {}) is None
    assert chosen("2/3", 3, {}) == Shard(2, 3)
    with pytest.raises(UsageError, match="--shards says 4"):
        chosen("2/3", 4, {})
    with pytest.raises(UsageError, match="--shards says 4"):
        chosen("auto", 4, {"CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "3"})


def test_longest_first_to_the_least_loaded_shard() -> None:
    costs = {"a": 5.0, "b": 4.0, "c": 3.0, "d": 3.0, "e": 1.0}
    # a → 1; b → 2; c → 2 (4 < 5); d → 1 (5 < 7); e → 1 (8 vs 7: 2)... loads: 1: a+d = 8, 2: b+c = 7 → e to 2.
    assert assign(costs, 2) == {"a": 1, "b": 2, "c": 2, "d": 1, "e": 2}
    assert share(costs, Shard(1, 2)) == {"a", "d"}
    # Ties go to the lowest index, equal costs in the order of their stems.
    assert assign(dict.fromkeys("zyx", 1.0), 3) == {"x": 1, "y": 2, "z": 3}


def test_the_split_is_the_same_in_any_order_and_covers_each_document_once() -> None:
    rng = random.Random(7)
    costs = {f"b{number}/gp/brief": round(rng.uniform(0.1, 9), 1) for number in range(40)}
    shuffled = dict(rng.sample(list(costs.items()), len(costs)))
    assert assign(shuffled, 4) == assign(costs, 4)
    shares = [share(costs, Shard(index, 4)) for index in range(1, 5)]
    assert sorted(stem for found in shares for stem in found) == sorted(costs)
    loads = [sum(costs[stem] for stem in found) for found in shares]
    assert max(loads) - min(loads) <= max(costs.values())  # greedy's bound: within one document
    assert assign(costs, 1) == dict.fromkeys(costs, 1)


def test_documents_that_take_no_time_are_spread_too() -> None:
    assert sorted(assign({f"d{index}": 0.0 for index in range(6)}, 3).values()) == [1, 1, 2, 2, 3, 3]
