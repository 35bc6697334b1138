"""Country outlines for the report's map, and the maintainers' tool that makes them.

The bundled ``assets/countries.json`` is cut from ``countries-50m.json`` of the npm package
``world-atlas`` 2.0.2 (ISC licence, © Michael Bostock), itself Natural Earth's 1:50m admin-0
countries (public domain). Only the countries near Ukraine are kept, clamped to the map's frame
and rounded to 0.02° (about 2 km), so the file stays small. To rebuild it::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m kg.report.outlines package/countries-50m.json > kg/report/assets/countries.json

A TopoJSON arc is a list of delta-encoded quantized positions; a ring lists arc indexes, a
negative index ``~i`` meaning arc ``i`` reversed; consecutive arcs share their end point.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from importlib import resources

# the map's frame (longitude, latitude): Ukraine with its neighbours' borders
FRAME = (21.0, 43.6, 41.5, 53.2)
STEP = 0.02
SOURCE = ("Natural Earth 1:50m admin-0 countries (public domain), via the npm package "
          "world-atlas 2.0.2 (ISC licence, (c) Michael Bostock); Crimea drawn within Ukraine's "
          "internationally recognised border")
# Natural Earth's 1:50m file gives the Crimean peninsula to Russia: its ring goes to Ukraine.
CRIMEA = (32.4, 44.3, 36.7, 46.3)


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points[1:] if ring else points)
    return ring


def _clamp(ring: list[tuple[float, float]]) -> list[list[float]]:
    """The ring clamped to the frame (what lies outside is drawn along its edge) and rounded;
    repeated points dropped."""
    west, south, east, north = FRAME
    out: list[list[float]] = []
    for lon, lat in ring:
        point = [round(round(min(max(lon, west), east) / STEP) * STEP, 2),
                 round(round(min(max(lat, south), north) / STEP) * STEP, 2)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def _inside(ring: list[tuple[float, float]]) -> bool:
    west, south, east, north = FRAME
    return any(west < lon < east and south < lat < north for lon, lat in ring)


def _in_crimea(ring: list[list[float]]) -> bool:
    west, south, east, north = CRIMEA
    return all(west <= lon <= east and south <= lat <= north for lon, lat in ring)


def cut(topology: dict) -> dict:
    """``{"source": …, "frame": …, "countries": [{"name", "rings"}]}`` for the countries with
    land inside the frame."""
    arcs = _arcs(topology)
    countries: dict[str, list] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])],
                    "MultiPolygon": geometry.get("arcs", [])}.get(geometry["type"], [])
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                ring = _ring(indexes, arcs)
                if _inside(ring):
                    clamped = _clamp(ring)
                    if len(clamped) >= 4:
                        rings.append(clamped)
        name = geometry["properties"]["name"]
        for ring in rings:
            owner = "Ukraine" if _in_crimea(ring) else name
            countries.setdefault(owner, []).append(ring)
    return {"source": SOURCE, "frame": list(FRAME),
            "countries": [{"name": name, "rings": rings}
                          for name, rings in sorted(countries.items())]}


@lru_cache(maxsize=1)
def bundled() -> dict:
    """The bundled outlines (see the module's description)."""
    text = resources.files("kg.report").joinpath("assets/countries.json").read_text("utf-8")
    return json.loads(text)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m kg.report.outlines countries-50m.json > countries.json",
              file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as handle:
        topology = json.load(handle)
    json.dump(cut(topology), sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
