"""The report's pictures as inline SVG: the map (outlines, oblast names, attack points) and the
timeline (attacks per day). Plain SVG needs no script, no tile server and no vendored library."""

from __future__ import annotations

import csv
import gzip
import io
import math
from datetime import date, timedelta
from html import escape

from kg.report.data import Attack, Incident
from kg.report.outlines import bundled
from kg.resources import data_dir

MAP_WIDTH = 960
MARKER = "#c62828"  # attack points; the screenshot test looks for this colour
UKRAINE = "Q212"


class Projection:
    """Equirectangular, shrunk in longitude by the cosine of the frame's middle latitude."""

    def __init__(self, frame: list[float], width: int = MAP_WIDTH):
        self.west, self.south, self.east, self.north = frame
        self.kx = math.cos(math.radians((self.south + self.north) / 2))
        self.scale = width / ((self.east - self.west) * self.kx)
        self.width = width
        self.height = round((self.north - self.south) * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (round((lon - self.west) * self.kx * self.scale, 1),
                round((self.north - lat) * self.scale, 1))

    def inside(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


def ukrainian_regions() -> list[tuple[str, float, float]]:
    """(name, lon, lat) of Ukraine's oblasts (and Crimea) from the bundled gazetteer."""
    out = []
    with gzip.open(data_dir() / "places.tsv.gz", "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["kind"] == "region" and row["parent"] == UKRAINE and row["lat"]:
                name = row["label"].replace(" Oblast", "")
                if name.startswith("Autonomous Republic of "):
                    continue  # the same peninsula as "Crimea"
                out.append((name, float(row["lon"]), float(row["lat"])))
    return sorted(out)


def _path(rings: list[list[list[float]]], project: Projection) -> str:
    parts = []
    for ring in rings:
        points = [project(lon, lat) for lon, lat in ring]
        parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
    return "".join(parts)


def _radius(killed: int | None, injured: int | None) -> float:
    victims = (killed or 0) + (injured or 0)
    return round(5 + min(12.0, 2 * math.sqrt(victims)), 1)


def map_svg(items: list[Attack] | list[Incident], anchor: str) -> tuple[str, list]:
    """The map and the items it could not place (no coordinates, or outside the frame).

    ``items`` are attacks or incidents; each point links to ``#{anchor}-{index}``."""
    outlines = bundled()
    project = Projection(outlines["frame"])
    out = [f'<svg class="map" viewBox="0 0 {project.width} {project.height}" '
           f'xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Map of the attacks">',
           f'<rect width="{project.width}" height="{project.height}" fill="#dfeaf2"/>']
    for country in outlines["countries"]:
        home = country["name"] == "Ukraine"
        out.append(f'<path class="country{" home" if home else ""}" '
                   f'd="{_path(country["rings"], project)}" fill="{"#fbfaf3" if home else "#ececec"}"'
                   f' stroke="#7a7a7a" stroke-width="{1.4 if home else 0.7}" '
                   f'stroke-linejoin="round"><title>{escape(country["name"])}</title></path>')
    for name, lon, lat in ukrainian_regions():
        if project.inside(lon, lat):
            x, y = project(lon, lat)
            out.append(f'<text class="oblast" x="{x}" y="{y}" text-anchor="middle">'
                       f'{escape(name)}</text>')
    missing = []
    at: dict[tuple[float, float], list] = {}  # items drawn at each point, for one label each
    drawn = sorted(enumerate(items), key=lambda p: -_radius(p[1].killed, p[1].injured))
    for index, item in drawn:
        point = item.point
        if point is None or not project.inside(*point):
            missing.append((index, item))
            continue
        x, y = project(*point)
        r = _radius(item.killed, item.injured)
        at.setdefault((x, y), []).append((r, item))
        tip = f"{item.place}, {item.date or 'date unknown'}"
        if item.killed is not None or item.injured is not None:
            tip += f": {item.killed or 0} killed, {item.injured or 0} injured"
        out.append(f'<a href="#{anchor}-{index}"><circle class="point" cx="{x}" cy="{y}" '
                   f'r="{r}" fill="{MARKER}" fill-opacity="0.85" stroke="#ffffff" '
                   f'stroke-width="1.5"><title>{escape(tip)}</title></circle></a>')
    for (x, y), drawn_here in at.items():
        r = max(radius for radius, _ in drawn_here)
        names = sorted({item.place for _, item in drawn_here})
        label = ", ".join(names) + (f" ({len(drawn_here)})" if len(drawn_here) > 1 else "")
        out.append(f'<text class="place" x="{x + r + 3}" y="{y + 4}">{escape(label)}</text>')
    out.append("</svg>")
    return "\n".join(out), [item for _, item in sorted(missing, key=lambda p: p[0])]


def timeline_svg(per_day: dict[str, int], what: str = "attacks") -> str:
    """Bars of ``what`` per day from the first to the last dated day (empty days included)."""
    if not per_day:
        return f'<p class="empty">No {what} with a known date.</p>'
    first, last = date.fromisoformat(min(per_day)), date.fromisoformat(max(per_day))
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    width, height, left, bottom, top = MAP_WIDTH, 180, 40, 36, 12
    step = (width - left - 10) / len(days)
    peak = max(per_day.values())
    out = [f'<svg class="timeline" viewBox="0 0 {width} {height}" '
           f'xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{what} per day">',
           f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" '
           f'stroke="#555"/>',
           f'<text class="axis" x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>',
           f'<text class="axis" x="{left - 6}" y="{height - bottom}" text-anchor="end">0</text>']
    for n, day in enumerate(days):
        count = per_day.get(day.isoformat(), 0)
        x = left + n * step
        if count:
            bar = (height - bottom - top) * count / peak
            out.append(f'<rect class="bar" x="{x + step * 0.1:.1f}" y="{height - bottom - bar:.1f}"'
                       f' width="{max(step * 0.8, 1):.1f}" height="{bar:.1f}" fill="#1f5f99">'
                       f'<title>{day.isoformat()}: {count} {what}</title></rect>')
        if n == 0 or n == len(days) - 1 or (len(days) <= 14 and count):
            out.append(f'<text class="axis" x="{x + step / 2:.1f}" y="{height - bottom + 16}" '
                       f'text-anchor="middle">{day.isoformat()}</text>')
    out.append("</svg>")
    return "\n".join(out)


__all__ = ["map_svg", "timeline_svg", "Projection", "ukrainian_regions", "MARKER"]
