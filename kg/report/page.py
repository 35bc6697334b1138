"""The report's HTML page: one file, inline styles and SVG, no script, nothing fetched."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from kg.report.data import Article, Attack, Incident, ReportData
from kg.report.outlines import bundled
from kg.report.svg import map_svg, timeline_svg

# Nothing may load from elsewhere: images only inline (data:), styles inline, no scripts at all.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 16px;
       color: #1d1d1d; background: #ffffff; }
h1 { font-size: 1.6em; margin: 18px 0 4px; } h2 { margin-top: 28px; border-bottom: 1px solid #ccc; }
svg { width: 100%; height: auto; display: block; }
svg text { font: 11px system-ui, sans-serif; }
svg .oblast { fill: #8c8c8c; font-size: 10px; } svg .place { fill: #111; font-weight: 600; }
svg .axis { fill: #444; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { border-bottom: 1px solid #ddd; padding: 5px 6px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; position: sticky; top: 0; }
td.n { text-align: right; white-space: nowrap; }
tr:target, .report:target { background: #fff4d6; }
blockquote { margin: 0 0 6px; padding-left: 8px; border-left: 3px solid #c62828; color: #333; }
.source { font-size: 0.85em; color: #555; }
.reports { display: flex; gap: 10px; overflow-x: auto; }
.report { flex: 1 1 0; min-width: 240px; border: 1px solid #ddd; border-radius: 4px; padding: 8px; }
.incident h3 { margin-bottom: 6px; } .muted, .empty { color: #666; }
footer { margin: 30px 0 20px; font-size: 0.85em; color: #555; }
"""


def _web_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None (a stored ``javascript:`` URL is not made a link)."""
    if not url:
        return None
    try:
        return url if urlsplit(url).scheme.lower() in ("http", "https") else None
    except ValueError:
        return None


def _article(article: Article) -> str:
    name = escape(article.title or article.identifier)
    url = _web_url(article.url)
    link = f'<a href="{escape(url)}" rel="noreferrer">{name}</a>' if url else name
    if not article.title:
        return f'<code class="article">{link}</code>'
    return f'{link} <code class="article">{escape(article.identifier)}</code>'


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _evidence(attack: Attack) -> str:
    if not attack.evidence:
        return '<span class="muted">no sentence stored</span>'
    url = _web_url(attack.article.url)
    where = (f'<div class="source">from <a href="{escape(url)}" rel="noreferrer">'
             f'{escape(url)}</a></div>' if url else
             f'<div class="source">from {escape(attack.article.identifier)}</div>')
    return "".join(f"<blockquote>{escape(text)}</blockquote>" for text in attack.evidence) + where


def _attacks_table(attacks: list[Attack]) -> str:
    head = ("<tr><th>Place</th><th>Date</th><th>Attacker</th><th>Weapons</th><th>Killed</th>"
            "<th>Injured</th><th>Article</th><th>Evidence</th></tr>")
    rows = []
    for index, attack in enumerate(attacks):
        place = escape(attack.place) + (' <span class="muted" title="shown at a larger place">'
                                        '(approx.)</span>' if attack.approximate else "")
        rows.append(
            f'<tr id="attack-{index}"><td class="place">{place}</td>'
            f'<td>{escape(attack.date or "")}</td><td>{escape(attack.attackers)}</td>'
            f'<td>{escape(attack.weapons)}</td><td class="n">{_number(attack.killed)}</td>'
            f'<td class="n">{_number(attack.injured)}</td><td>{_article(attack.article)}</td>'
            f'<td>{_evidence(attack)}</td></tr>')
    if not rows:
        return '<p class="empty">The store holds no attacks.</p>'
    return f'<table class="attacks"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _incidents(incidents: list[Incident]) -> str:
    parts = []
    for index, incident in enumerate(incidents):
        cards = []
        for report in incident.reports:
            figures = []
            if report.killed is not None:
                figures.append(f"{report.killed} killed")
            if report.injured is not None:
                figures.append(f"{report.injured} injured")
            cards.append(
                f'<div class="report"><div>{_article(report.article)}</div>'
                f'<div class="muted">{escape(report.article.issued or "publication date unknown")}'
                f'</div><div>{escape(", ".join(figures) or "no casualty figure")}</div>'
                f'<div>{escape(report.weapons)}</div>{_evidence(report)}</div>')
        parts.append(
            f'<section class="incident" id="incident-{index}"><h3>{escape(incident.place)}, '
            f'{escape(incident.date or "date unknown")} '
            f'<span class="muted">({len(incident.reports)} report'
            f'{"" if len(incident.reports) == 1 else "s"})</span></h3>'
            f'<div class="reports">{"".join(cards)}</div></section>')
    return "".join(parts)


def _articles(articles: list[Article]) -> str:
    if not articles:
        return '<p class="empty">The store holds no articles.</p>'
    rows = []
    for article in articles:
        url = _web_url(article.url)
        source = (f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>' if url
                  else escape(article.url or ""))
        rows.append(f'<tr><td><code class="article">{escape(article.identifier)}</code></td>'
                    f'<td>{escape(article.title or "")}</td><td>{escape(article.issued or "")}</td>'
                    f'<td>{source}</td></tr>')
    return ('<table class="articles"><thead><tr><th>Identifier</th><th>Title</th>'
            '<th>Published</th><th>Source</th></tr></thead><tbody>' + "".join(rows)
            + "</tbody></table>")


def _not_mapped(items: list) -> str:
    if not items:
        return ""
    names = ", ".join(escape(f"{item.place} ({item.date or 'no date'})") for item in items)
    return f'<p class="muted">Not on the map (no coordinates, or outside it): {names}.</p>'


def render_page(data: ReportData) -> tuple[str, int]:
    """The page's HTML and how many points the map shows."""
    incidents = bool(data.incidents)
    items = data.incidents if incidents else data.attacks
    anchor = "incident" if incidents else "attack"
    what = "incidents" if incidents else "attacks"
    picture, missing = map_svg(items, anchor)
    mapped = len(items) - len(missing)
    undated = sum(1 for item in items if not item.date)
    body = [
        f"<header><h1>Aerial attacks: the report of this store</h1><p>{len(data.attacks)} "
        f"attacks reported in {len(data.articles)} articles"
        + (f", gathered into {len(data.incidents)} incidents" if incidents else "")
        + f"; {mapped} {what} on the map.</p></header>",
        f'<section id="map"><h2>Map of the {what}</h2>{picture}{_not_mapped(missing)}'
        f'<p class="muted">A point\'s size grows with the people killed and injured; '
        f'grey names are oblasts, at their centres.</p></section>',
        f'<section id="timeline"><h2>{what.capitalize()} per day</h2>'
        f'{timeline_svg(data.per_day(), what)}'
        + (f'<p class="muted">{undated} {what} without a known date.</p>' if undated else "")
        + "</section>",
    ]
    if incidents:
        body.append(f'<section id="incidents"><h2>Incidents and their reports</h2>'
                    f'{_incidents(data.incidents)}</section>')
    body += [
        f'<section id="attacks"><h2>Attacks as each article reports them</h2>'
        f'{_attacks_table(data.attacks)}</section>',
        f'<section id="articles"><h2>Articles</h2>{_articles(data.articles)}</section>',
        f'<footer>Made by <code>kg report</code> (strikegraph). Country outlines: '
        f'{escape(bundled()["source"])}. Oblast names and place coordinates: the bundled '
        f'gazetteer. Oblast boundaries are not drawn.</footer>',
    ]
    page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>strikegraph report</title>"
            f"<style>{STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
    return page, mapped


__all__ = ["render_page", "CSP"]
