"""Progress reporting hooks. The library reports through a ``Progress``; the CLI draws it with rich."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol


class Task(Protocol):
    def advance(self, n: int = 1) -> None: ...


class Progress(Protocol):
    def stage(self, name: str, total: int | None = None) -> AbstractContextManager[Task]: ...


class _NullTask:
    def advance(self, n: int = 1) -> None:
        return None


class NullProgress:
    """Reports nothing (the default for library calls)."""

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[_NullTask]:
        yield _NullTask()


class RichProgress:
    """A rich progress display on stderr: one bar per stage with records/s and ETA."""

    def __init__(self, *, enabled: bool = True) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            ProgressColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as _RichProgress
        from rich.text import Text

        class _Rate(ProgressColumn):
            """Records per second."""

            def render(self, task):  # type: ignore[no-untyped-def]
                speed = task.finished_speed or task.speed
                return Text("" if speed is None else f"{speed:,.0f} rec/s")

        self.console = Console(stderr=True)
        self._progress = _RichProgress(
            TextColumn("[bold]{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            _Rate(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=self.console,
            disable=not enabled,
            transient=False,
        )

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Task]:
        task_id = self._progress.add_task(name, total=total)
        progress = self._progress

        class _T:
            def advance(self, n: int = 1) -> None:
                progress.advance(task_id, n)

        try:
            yield _T()
        finally:
            if total is None:  # an open-ended stage ends full at the count it reached
                done = next(t.completed for t in progress.tasks if t.id == task_id)
                progress.update(task_id, total=done)
            else:
                progress.update(task_id, completed=total)
