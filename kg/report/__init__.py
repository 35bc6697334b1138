"""``kg report``: a static HTML report of the store that opens from disk with no network.

One self-contained file, ``DIR/index.html``: styles inline, the map and the timeline as inline
SVG (country outlines bundled, see ``kg.report.outlines``), no script, and a Content Security
Policy that forbids loading anything from elsewhere. Links to the source articles are plain links
a reader may follow; nothing is fetched when the page opens.

Sections: the map of the attacks (of the incidents, when the store has ``kg:Incident``s), the
timeline of attacks per day, the incidents with their reports side by side (when there are
any), the table of attacks with place, date, attacker, weapons, casualties, article and the
evidence sentences, and the list of articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError


@dataclass(frozen=True)
class ReportSummary:
    path: Path
    attacks: int
    articles: int
    incidents: int
    mapped: int

    def __str__(self) -> str:
        shown = f"{self.incidents} incidents" if self.incidents else f"{self.attacks} attacks"
        return (f"wrote {self.path}: {shown} ({self.mapped} on the map), "
                f"{self.articles} articles")


def write_report(store, folder: str | Path = "report") -> ReportSummary:
    """Write ``folder/index.html`` for the store; the folder is made if needed."""
    from kg.report.data import read_report_data  # here, so ``python -m kg.report.outlines``
    from kg.report.page import render_page  # runs without importing it twice

    folder = Path(folder)
    data = read_report_data(store)
    html, mapped = render_page(data)
    target = folder / "index.html"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / ".index.html.partial"
        partial.write_text(html, encoding="utf-8")
        partial.replace(target)
    except OSError as error:
        raise KgError(f"cannot write the report: {error.strerror or error}",
                      path=str(error.filename or folder)) from None
    return ReportSummary(target, len(data.attacks), len(data.articles), len(data.incidents),
                         mapped)


__all__ = ["write_report", "ReportSummary"]
