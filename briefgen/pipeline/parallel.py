"""Document jobs → rendered documents as each ends, spread over worker processes, a few jobs in flight at a time."""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from itertools import islice
from multiprocessing import forkserver

from briefgen.pipeline.jobs import DocumentJob, RenderedDocument, render_document
from briefgen.pipeline.lifeline import die_with_parent, lead

Progress = Callable[[int, int, str], None]
"""Called with (documents done, documents in all, the one just done)."""

IN_FLIGHT_PER_WORKER = 2
"""Jobs submitted per worker at most: enough that none waits while the parent takes a result, few enough that a
build of thousands of documents holds only a handful of jobs and results at once."""


def render_all(jobs: Iterable[DocumentJob], total: int, needs_layout: bool, workers: int,
               progress: Progress | None = None) -> Generator[RenderedDocument, None, None]:
    """Render the `total` jobs, in `workers` processes when there is more than one job and `needs_layout` (any
    lays pages out); each result as it ends, which need not be in job order. A job is taken from `jobs` only
    when there is room for it, so jobs can be made as they are needed.

    The first failure cancels what has not started and is raised as it was raised in the worker. Close the
    iterator (`contextlib.closing`) to stop early: the running jobs are stopped too.
    """
    # A pool only pays off for page layout: its start-up costs a WeasyPrint import, which HTML briefs never need.
    if workers <= 1 or total <= 1 or not needs_layout:
        for index, job in enumerate(jobs):
            yield _reported(render_document(job), index, total, progress)
        return
    pool = ProcessPoolExecutor(min(workers, total), mp_context=worker_context(), initializer=die_with_parent)
    try:
        waiting = iter(jobs)
        running = {pool.submit(render_document, job) for job in islice(waiting, IN_FLIGHT_PER_WORKER * workers)}
        done = 0
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                if (error := future.exception()) is not None:
                    raise error
            running |= {pool.submit(render_document, job) for job in islice(waiting, len(finished))}
            for future in finished:
                done += 1
                yield _reported(future.result(), done - 1, total, progress)
    except BaseException:
        # On a failure, Ctrl-C or the caller closing early, stop the running jobs too: their results would be
        # discarded, and the interpreter waits for them at exit, which for a long deck is most of a minute. (No
        # public way to do this before Python 3.14's terminate_workers.)
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
