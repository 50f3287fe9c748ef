"""The reports, wired to a session: the hub's report for the panel's days and grouping
(and the same days by day for the chart), fetched again whenever either changes, and the
CSV export streamed to the file picked, with its progress, cancel and errors by cause.

A newer request replaces one still running (its answer would be for another range). The
range goes to the hub as this computer's local midnights, in UTC to the minute.
"""

from __future__ import annotations

import asyncio
import errno
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from wa_desk.client.errors import HubError, HubUnreachable, SessionExpired
from wa_desk.core.kpis.report_groups import ReportGroup
from wa_desk.store.errors import DiskFull
from wa_desk.ui.app.connections import Connections
from wa_desk.ui.app.problems import ProblemKind, describe_problem, problem_of
from wa_desk.ui.app.session import Session
from wa_desk.ui.supervisor.csv_export import ExportProgress, save_stream
from wa_desk.ui.supervisor.report_chart import day_points
from wa_desk.ui.supervisor.reports_panel import ReportsPanel

log = logging.getLogger(__name__)


class ReportsController(QObject):
    exportProgressed = Signal(int, int)  # bytes and conversations written so far
    exportEnded = Signal(str)  # the file saved, or "" (cancelled or failed)

    def __init__(self, session: Session, panel: ReportsPanel) -> None:
        super().__init__(panel)
        self._session = session
        self._panel = panel
        self._loading: asyncio.Task[Any] | None = None
        self._exporting: asyncio.Task[Any] | None = None
        self._cancel_asked = False
        c = self._connections = Connections()
        c.connect(panel.reportRequested, self.load)
        c.connect(panel.exportRequested, self.export)
        c.connect(panel.exportCancelRequested, self.cancel_export)

    def close(self) -> None:
        self._connections.disconnect_all()
        for task in (self._loading, self._exporting):
            if task is not None:
                task.cancel()

    @property
    def busy(self) -> bool:
        """A report is on its way (the panel says so too)."""
        return self._loading is not None and not self._loading.done()

    @property
    def exporting(self) -> bool:
        return self._exporting is not None and not self._exporting.done()

    # -- the report ------------------------------------------------------------------------

    def load(self) -> asyncio.Task[Any]:
        """The report for what the panel shows now (replacing one still on its way)."""
        if self._loading is not None:
            self._loading.cancel()
        self._loading = self._session.spawn(self._load(), "report")
        return self._loading

    async def _load(self) -> None:
        panel, supervisor = self._panel, self._session.supervisor
        days, group = panel.days(), panel.current_group()
        start, end = days.bounds()
        panel.show_loading()
        try:
            report = await supervisor.report(start, end, group)
            by_day = (
                report
                if group is ReportGroup.DAY
                else await supervisor.report(start, end, ReportGroup.DAY)
            )
        except HubError as exc:
            self._session.report(exc)
            kind, detail = problem_of(exc)
            problem = describe_problem(kind, detail)
            panel.show_failure(" ".join(t for t in (problem.title, problem.detail) if t))
            return
        panel.show_report(group, list(report["groups"]), report.get("taken_at"))
        panel.show_days(day_points(days.days(), list(by_day["groups"])))

    # -- the CSV ---------------------------------------------------------------------------

    def export(self, path: str) -> asyncio.Task[Any] | None:
        """Save the CSV of the panel's days to ``path`` (one export at a time)."""
        if self._exporting is not None and not self._exporting.done():
            return None
        self._cancel_asked = False
        self._exporting = self._session.spawn(self._export(Path(path)), "report-csv")
        return self._exporting

    def cancel_export(self) -> None:
        if self._exporting is not None and not self._exporting.done():
            self._cancel_asked = True
            self._exporting.cancel()

    async def _export(self, target: Path) -> None:
        panel = self._panel
        start, end = panel.days().bounds()
        panel.export_started(str(target))

        def progressed(p: ExportProgress) -> None:
            panel.export_progressed(p.bytes, p.rows)
            self.exportProgressed.emit(p.bytes, p.rows)

        try:
            async with self._session.supervisor.report_csv(start, end) as chunks:
                done = await save_stream(chunks, target, progressed)
        except asyncio.CancelledError:
            if self._cancel_asked:
                panel.export_cancelled()
                self.exportEnded.emit("")
            raise
        except (HubError, OSError) as exc:
            log.info("report export to %s failed: %s", target, exc)
            why = self._why_not_saved(exc)
            panel.export_failed(why)
            if isinstance(exc, HubError):
                self._session.report(exc)  # an expired session asks to sign in again
            else:  # this computer's side: the disk, the folder
                self._session.problem.emit(ProblemKind.FILE_NOT_SAVED, why)
            self.exportEnded.emit("")
            return
        panel.export_finished(str(target), done.rows)
        self.exportEnded.emit(str(target))

    def _why_not_saved(self, exc: BaseException) -> str:
        if isinstance(exc, DiskFull) or (isinstance(exc, OSError) and exc.errno == errno.ENOSPC):
            return self.tr(
                "The disk is full: the report was not saved. Free some space and export again."
            )
        if isinstance(exc, HubUnreachable):
            return self.tr(
                "The server stopped answering: the report was not saved. Export again once "
                "the connection is back."
            )
        if isinstance(exc, SessionExpired):
            return self.tr("Your session has expired: sign in again and export again.")
        if isinstance(exc, PermissionError):
            return self.tr("That folder cannot be written to: pick another one.")
        if isinstance(exc, HubError):
            kind, detail = problem_of(exc)
            problem = describe_problem(kind, detail)
            return self.tr("The report was not saved: %1").replace(
                "%1", " ".join(t for t in (problem.title, problem.detail) if t)
            )
        return self.tr("The report was not saved: %1").replace("%1", str(exc))
