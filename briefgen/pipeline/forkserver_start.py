"""Imported by the worker forkserver as it starts (see `parallel.worker_context`), and nowhere else: the
forkserver, too, ends when the process that started it does."""

from briefgen.pipeline.lifeline import die_with_parent

die_with_parent()
