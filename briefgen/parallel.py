"""Document jobs → rendered documents, spread over worker processes, with progress reported as each ends."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed

from briefgen.documents import DocumentJob, RenderedDocument, render_document

Progress = Callable[[int, int, str], None]
"""Called with (documents done, documents in all, the one just done)."""


def render_all(jobs: Sequence[DocumentJob], workers: int, progress: Progress | None = None) -> list[RenderedDocument]:
    """Render every job, in `workers` processes when there is more than one job; results in job order.

    The first failure cancels what has not started and is raised as it was raised in the worker.
    """
    if workers <= 1 or len(jobs) <= 1:
        return [_reported(render_document(job), index, len(jobs), progress) for index, job in enumerate(jobs)]
    # forkserver: workers fork from one clean process that imported WeasyPrint once, so they start fast and
    # never inherit the threads of a caller such as `briefgen serve`.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["briefgen.documents", "briefgen.render_pdf"])
    with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context) as pool:
        futures = [pool.submit(render_document, job) for job in jobs]
        for done, future in enumerate(as_completed(futures), start=1):
            if (error := future.exception()) is not None:
                for other in futures:
                    other.cancel()
                raise error
            if progress:
                progress(done, len(jobs), future.result().stem)
        return [future.result() for future in futures]


def _reported(rendered: RenderedDocument, index: int, total: int, progress: Progress | None) -> RenderedDocument:
    if progress:
        progress(index + 1, total, rendered.stem)
    return rendered
