"""Document jobs → rendered documents, spread over worker processes, with progress reported as each ends."""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import forkserver

from briefgen.pipeline.jobs import DocumentJob, RenderedDocument, render_document
from briefgen.pipeline.lifeline import die_with_parent, lead

Progress = Callable[[int, int, str], None]
"""Called with (documents done, documents in all, the one just done)."""


def render_all(jobs: Sequence[DocumentJob], workers: int, progress: Progress | None = None) -> list[RenderedDocument]:
    """Render every job, in `workers` processes when there is more than one job; results in job order.

    The first failure cancels what has not started and is raised as it was raised in the worker.
    """
    # A pool only pays off for page layout: its start-up costs a WeasyPrint import, which HTML briefs never need.
    if workers <= 1 or len(jobs) <= 1 or not any(job.needs_layout for job in jobs):
        return [_reported(render_document(job), index, len(jobs), progress) for index, job in enumerate(jobs)]
    pool = ProcessPoolExecutor(min(workers, len(jobs)), mp_context=worker_context(), initializer=die_with_parent)
    try:
        futures = [pool.submit(render_document, job) for job in jobs]
        for done, future in enumerate(as_completed(futures), start=1):
            if (error := future.exception()) is not None:
                raise error
            if progress:
                progress(done, len(jobs), future.result().stem)
        return [future.result() for future in futures]
    except BaseException:
        # On a failure or Ctrl-C, stop the running jobs too: their results would be discarded, and the
        # interpreter waits for them at exit, which for a long deck is most of a minute. (No public way to do
        # this before Python 3.14's terminate_workers.)
        for process in list(pool._processes.values()):
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def worker_context() -> multiprocessing.context.BaseContext:
    """Workers fork from one clean process that imported WeasyPrint once, so they start fast and never
    inherit the threads of a caller such as `briefgen serve`; it and they die with their parent (lifeline).
    Started here if it is not running: call it from the main thread first (as `serve` does) so that it
    ignores Ctrl-C, and so that it lives as long as the main thread (the kernel ties it to that thread)."""
    lead()  # the forkserver checks that it is this process's child, as its workers check they are its
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["briefgen.pipeline.forkserver_start", "briefgen.pipeline.jobs",
                                    "briefgen.render.pdf"])
    if threading.current_thread() is threading.main_thread():
        # Ctrl-C reaches every process in the terminal's group, but only this one should stop the build:
        # the server, and the workers forked from it, inherit "ignore" if it starts now.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            forkserver.ensure_running()
        finally:
            signal.signal(signal.SIGINT, previous)
    return context


def _reported(rendered: RenderedDocument, index: int, total: int, progress: Progress | None) -> RenderedDocument:
    if progress:
        progress(index + 1, total, rendered.stem)
    return rendered
