"""A ``Report`` for people (a table, then what each article got wrong) and as JSON."""

from __future__ import annotations

import json
from typing import Any

from kg.evaluation.score import FIELDS, Report

_WIDTH = max(len(title) for title in FIELDS.values())


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_report(report: Report) -> str:
    """The scores per field, then the missing and spurious items of each article that has any."""
    lines = [f"{'field':<{_WIDTH}}  {'P':>5}  {'R':>5}  {'F1':>5}  {'TP':>4}  {'FP':>4}  {'FN':>4}"]
    for key, total in report.fields.items():
        lines.append(f"{FIELDS[key]:<{_WIDTH}}  {_number(total.precision):>5}  "
                     f"{_number(total.recall):>5}  {_number(total.f1):>5}  "
                     f"{total.tp:>4}  {total.fp:>4}  {total.fn:>4}")
    lines.append("")
    quiet = report.no_attack_articles
    alarms = report.false_alarms
    line = f"articles: {len(report.articles)}; without attacks in the gold: {len(quiet)}"
    line += f"; of these with predicted attacks: {len(alarms)}"
    lines.append(line + (f" ({', '.join(alarms)})" if alarms else ""))
    if report.unjudged_links:
        lines.append(f"linking: {report.unjudged_links} found names have no known Wikidata item "
                     "and were not judged")
    for article in report.articles:
        if not article.has_errors:
            continue
        lines.append("")
        lines.append(article.identifier + ("" if article.in_store else "  (not in the store)"))
        for key, result in article.fields.items():
            title = FIELDS[key]
            for label, items in (("missing", result.missing), ("spurious", result.spurious)):
                if items:
                    lines.append(f"  {title:<{_WIDTH}}  {label}: {'; '.join(items)}")
                    title = ""
    return "\n".join(lines) + "\n"


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data: totals per field, then every article with its errors."""
    return {
        "fields": {
            key: {"title": FIELDS[key], "precision": total.precision, "recall": total.recall,
                  "f1": total.f1, "tp": total.tp, "fp": total.fp, "fn": total.fn}
            for key, total in report.fields.items()
        },
        "no_attack_articles": report.no_attack_articles,
        "false_alarms": report.false_alarms,
        "unjudged_links": report.unjudged_links,
        "articles": [
            {
                "id": article.identifier,
                "in_store": article.in_store,
                "gold_attacks": article.gold_attacks,
                "predicted_attacks": article.predicted_attacks,
                "unjudged_links": article.unjudged_links,
                "fields": {key: {"tp": r.tp, "missing": r.missing, "spurious": r.spurious}
                           for key, r in article.fields.items()},
            }
            for article in report.articles
        ],
    }


def report_to_json(report: Report) -> str:
    """``report_to_dict`` as indented JSON text."""
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False) + "\n"
