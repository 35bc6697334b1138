"""Fusion scoring: are the reports of one real attack gathered into one incident, with the right
figures? The format is described in ``docs/fusion-gold.md``.

A fusion gold folder holds ``reports.jsonl`` (the articles, as ``kg ingest`` reads them) and
``incidents.json``: the real incidents, each with its place, date, true killed and injured, and
its reports (article, the place as that article names it when it differs, and the figures that
article gives). The articles are ingested into a fresh store; each gold report is matched to the
attack its article reports at that place; then

- B-cubed precision, recall and F1 over the gold reports: for each, how much of the predicted
  incident it sits in belongs to its real incident, and how much of its real incident sits in its
  predicted one. A report whose attack was not extracted stands alone.
- figures: the share of incidents with two or more reports whose predicted incident (the one
  holding most of its reports) has the right killed and injured.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.errors import GoldError

GOLD_FILE = "incidents.json"
REPORTS_FILE = "reports.jsonl"


@dataclass(frozen=True)
class GoldReport:
    article: str
    place: str
    killed: int | None = None
    injured: int | None = None


@dataclass(frozen=True)
class GoldIncident:
    id: str
    place: str
    date: str | None
    killed: int | None
    injured: int | None
    reports: tuple[GoldReport, ...]


@dataclass
class FusionReport:
    reports: int = 0
    matched: int = 0  # gold reports whose attack the store holds
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    multi: int = 0  # incidents with two or more reports
    figures_right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def figures_share(self) -> float:
        return self.figures_right / self.multi if self.multi else 1.0


def is_fusion_folder(folder: str | Path) -> bool:
    return (Path(folder) / GOLD_FILE).is_file()


def _figure(value, where: str, path: Path) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise GoldError(f"{where} must be a whole number >= 0 or null, not {value!r}",
                        path=str(path))
    return value


def _text(value, where: str, path: Path, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise GoldError(f"{where} must be a non-empty string", path=str(path))
    return value


def load_fusion_gold(folder: str | Path) -> list[GoldIncident]:
    """The incidents of ``folder/incidents.json``; a ``GoldError`` names any malformed entry."""
    path = Path(folder) / GOLD_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(f"cannot read: {error}", path=str(path)) from None
    except json.JSONDecodeError as error:
        raise GoldError(f"not JSON: {error.msg}", path=str(path), line=error.lineno) from None
    items = data.get("incidents") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise GoldError("incidents is missing or not a list", path=str(path))
    out, ids = [], set()
    for i, item in enumerate(items):
        where = f"incidents[{i}]"
        if not isinstance(item, dict):
            raise GoldError(f"{where} must be an object", path=str(path))
        ident = _text(item.get("id"), f"{where}.id", path)
        if ident in ids:
            raise GoldError(f"{where}.id {ident!r} is used twice", path=str(path))
        ids.add(ident)
        place = _text(item.get("place"), f"{where}.place", path)
        reports = item.get("reports")
        if not isinstance(reports, list) or not reports:
            raise GoldError(f"{where}.reports must be a non-empty list", path=str(path))
        gold_reports = []
        for j, report in enumerate(reports):
            at = f"{where}.reports[{j}]"
            if not isinstance(report, dict):
                raise GoldError(f"{at} must be an object", path=str(path))
            gold_reports.append(GoldReport(
                _text(report.get("article"), f"{at}.article", path),
                _text(report.get("place"), f"{at}.place", path, optional=True) or place,
                _figure(report.get("killed"), f"{at}.killed", path),
                _figure(report.get("injured"), f"{at}.injured", path)))
        out.append(GoldIncident(ident, place, _text(item.get("date"), f"{where}.date", path,
                                                    optional=True),
                                _figure(item.get("killed"), f"{where}.killed", path),
                                _figure(item.get("injured"), f"{where}.injured", path),
                                tuple(gold_reports)))
    return out


_PREDICTED = """SELECT DISTINCT ?incident ?id ?label ?killed ?injured WHERE {
  ?incident a kg:Incident ; kg:report ?attack .
  ?attack kg:reportedIn/dcterms:identifier ?id ; kg:location/rdfs:label ?label .
  OPTIONAL { ?incident kg:killed ?killed }
  OPTIONAL { ?incident kg:injured ?injured }
}"""


def _predicted(store) -> tuple[list[tuple[str, str, str]], dict[str, tuple]]:
    """(incident, article id, place label) per report, and each incident's figures."""
    from kg.vocab import PREFIXES

    rows, figures = [], {}
    for r in store.query(_PREDICTED, prefixes=PREFIXES, use_default_graph_as_union=True):
        incident = r["incident"].value
        rows.append((incident, r["id"].value, r["label"].value))
        figures[incident] = tuple(int(r[k].value) if r[k] is not None else None
                                  for k in ("killed", "injured"))
    return rows, figures


