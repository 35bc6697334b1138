"""``kg report``: the page's content, and the page as a real headless Chromium renders it —
every attack place and article shown, nothing loaded from the network, a map that is drawn."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat

from kg.cli import cli
from kg.report import write_report
from kg.report.page import CSP
from kg.report.svg import MARKER
from kg.store import GraphStore

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "data" / "sample.trig"
KG = "https://w3id.org/strikegraph/ontology#"
ID = "https://w3id.org/strikegraph/id/"
INCIDENTS = NamedNode("https://w3id.org/strikegraph/incidents")
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PLACES = ["Kyiv", "Kharkiv", "Aksyutivka", "Belgorod", "Odesa"]
ARTICLES = ["a1-kyiv", "a2-kharkiv", "a3-odesa"]


@pytest.fixture()
def sample(store):
    store.raw.load(path=str(SAMPLE), format=RdfFormat.TRIG)
    return store


def attack_places(store) -> set[str]:
    rows = store.query(f"SELECT DISTINCT ?l {{ ?a a <{KG}Attack> ; <{KG}location> ?p . "
                       "?p <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    return {row["l"].value for row in rows}


class _Resources(HTMLParser):
    """Every URL the page would load by itself (not the links a reader may follow)."""

    LOADING = {"script": "src", "img": "src", "iframe": "src", "link": "href", "source": "src",
               "video": "src", "audio": "src", "embed": "src", "object": "data", "image": "href",
               "use": "href", "track": "src", "input": "src"}

    def __init__(self):
        super().__init__()
        self.urls, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        for name in (self.LOADING.get(tag), "srcset", "poster", "xlink:href", "background"):
            if name and attrs.get(name):
                self.urls.append(attrs[name])
        if "style" in attrs and "url(" in attrs["style"]:
            self.urls.append(attrs["style"])


def test_the_page_shows_every_attack_place_and_article(sample, tmp_path):
    summary = write_report(sample, tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert set(PLACES) == attack_places(sample)
    for text in PLACES + ARTICLES:
        assert text in html
    assert "Russian missile attack on Kyiv kills four" in html
    assert '<a href="https://news.example.org/2024/07/08/kyiv-missile-attack"' in html
    assert str(summary) == f"wrote {tmp_path / 'out' / 'index.html'}: 6 attacks (4 on the map), 3 articles"
    assert html.count('<circle class="point"') == 4  # Belgorod and Odesa have no coordinates
    assert "Not on the map (no coordinates, or outside it): Belgorod (2024-07-09), Odesa (no date)." in html
    assert "2024-07-08: 2 attacks" in html and "2024-07-09: 3 attacks" in html  # the timeline


def test_the_page_loads_nothing_from_elsewhere(sample, tmp_path):
    write_report(sample, tmp_path)
    html = (tmp_path / "index.html").read_text("utf-8")
    parser = _Resources()
    parser.feed(html)
    assert parser.urls == []
    assert "script" not in parser.tags and "link" not in parser.tags
    assert "url(" not in html and "@import" not in html
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html
    assert "default-src 'none'" in CSP


def test_evidence_sentences_with_their_source(sample, tmp_path):
    write_report(sample, tmp_path)
    html = (tmp_path / "index.html").read_text("utf-8")
    sentences = [row["t"].value for row in sample.query(
        f"SELECT ?t {{ ?a a <{KG}Attack> ; <{KG}evidence>/<{KG}text> ?t }}")]
    assert sentences
    from html import escape
    for sentence in sentences:
        assert f"<blockquote>{escape(sentence)}</blockquote>" in html
    assert '<div class="source">from <a href="https://news.example.org/2024/07/10/kharkiv-drones"' in html
    assert '<div class="source">from a3-odesa</div>' in html  # no URL known


def test_a_stored_script_url_is_not_made_a_link(sample, tmp_path):
    article = NamedNode(ID + "article/a3-odesa")
    sample.raw.add(Quad(article, NamedNode("http://purl.org/dc/terms/source"),
                        Literal("javascript:alert(1)"), article))
    write_report(sample, tmp_path)
    html = (tmp_path / "index.html").read_text("utf-8")
    assert 'href="javascript:' not in html
    assert "javascript:alert(1)" in html  # shown as text


def add_incident(store, name: str, place: str, day: str, reports: list[str]) -> None:
    incident = NamedNode(ID + "incident/" + name)
    quads = [Quad(incident, RDF_TYPE, NamedNode(KG + "Incident"), INCIDENTS),
             Quad(incident, NamedNode(KG + "location"), NamedNode(ID + "place/" + place),
                  INCIDENTS),
             Quad(incident, NamedNode(KG + "date"),
                  Literal(day, datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date")),
                  INCIDENTS)]
    quads += [Quad(incident, NamedNode(KG + "report"), NamedNode(ID + "attack/" + r), INCIDENTS)
              for r in reports]
    store.raw.extend(quads)


def test_incidents_show_their_reports_side_by_side(sample, tmp_path):
    add_incident(sample, "kyiv-2024-07-08", "Q1899", "2024-07-08",
                 ["a1-kyiv/Q1899", "a3-odesa/Q1899"])
    add_incident(sample, "odesa-2024-07-15", "Q1874", "2024-07-15", ["a3-odesa/Q1874"])
    summary = write_report(sample, tmp_path)
    html = (tmp_path / "index.html").read_text("utf-8")
    assert "Map of the incidents" in html and "gathered into 2 incidents" in html
    assert html.count('<circle class="point"') == 1  # Odesa has no coordinates
    assert "Not on the map (no coordinates, or outside it): Odesa (2024-07-15)." in html
    section = re.search(r'<section class="incident" id="incident-0">(.*?)</section>', html).group(1)
    assert "Kyiv, 2024-07-08" in section and "(2 reports)" in section
    reports = re.findall(r'<div class="report">', section)
    assert len(reports) == 2
    assert section.index("a1-kyiv") < section.index("a3-odesa")  # by publication date
    assert summary.incidents == 2
    # every attack is still in the table
    for place in PLACES:
        assert f'<td class="place">{place}' in html


def test_kg_report_command(tmp_path):
    location = tmp_path / "store"
    with GraphStore(location) as store:
        store.raw.load(path=str(SAMPLE), format=RdfFormat.TRIG)
    result = CliRunner().invoke(cli, ["--store", str(location), "report", "-o",
                                      str(tmp_path / "r")], prog_name="kg")
    assert result.exit_code == 0, result.output
    assert result.output == (f"wrote {tmp_path / 'r' / 'index.html'}: 6 attacks (4 on the map), "
                             "3 articles\n")
    blocked = tmp_path / "file"
    blocked.write_text("")
    result = CliRunner().invoke(cli, ["--store", str(location), "report", "-o", str(blocked)],
                                prog_name="kg")
    assert result.exit_code == 2
    assert "is a file" in result.output


# -- in a real browser ------------------------------------------------------------------------

def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("Chromium is not installed (.ci/run installs it)")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


def run_chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               # anything the page asked of the network would reach this dead proxy and fail
               "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
               *args, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_chromium_renders_every_attack_place_and_article(sample, tmp_path):
    write_report(sample, tmp_path / "report")
    result = run_chromium(tmp_path, tmp_path / "report" / "index.html", "--dump-dom")
    dom = result.stdout
    assert result.returncode == 0, result.stderr[-2000:]
    assert "<title>strikegraph report</title>" in dom
    for text in PLACES + ARTICLES:
        assert text in dom, text
    assert dom.count('class="point"') == 4
    assert "Refused to" not in result.stderr  # no CSP violation: nothing was blocked


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) bytes of an 8-bit PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0
    size = 4 if colour == 6 else 3
    raw = zlib.decompress(b"".join(chunks))
    stride = width * size
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up = previous[i]
            corner = previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc
                                      else corner)) & 255
        rows.append(bytes(line) if size == 3 else bytes(
            b for i in range(0, stride, 4) for b in line[i:i + 3]))
        previous = line
    return width, height, rows


def count_pixels(rows: list[bytes]) -> tuple[int, int]:
    """(pixels of the attack points' red, pixels that are not the page's white)."""
    red = tuple(int(MARKER[i:i + 2], 16) for i in (1, 3, 5))
    marked = inked = 0
    for row in rows:
        for i in range(0, len(row), 3):
            r, g, b = row[i], row[i + 1], row[i + 2]
            if (r, g, b) != (255, 255, 255):
                inked += 1
            if abs(r - red[0]) < 40 and abs(g - red[1]) < 40 and abs(b - red[2]) < 40:
                marked += 1
    return marked, inked


def screenshot(tmp_path: Path, store, name: str) -> Path:
    write_report(store, tmp_path / name)
    shot = tmp_path / f"{name}.png"
    result = run_chromium(tmp_path, tmp_path / name / "index.html", "--window-size=1280,900",
                          "--hide-scrollbars", f"--screenshot={shot}")
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    print(f"screenshot: {shot}")
    return shot


def test_chromium_screenshot_shows_the_map_with_its_attacks(sample, store, tmp_path):
    shot = screenshot(tmp_path, sample, "report")
    width, height, rows = png_pixels(shot)
    assert (width, height) == (1280, 900)
    marked, inked = count_pixels(rows)
    assert inked > width * height // 3  # the map's land and sea fill most of the view
    assert marked > 4 * 60  # four red points of radius 5 or more


def test_the_screenshot_test_fails_on_a_page_without_attacks(tmp_path):
    with GraphStore() as empty:
        shot = screenshot(tmp_path, empty, "empty")
    marked, inked = count_pixels(png_pixels(shot)[2])
    assert marked == 0  # no point drawn, and the check above would fail
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title>")
    result = run_chromium(tmp_path, blank, "--window-size=1280,900",
                          f"--screenshot={tmp_path / 'blank.png'}")
    assert result.returncode == 0
    assert count_pixels(png_pixels(tmp_path / "blank.png")[2]) == (0, 0)


def test_the_seeds_report_in_chromium(tmp_path):
    """The issue's check: after ingesting the seeds, the report shows their attacks on a map."""
    seeds = HERE.parent / "seeds"
    location = tmp_path / "store"
    result = CliRunner().invoke(cli, ["--store", str(location), "ingest", "--silent",
                                      str(seeds)], prog_name="kg")
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["--store", str(location), "report", "-o",
                                      str(tmp_path / "report")], prog_name="kg")
    assert result.exit_code == 0, result.output
    with GraphStore(location, create=False) as store:
        places = attack_places(store)
        articles = store.identifiers()
        attacks = sum(1 for _ in store.query(f"SELECT ?a {{ ?a a <{KG}Attack> }}"))
        incidents = sum(1 for _ in store.query(f"SELECT ?i {{ ?i a <{KG}Incident> }}"))
    assert attacks >= 10 and len(articles) == 5
    assert incidents == attacks  # kg ingest makes incidents; the undated seeds', one attack each
    assert result.output.startswith(f"wrote {tmp_path / 'report' / 'index.html'}: {incidents} "
                                    f"incidents ({incidents} on the map), 5 articles")
    page = run_chromium(tmp_path, tmp_path / "report" / "index.html", "--dump-dom")
    assert page.returncode == 0, page.stderr[-2000:]
    for text in sorted(places) + articles:
        assert text in page.stdout, text
    assert page.stdout.count('class="point"') == attacks


def test_an_incident_shows_the_latest_report_s_toll_not_the_highest():
    """kg:killed on the incident (kg.incidents: the most recently published report's figure)
    wins over the highest any report gives: a correction lowers the toll."""
    from kg.report.data import Article, Attack, Incident

    def told(identifier, killed):
        return Attack(f"a/{identifier}", "Sumy", "2025-06-12", "Russia", "missile", killed, 11,
                      Article(f"article/{identifier}", identifier))

    reports = [told("first", 5), told("correction", 3)]
    assert Incident("i", "Sumy", "2025-06-12", reports, (3, 11)).killed == 3
    assert Incident("i", "Sumy", "2025-06-12", reports).killed == 5  # no figure of its own
