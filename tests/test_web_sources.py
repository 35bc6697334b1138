"""Web pages and feeds in: the article's main text and metadata from a page (trafilatura), one
article per feed entry (feedparser), stable identifiers so a feed read again adds only new
entries, and one ``skipped PATH: reason`` line per bad input. The fixtures were written for
these tests."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.records import Article
from kg.sources import Rejected, read_sources
from kg.store import GraphStore
from kg.vocab import article_iri
from kg.web_sources import entry_identifier

WEB = Path(__file__).resolve().parent / "data" / "web"
PAGE = WEB / "drone-strike-page.html"
RSS = WEB / "overnight.rss"
ATOM = WEB / "updates.atom"
DNIPRO = "wire-2025-0402-dnipro-428c27bd40"
SUMY = "wire-example-net-ukraine-2025-04-03-sumy-drones-262f4707be"
ZAPORIZHZHIA = "tag-monitor-example-com-2025-entry-1017-68fc577596"


def read(*paths) -> list:
    return list(read_sources(paths))


def test_a_page_gives_its_main_text_and_metadata():
    [article] = read(PAGE)
    assert isinstance(article, Article)
    assert article.identifier == "drone-strike-page"
    assert article.title == "Drones hit Poltava overnight, two injured"
    assert article.url == "https://daily.example.org/world/2025/03/14/poltava-drone-strike"
    assert article.published == date(2025, 3, 14)
    assert article.site == "Example Daily"
    lines = article.text.splitlines()
    assert lines[1].startswith("Russian forces attacked the city of Poltava with Shahed drones")
    assert "injuring two people, the head of the regional military administration said" in lines[1]
    assert lines[-1].startswith("Residents of nearby houses were evacuated")
    for left_out in ("World", "Weather forecast", "Advertisement", "Firefighters at the damaged",
                     "Related stories", "Markets steady", "Copyright", "Cookie", "staff writer",
                     "analytics", "border: 1px"):
        assert left_out not in article.text, left_out


def test_a_page_with_htm_suffix_too(tmp_path):
    copy = tmp_path / "strike.HTM"
    shutil.copy(PAGE, copy)
    [article] = read(copy)
    assert article.identifier == "strike" and article.published == date(2025, 3, 14)


def test_an_rss_feed_gives_one_article_per_item():
    dnipro, sumy = read(RSS)
    assert (dnipro.identifier, sumy.identifier) == (DNIPRO, SUMY)
    assert dnipro.title == "Missile strike on Dnipro injures five"
    assert dnipro.url == "https://wire.example.net/ukraine/2025/04/02/dnipro-missile"
    assert dnipro.published == date(2025, 4, 2)
    assert dnipro.site == "Example Wire: Ukraine"
    # the full content, not the summary; a line break inside a paragraph is a space
    assert dnipro.text == ("A Russian ballistic missile struck an industrial area of Dnipro on "
                           "Wednesday evening, injuring five people, the regional governor "
                           "said.\nEmergency services said a warehouse was destroyed and nearby "
                           "buildings were damaged.")
    # no content: the summary; the date in the entry's own time zone (UTC is the day before)
    assert sumy.text.startswith("Russian drones attacked the town of Shostka in Sumy Oblast")
    assert sumy.published == date(2025, 4, 3)


def test_an_atom_feed_entry_is_identified_by_its_id():
    [entry] = read(ATOM)
    assert entry.identifier == ZAPORIZHZHIA
    assert entry.identifier == entry_identifier("tag:monitor.example.com,2025:entry-1017")
    assert entry.url == "https://monitor.example.com/entries/1017"
    assert entry.published == date(2025, 5, 5)
    assert entry.text.startswith("Russian aircraft dropped glide bombs on Zaporizhzhia")


def test_identifiers_are_stable_and_distinct():
    assert entry_identifier("https://a.example/x?id=1") != entry_identifier("https://a.example/x/id/1")
    assert entry_identifier("https://a.example/x") == entry_identifier("https://a.example/x")
    long = entry_identifier("https://a.example/" + "word/" * 40)
    assert len(long) <= 71 and not long.startswith("-")
    assert article_iri(DNIPRO).value.endswith("/article/" + DNIPRO)


@pytest.mark.parametrize("name, content, reason", [
    ("note.xml", "<?xml version='1.0'?><note><to>x</to></note>", "not an RSS or Atom feed"),
    ("broken.rss", "this is not XML at all {", "not an RSS or Atom feed"),
    ("empty.atom", "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                   "<title>t</title></feed>", "no entries in the feed"),
    ("blank.html", "<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>",
     "no article text found in the web page"),
    ("image.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "binary data, not a web page"),
])
def test_bad_pages_and_feeds_are_rejected_with_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    [item] = read(path)
    assert isinstance(item, Rejected)
    assert str(item).startswith(f"{path}: {reason}")


def test_a_feed_entry_without_guid_or_link_or_text_is_skipped_alone(tmp_path):
    feed = tmp_path / "partial.rss"
    feed.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
                    "<item><title>no id</title><description>Drones hit Kyiv.</description></item>"
                    "<item><guid>g-2</guid><description>  </description></item>"
                    "<item><guid>g-3</guid><description>Drones hit Lviv.</description></item>"
                    "</channel></rss>")
    items = read(feed)
    assert [str(i) for i in items[:2]] == [f"{feed}: entry 1: no guid or link to identify it",
                                          f"{feed}: entry 2: empty text"]
    assert items[2].text == "Drones hit Lviv." and items[2].identifier == entry_identifier("g-3")


def test_a_txt_holding_html_is_still_reduced_to_its_text(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text("<html><body><p>Drones struck\nOdesa overnight.</p><p>Two were hurt.</p>"
                    "<script>x()</script></body></html>")
    [article] = read(path)
    assert article.text == "Drones struck Odesa overnight.\nTwo were hurt."


def ingest(store: Path, *paths) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--store", str(store), "ingest", "--silent",
                                      *map(str, paths)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


ARTICLES = """PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?id ?title ?url ?issued ?site WHERE {
  ?a dcterms:identifier ?id . OPTIONAL { ?a dcterms:title ?title }
  OPTIONAL { ?a dcterms:source ?url } OPTIONAL { ?a dcterms:issued ?issued }
  OPTIONAL { ?a dcterms:publisher ?site } } ORDER BY ?id"""


def stored(store: Path) -> list[tuple]:
    with GraphStore(store) as graph_store:
        return [tuple(row[n].value if row[n] is not None else None
                      for n in ("id", "title", "url", "issued", "site"))
                for row in graph_store.query(ARTICLES)]


def test_ingest_a_page_and_feeds_with_their_dates_and_urls(tmp_path):
    store = tmp_path / "store"
    code, err = ingest(store, PAGE, RSS, ATOM)
    assert code == 0, err
    assert err.splitlines()[-1].startswith("4 articles read: 4 added")
    assert stored(store) == [
        ("drone-strike-page", "Drones hit Poltava overnight, two injured",
         "https://daily.example.org/world/2025/03/14/poltava-drone-strike", "2025-03-14",
         "Example Daily"),
        (ZAPORIZHZHIA, "Glide bombs hit Zaporizhzhia", "https://monitor.example.com/entries/1017",
         "2025-05-05", "Example Monitor"),
        (DNIPRO, "Missile strike on Dnipro injures five",
         "https://wire.example.net/ukraine/2025/04/02/dnipro-missile", "2025-04-02",
         "Example Wire: Ukraine"),
        (SUMY, "Drones attack Sumy region",
         "https://wire.example.net/ukraine/2025/04/03/sumy-drones", "2025-04-03",
         "Example Wire: Ukraine"),
    ]
    with GraphStore(store) as graph_store:
        places = {row["l"].value for row in graph_store.query(
            "SELECT ?l { ?a <https://w3id.org/strikegraph/ontology#location>/"
            "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")}
    assert {"Poltava", "Dnipro", "Zaporizhzhia"} <= places


def test_reading_a_newer_copy_of_a_feed_adds_only_its_new_entries(tmp_path):
    store = tmp_path / "store"
    assert ingest(store, RSS)[0] == 0
    code, err = ingest(store, RSS)
    assert err.splitlines()[-1].startswith("2 articles read: 0 added, 0 replaced, 2 unchanged")
    newer = tmp_path / "overnight.rss"
    newer.write_text(RSS.read_text("utf-8").replace(
        "  <item>", "  <item>\n      <title>Drones hit Kharkiv</title>\n"
        "      <link>https://wire.example.net/ukraine/2025/04/04/kharkiv</link>\n"
        "      <description>Russian drones struck Kharkiv overnight, injuring two people."
        "</description>\n    </item>\n    <item>", 1), "utf-8")
    code, err = ingest(store, newer)
    assert code == 0
    assert err.splitlines()[-1].startswith("3 articles read: 1 added, 0 replaced, 2 unchanged")
    assert len(stored(store)) == 3


def test_a_bad_feed_loses_nothing_already_stored(tmp_path):
    store = tmp_path / "store"
    assert ingest(store, ATOM)[0] == 0
    bad = tmp_path / "bad.rss"
    bad.write_text("not a feed {")
    code, err = ingest(store, bad)
    assert code == 1
    assert err.splitlines()[0].startswith(f"skipped {bad}: not an RSS or Atom feed")
    assert [row[0] for row in stored(store)] == [ZAPORIZHZHIA]