def score_fusion(gold: list[GoldIncident], rows: list[tuple[str, str, str]],
                 figures: dict[str, tuple], same) -> FusionReport:
    """Score predicted (incident, article, place label) rows against the gold incidents;
    ``same(a, b)`` decides whether two place names name one place."""
    report = FusionReport()
    items = [(g.id, r) for g in gold for r in g.reports]
    predicted: list[str] = []
    for n, (gid, item) in enumerate(items):
        found = next((inc for inc, art, label in rows
                      if art == item.article and same(label, item.place)), None)
        if found is None:
            report.errors.append(f"{gid}: no attack on {item.place} read in {item.article}")
            found = f"missing:{n}"
        else:
            report.matched += 1
        predicted.append(found)
    report.reports = len(items)
    if not items:
        return report
    precision = recall = 0.0
    for n, (gid, _) in enumerate(items):
        same_gold = {m for m, (g, _) in enumerate(items) if g == gid}
        same_pred = {m for m, p in enumerate(predicted) if p == predicted[n]}
        both = len(same_gold & same_pred)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    report.precision = precision / len(items)
    report.recall = recall / len(items)
    total = report.precision + report.recall
    report.f1 = 2 * report.precision * report.recall / total if total else 0.0
    for incident in gold:
        if len(incident.reports) < 2:
            continue
        report.multi += 1
        mine = [predicted[n] for n, (g, _) in enumerate(items) if g == incident.id]
        best = Counter(p for p in mine if not p.startswith("missing:")).most_common(1)
        got = figures.get(best[0][0]) if best else None
        if got == (incident.killed, incident.injured):
            report.figures_right += 1
        else:
            report.errors.append(f"{incident.id}: killed/injured {got or 'not found'}, "
                                 f"gold {(incident.killed, incident.injured)}")
    return report


def evaluate_fusion(folder: str | Path, *, model: str | None = None, names=None) -> FusionReport:
    """Ingest ``folder/reports.jsonl`` into a fresh in-memory store and score its incidents."""
    from kg.ingest import ingest
    from kg.store import GraphStore

    folder = Path(folder)
    gold = load_fusion_gold(folder)
    if names is None:
        from kg.evaluation.run import GazetteerNames

        names = GazetteerNames()
    store = GraphStore()
    ingest(store, [folder / REPORTS_FILE], model=model)
    rows, figures = _predicted(store.raw)
    return score_fusion(gold, rows, figures, names.same)


def format_fusion(report: FusionReport) -> str:
    lines = [
        f"reports: {report.reports} ({report.matched} read as attacks)",
        f"B-cubed            P {report.precision:.3f}  R {report.recall:.3f}  F1 {report.f1:.3f}",
        f"figures right      {report.figures_share:.3f} "
        f"({report.figures_right} of {report.multi} incidents with several reports)",
    ]
    if report.errors:
        lines += [""] + report.errors
    return "\n".join(lines)


def fusion_to_json(report: FusionReport) -> str:
    data = asdict(report)
    data["figures_share"] = report.figures_share
    return json.dumps(data, indent=2)
