"""Feeds: a real Reuters RSS file, feeds fetched from a local server, and no network."""

from __future__ import annotations

import functools
import http.server
import threading
import xml.etree.ElementTree as ET

import pytest

from loaders.__main__ import main
from loaders.ingest import ingest_feeds, ingest_paths
from loaders.read.feeds import FeedSource, feed_pages, html_text, parse_feed
from loaders.read.pages import ReadError, read_pages
from loaders.store import Store
from tests.conftest import RESOURCES

REUTERS = RESOURCES / "reuters_world_news_feed_2018.rss"
FEEDBURNER = "{http://rssnamespace.org/feedburner/ext/1.0}"


def reuters_items() -> list[dict]:
    """The feed's items read with the standard library: what the reader must reproduce."""
    channel = ET.parse(REUTERS).getroot().find("channel")
    return [
        {
            "title": item.findtext("title"),
            "link": item.findtext(f"{FEEDBURNER}origLink"),
            "description": item.findtext("description"),
        }
        for item in channel.findall("item")
    ]


def test_reuters_feed_items_become_pages():
    pages = read_pages(REUTERS)
    items = reuters_items()
    assert len(pages) == len(items) == 10
    for page, item in zip(pages, items, strict=True):
        assert page.title == item["title"]
        assert page.source == item["link"]  # the article's own address, not FeedBurner's redirect
        assert page.text == item["description"].strip()
        assert page.published == "2018-01-30"  # pubDate in the feed's own zone (-0500)
        assert page.outlet == "Reuters: World News"
        assert page.kind == "feed summary"


def test_feed_ingest_then_again_adds_nothing(tmp_path):
    store = Store(tmp_path / "data")
    summary = ingest_paths([REUTERS], store)
    assert (summary.pages_read, summary.articles_added, summary.skipped) == (10, 10, [])
    articles = store.frames().articles.set_index("title")
    liberia = articles.loc["Shots fired as Liberia police battle illegal squatters"]
    assert liberia["source"].startswith("http://www.reuters.com/article/")
    assert liberia["outlet"] == "Reuters"  # from the "MONROVIA (Reuters) -" dateline
    assert str(liberia["published"].date()) == "2018-01-30"
    again = ingest_paths([REUTERS], store)
    assert (again.articles_added, again.already_stored) == (0, 10)


@pytest.fixture
def local_server():
    """An HTTP server on 127.0.0.1 serving tests/resources (the socket guard allows loopback)."""
    handler = functools.partial(QuietHandler, directory=str(RESOURCES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, *args) -> None:
        QuietHandler.requests.append(self.path)


def test_feeds_file_fetches_urls_and_skips_stored_links(tmp_path, local_server):
    config = tmp_path / "feeds.toml"
    config.write_text(f'[[feed]]\nname = "Reuters"\nurl = "{local_server}/{REUTERS.name}"\n')
    store = Store(tmp_path / "data")
    summary = ingest_feeds(config, store)
    assert (summary.pages_read, summary.articles_added, summary.skipped) == (10, 10, [])
    again = ingest_feeds(config, store)
    assert (again.pages_read, again.articles_added, again.already_stored) == (0, 0, 10)


# A feed written for this test (not a real one): one item that is only a teaser linking to a
# real page of tests/resources, one whose link is missing on the server.
TEASER_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test feed</title>
<item><title>Damboa attack</title><link>{base}/html_afpbb_ja_nigeria_damboa_suicide_attack_2018.html</link>
<description>&lt;p&gt;Suicide attacks in Damboa.&lt;/p&gt;&lt;img src="x.gif"/&gt;</description>
<pubDate>Mon, 18 Jun 2018 09:00:00 +0900</pubDate></item>
<item><title>Gone</title><link>{base}/no-such-page.html</link>
<description>Gunmen killed three villagers near Maiduguri on Sunday, police said.</description></item>
</channel></rss>"""


def test_teaser_items_replaced_by_their_linked_page(tmp_path, local_server):
    source = FeedSource(name="test", path=tmp_path / "teasers.rss", fetch_articles=True)
    source.path.write_text(TEASER_FEED.format(base=local_server))
    damboa, gone = list(feed_pages(source))
    assert damboa.kind == "html" and "ボコ・ハラム" in damboa.text  # the linked AFPBB page's text
    assert damboa.title.startswith("動画：ナイジェリアで少女らによる自爆攻撃")  # the page's own title wins
    assert damboa.published == "2018-06-18"
    assert gone.kind == "feed summary" and gone.text.startswith("Gunmen killed three")
    assert any("404" in note for note in gone.notes)
    # Without fetch_articles nothing is fetched: the items stay summaries.
    plain = list(feed_pages(FeedSource(name="test", path=source.path)))
    assert [p.kind for p in plain] == ["feed summary", "feed summary"]
    assert plain[0].text == "Suicide attacks in Damboa."


def test_no_network_is_one_line_not_a_traceback(tmp_path, capsys):
    config = tmp_path / "feeds.toml"
    # 192.0.2.1 is a documentation address; the test socket guard refuses it, like a machine offline.
    config.write_text(
        f'[[feed]]\nname = "Offline"\nurl = "http://192.0.2.1/rss.xml"\n\n[[feed]]\nname = "Saved"\npath = "{REUTERS}"\n'
    )
    assert main(["ingest", "--feeds", str(config), "--data", str(tmp_path / "data")]) == 3
    out, err = capsys.readouterr()
    line = next(line for line in out.splitlines() if "Offline" in line)
    assert line.startswith("skipped http://192.0.2.1/rss.xml: cannot fetch feed 'Offline': no connection (")
    assert line.endswith("is the network there?")
    assert "stories: 10 (10 new" in out  # the saved feed still went in
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[[feed]]\nname = 'x'\n", "give either a url or a path"),
        ("[[feed]\n", "not valid TOML"),
        ("title = 'no feeds'\n", "no [[feed]] entries"),
    ],
)
def test_bad_feeds_file(tmp_path, text, reason):
    config = tmp_path / "feeds.toml"
    config.write_text(text)
    summary = ingest_feeds(config, Store(tmp_path / "data"))
    assert len(summary.skipped) == 1 and reason in summary.skipped[0][1]


def test_not_a_feed(tmp_path):
    path = tmp_path / "notes.rss"
    path.write_text("These are my notes, not a feed.")
    summary = ingest_paths([path], Store(tmp_path / "data"))
    assert summary.skipped[0][0] == str(path)
    assert summary.skipped[0][1].startswith("not an RSS or Atom feed")
    with pytest.raises(ReadError):
        read_pages(path)


# An Atom document written for this test: content (not a summary) and an ISO date.
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom test</title>
<entry><title>Item</title><link href="https://example.org/a"/><updated>2021-01-21T23:30:00+03:00</updated>
<content type="html">&lt;p&gt;First paragraph.&lt;/p&gt;&lt;p&gt;Second &amp;amp; last.&lt;/p&gt;</content></entry>
</feed>"""


def test_atom_content_and_date():
    (page,), skipped = parse_feed(ATOM.encode(), "atom")
    assert skipped == []
    assert (page.kind, page.source, page.published) == ("feed", "https://example.org/a", "2021-01-21")
    assert page.text == "First paragraph.\n\nSecond & last."


def test_html_text_drops_feedburner_furniture():
    fragment = 'Text here.<div class="feedflare"><a href="x">Share</a></div><img src="pixel" />'
    assert html_text(fragment) == "Text here."
