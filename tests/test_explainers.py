"""The hand-written explainer pages as a visitor gets them: links, sources, counts, time frame,
Leichte Sprache, the Glossar links and the 404 page. Also the generated parts they embed
(kekiz.site.markers)."""

from __future__ import annotations

import html as htmllib
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from kekiz.site.markers import count_fragments, sign_video_fragment, stand_fragment
from kekiz.sources.signvideo import VideoSettingError, sign_video
from kekiz.sources.glossary import load_glossary
from kekiz.model.registry import Cohort, CommuneType
from kekiz.sources.registry import load_project

from conftest import ROOT, read_page

REGISTRY = load_project(ROOT)
GLOSSARY = load_glossary(ROOT)

EXPLAINERS = ["", "programm/", "programm/drei-teile/", "programm/zeitleiste/", "programm/foerderung/",
              "fragen/", "glossar/", "leichte-sprache/"]
WITH_GLOSSARY_LINKS = [p for p in EXPLAINERS if p not in ("glossar/", "leichte-sprache/", "programm/zeitleiste/")]


def article(text: str) -> str:
    match = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', text, re.S)
    assert match, "page has no article"
    return match.group(1)


class _Page(HTMLParser):
    """Links, ids, visible text and the element stack around each count of one page."""

    _VOID = frozenset({"br", "img", "input", "meta", "link", "source", "track", "wbr", "hr", "path", "rect",
                       "circle", "use", "line", "polygon"})
    _HIDDEN = frozenset({"svg", "script", "style", "figure", "nav"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.count_parents: list[tuple[str, ...]] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, hides its text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("class") == "kekiz-anzahl":
            self.count_parents.append(tuple(t for t, _ in self._stack))
        if tag not in self._VOID:
            self._stack.append((tag, tag in self._HIDDEN or "headerlink" in (attrs.get("class") or "")))

    def handle_endtag(self, tag):
        if any(t == tag for t, _ in self._stack):
            while self._stack and self._stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not any(hidden for _, hidden in self._stack):
            self.text.append(data)


def parse(markup: str) -> _Page:
    page = _Page()
    page.feed(markup)
    return page


def _allowlist() -> set[str]:
    lines = (ROOT / "data" / "sources-allowlist.txt").read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def _registry_urls() -> set[str]:
    """Sources the data files cite: the registry, the programme facts and the boundary data."""
    geo = json.loads((ROOT / "data" / "nrw-geo.json").read_text(encoding="utf-8"))["source"]
    urls = {geo["publisher_url"], geo["licence_url"]}
    for c in REGISTRY.communes:
        urls |= {s.url for s in c.sources} | {st.source.url for st in c.statements}
        urls |= {s.url for n in c.notes for s in n.sources}
    for info in REGISTRY.programme.cohorts.values():
        urls |= {s.url for s in info.sources}
    for m in REGISTRY.programme.milestones:
        urls |= {s.url for s in m.sources}
    return {u for u in urls if u}


# --------------------------------------------------------------------------- links


@pytest.mark.parametrize("path", EXPLAINERS + ["404.html"])
def test_every_internal_link_resolves(built_site, path):
    """Every link of the page's content leads to a built page, and every #fragment to an id on it."""
    page_file = built_site / (path if path.endswith(".html") else f"{path}index.html")
    body = article(page_file.read_text(encoding="utf-8"))
    base = "/" if path == "404.html" else "/" + path  # the 404 page links from the site root
    for href in parse(body).links:
        parts = urlsplit(href)
        if parts.scheme or href.startswith("mailto:"):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path))) if parts.path \
            else base.rstrip("/")
        file = built_site / target.lstrip("/")
        if file.is_dir() or not file.suffix:
            file = file / "index.html"
        assert file.exists(), f"{path}: {href} → {file} fehlt"
        if parts.fragment:
            ids = parse(file.read_text(encoding="utf-8")).ids
            assert parts.fragment in ids, f"{path}: {href}: Anker #{parts.fragment} fehlt"


@pytest.mark.parametrize("path", EXPLAINERS)
def test_every_external_link_is_a_known_source(built_site, path):
    """Sources come from the research dossier (allow-list) or the registry; https wherever the
    dossier has the https address."""
    known = _allowlist() | _registry_urls()
    links = [h for h in parse(article(read_page(built_site, path))).links if urlsplit(h).scheme]
    for href in links:
        assert href.startswith(("https://", "http://")), href
        assert href in known, f"{path}: {href} steht weder im Quellenverzeichnis noch im Register"
        if href.startswith("http://"):
            assert "https://" + href.removeprefix("http://") not in known, f"{path}: {href} gibt es auch mit https"


def test_the_allowlist_holds_only_web_addresses():
    for url in _allowlist():
        assert re.fullmatch(r"https?://\S+", url), url


def test_hand_written_links_are_https_unless_the_dossier_has_only_http():
    """Count what the report states: http links in the hand-written explainers."""
    allow = _allowlist()
    http = set()
    for md in (ROOT / "docs").rglob("*.md"):
        for url in re.findall(r"https?://[^\s)>\]]+", md.read_text(encoding="utf-8")):
            assert url in allow or url in _registry_urls(), f"{md}: {url}"
            if url.startswith("http://"):
                assert "https://" + url.removeprefix("http://") not in allow, url
                http.add(url)
    assert all(u in allow for u in http)


# --------------------------------------------------------------------------- counts, Stand, time frame

# Any present-tense claim of taking part, incl. participles ("teilnehmende Kommunen").
PRESENT_TENSE = re.compile(r"\b(nimmt|nehmen)\b[^.]{0,120}?\bteil\b|\bteilnehmen(de[nrms]?)?\b|\bteilnimmt\b", re.I)


def test_home_counts_equal_the_registry(built_site):
    counts = [int(n) for n in re.findall(r'<span class="kekiz-anzahl">(\d+)</span>', read_page(built_site, ""))]
    assert counts[:3] == [len(REGISTRY.communes), REGISTRY.count(cohort=Cohort.MODELLPHASE),
                          REGISTRY.count(cohort=Cohort.LANDESINITIATIVE)]


@pytest.mark.parametrize("path", ["", "programm/", "fragen/", "leichte-sprache/"])
def test_counts_sit_inside_sentences(built_site, path):
    """A marker at a line start becomes its own block; every count must stay in its sentence."""
    page = parse(article(read_page(built_site, path)))
    assert page.count_parents, "page shows no count"
    for stack in page.count_parents:
        assert {"p", "li"} & set(stack), stack


@pytest.mark.parametrize("path", ["", "programm/", "fragen/", "leichte-sprache/"])
def test_stand_der_angaben_comes_from_the_registry(built_site, path):
    body = article(read_page(built_site, path))
    assert f'<time datetime="{REGISTRY.stand.iso}">{REGISTRY.stand.german}</time>' in body


@pytest.mark.parametrize("path", ["", "programm/", "fragen/"])
def test_honest_time_frame(built_site, path):
    """What became of the programme is said, with sources; nothing claims the Kommunen take part today."""
    text = " ".join(parse(article(read_page(built_site, path))).text)
    text = re.sub(r"\s+", " ", text)
    for phrase in ("Kommunale Präventionsketten NRW", "kinderstark – NRW schafft Chancen", "Januar 2017",
                   "sagen die Quellen dieser Website nicht", "Stand der Angaben"):
        if path == "fragen/" and phrase == "Januar 2017":
            continue
        assert phrase in text, phrase
    own = re.sub(r"„[^“]*“", "", text)  # quotations are the sources' words
    assert not PRESENT_TENSE.search(own), PRESENT_TENSE.search(own)


def test_programme_page_states_the_conflicts(built_site):
    text = re.sub(r"\s+", " ", " ".join(parse(article(read_page(built_site, "programm/"))).text))
    assert "bis zum 31. Dezember 2014" in text and "zwischen 2012 und 2016" in text  # C8
    assert "2019 einzustellen" in text                                               # C10
    assert "seit 01.01.2020" in text and "seit 2021" in text                          # C11
    assert "Stolze" in text                                                           # C12
    assert "Witten" in text                                                           # C1
    for anchor in ("jahrgang-2012", "jahrgang-2017", "modellphase", "kinderstark", "heute"):
        assert f'id="{anchor}"' in read_page(built_site, "programm/")


def test_timeline_page_shows_every_milestone_from_the_one_data_file(built_site):
    body = article(read_page(built_site, "programm/zeitleiste"))
    items = re.findall(r'<li id="chart-zeitleiste-\d+">', body)
    assert len(items) == len(REGISTRY.programme.milestones)
    for m in REGISTRY.programme.milestones:
        assert htmllib.escape(m.label, quote=False) in body
        assert f'datetime="{m.date.iso}"' in body
    assert REGISTRY.programme.milestones[-1].date.year >= 2020, "the timeline reaches the successor programme"


def test_three_parts_page_keeps_the_2017_parts_apart_and_links_examples(built_site):
    body = article(read_page(built_site, "programm/drei-teile"))
    text = re.sub(r"\s+", " ", " ".join(parse(body).text))
    assert "Nur für die Landesinitiative ab 2017" in text
    assert text.count("Bausteine") == 2, "only where the note tells the Fachmagazin's term apart"
    for slug in ("monheim-am-rhein", "ahlen", "kreis-lippe", "duesseldorf", "duisburg"):
        assert f'href="../../kommunen/{slug}/"' in body


# --------------------------------------------------------------------------- Glossar links


@pytest.mark.parametrize("path", WITH_GLOSSARY_LINKS)
def test_glossary_links_on_first_use_only(built_site, path):
    body = article(read_page(built_site, path))
    targets = re.findall(r'<a class="kekiz-glossar-link" href="[^"]*glossar/#([a-z0-9-]+)">', body)
    assert targets, "the page links no Glossar term"
    assert len(targets) == len(set(targets)), f"a term is linked twice: {targets}"
    ids = {t.id for t in GLOSSARY.terms}
    assert set(targets) <= ids
    marked = re.sub(r'<a class="kekiz-glossar-link"[^>]*>', "\x00", body)
    marked = re.sub(r"<[^>]+>", "", marked)
    for quotation in re.findall(r"„[^“]*“", marked):
        assert "\x00" not in quotation, f"a Glossar link inside a quotation: {quotation}"


def test_glossary_link_is_the_first_plain_use(built_site):
    """On the programme page, no form of a linked term occurs in running text before its link."""
    body = article(read_page(built_site, "programm/"))
    body = re.sub(r'<span class="kekiz-sources">.*?</span>', "", body, flags=re.S)
    body = re.sub(r"<(h[1-6]|a(?! class=\"kekiz-glossar-link\")|figure)\b.*?</\1>", "", body, flags=re.S)
    for match in re.finditer(r'<a class="kekiz-glossar-link" href="[^"]*#([a-z0-9-]+)">', body):
        term = next(t for t in GLOSSARY.terms if t.id == match.group(1))
        before = re.sub(r"„[^“]*“", " ", re.sub(r"<[^>]+>", " ", body[: match.start()]))  # quotations stay plain
        for form in term.forms:
            forms = {form, form[:1].upper() + form[1:]}
            for f in forms:
                words = r"\s+".join(re.escape(w) for w in f.split(" "))
                assert not re.search(rf"(?<![\w-]){words}(?![\w-])", before), (term.id, f)


def test_glossary_page_has_an_entry_per_term(built_site):
    body = article(read_page(built_site, "glossar"))
    for term in GLOSSARY.terms:
        assert f'<h2 id="{term.id}">' in body


# --------------------------------------------------------------------------- Leichte Sprache

_ABBREVIATIONS = re.compile(r"\b(z\. ?B\.|bzw\.|usw\.|ca\.|d\. ?h\.|u\. ?a\.|etc\.|Nr\.|NRW|KeKiz|BITV|WCAG|DGS|MdL)")
_PASSIVE = re.compile(r"\b(wird|werden|wurde|wurden|worden)\b", re.I)


def _leichte_sprache_sentences(built_site) -> list[str]:
    """Every sentence of the page; a heading, list item or paragraph also ends a sentence."""
    body = re.sub(r"</(p|li|h[1-6]|figcaption)>", r"</\1>¶", article(read_page(built_site, "leichte-sprache")))
    text = re.sub(r"\s+", " ", " ".join(parse(body).text))
    return [s.strip() for s in re.split(r"¶|(?<=[.!?])\s+", text) if s.strip()]


def test_leichte_sprache_sentences_are_short(built_site):
    sentences = _leichte_sprache_sentences(built_site)
    lengths = [len(s.split()) for s in sentences]
    assert len(sentences) > 50
    assert max(lengths) <= 15, [s for s in sentences if len(s.split()) > 15]
    assert sum(lengths) / len(lengths) <= 9


def test_leichte_sprache_follows_the_rules(built_site):
    text = " ".join(_leichte_sprache_sentences(built_site))
    assert not _ABBREVIATIONS.search(text), _ABBREVIATIONS.search(text)
    assert not _PASSIVE.search(text), _PASSIVE.search(text)
    assert not re.search(r"\bdes\b", text), "genitive article"
    for needed in ("Worum geht es", "So finden Sie sich zurecht", "Barriere-Freiheit", "Gebärden-Sprache"):
        assert needed in text


def test_leichte_sprache_is_linked_from_the_header_and_the_home_page(built_site):
    for path in ("", "programm/", "kommunen/krefeld/"):
        header = read_page(built_site, path).split('<header class="md-header', 1)[1].split("</header>", 1)[0]
        link = re.search(r'<a href="([./]*)leichte-sprache/" class="md-header__button kekiz-header-ls" hreflang="de">(.*?)</a>',
                         header, re.S)
        assert link and "Leichte Sprache" in link.group(2), path
        assert link.group(1) == "../" * path.count("/"), "relative to the page"
    assert 'href="leichte-sprache/"' in article(read_page(built_site, ""))


def test_leichte_sprache_says_honestly_that_the_sign_language_video_is_missing(built_site):
    body = article(read_page(built_site, "leichte-sprache"))
    assert "Ein Video in Deutscher Gebärden-Sprache fehlt noch." in body
    assert "<video" not in body


# --------------------------------------------------------------------------- 404


def test_404_page_is_german_and_offers_a_way_on(built_site):
    page = (built_site / "404.html").read_text(encoding="utf-8")
    body = article(page)
    assert "<title>Seite nicht gefunden – " in page and '<html lang="de"' in page
    assert "<h1>Seite nicht gefunden</h1>" in body and "Diese Seite gibt es nicht." in body
    assert "404 - Not found" not in page
    assert re.search(r'<form[^>]*method="get"', body) and 'name="q"' in body
    assert 'href="/kommunen/"' in body and 'href="/gemeinden/"' in body


# --------------------------------------------------------------------------- fragments


def test_count_fragments_are_the_registry_counts():
    fragments = count_fragments(REGISTRY)
    expected = {
        "anzahl-kommunen": len(REGISTRY.communes),
        "anzahl-2012": REGISTRY.count(cohort=Cohort.MODELLPHASE),
        "anzahl-2017": REGISTRY.count(cohort=Cohort.LANDESINITIATIVE),
        "anzahl-kreise": REGISTRY.count(type=CommuneType.KREIS),
        "anzahl-kreisfreie-staedte": REGISTRY.count(type=CommuneType.KREISFREIE_STADT),
        "anzahl-kreisangehoerige-staedte": REGISTRY.count(type=CommuneType.KREISANGEHOERIGE_STADT),
    }
    assert {k: f("") for k, f in fragments.items()} == {k: f'<span class="kekiz-anzahl">{n}</span>' for k, n in expected.items()}


def test_stand_fragment():
    assert stand_fragment(REGISTRY.stand) == f'<time datetime="{REGISTRY.stand.iso}">{REGISTRY.stand.german}</time>'


def _docs_with_video(tmp_path: Path) -> Path:
    (tmp_path / "assets" / "dgs").mkdir(parents=True)
    (tmp_path / "assets" / "dgs" / "erklaerung.mp4").write_bytes(b"\0" * 2_345_678)
    (tmp_path / "assets" / "dgs" / "erklaerung.vtt").write_text("WEBVTT\n", encoding="utf-8")
    return tmp_path


def test_no_video_configured(tmp_path):
    assert sign_video({}, tmp_path) is None
    assert sign_video({"dgs_video": None}, tmp_path) is None
    assert "fehlt noch" in sign_video_fragment(None, "leichte-sprache/")


def test_configured_video_is_shown_with_captions_and_a_download(tmp_path):
    docs = _docs_with_video(tmp_path)
    video = sign_video({"dgs_video": {"file": "assets/dgs/erklaerung.mp4", "caption": "Die Website <erklärt>.",
                                      "captions": "assets/dgs/erklaerung.vtt", "duration": "3 Minuten"}}, docs)
    out = sign_video_fragment(video, "leichte-sprache/")
    assert '<video controls preload="metadata" width="640" src="../assets/dgs/erklaerung.mp4">' in out
    assert '<track kind="captions" src="../assets/dgs/erklaerung.vtt" srclang="de" label="Deutsch" default>' in out
    assert '<a href="../assets/dgs/erklaerung.mp4" download>Video herunterladen</a> (MP4-Datei, 2,3 MB, Dauer 3 Minuten)' in out
    assert "Die Website &lt;erklärt&gt;." in out and "fehlt noch" not in out


@pytest.mark.parametrize("settings,message", [
    ({"dgs_video": {"caption": "x"}}, "„file“ fehlt"),
    ({"dgs_video": {"file": "assets/dgs/erklaerung.mp4"}}, "„caption“ fehlt"),
    ({"dgs_video": {"file": "assets/dgs/fehlt.mp4", "caption": "x"}}, "docs/assets/dgs/fehlt.mp4 gibt es nicht"),
    ({"dgs_video": {"file": "https://example.org/v.mp4", "caption": "x"}}, "keine Adresse im Netz"),
    ({"dgs_video": {"file": "assets/dgs/erklaerung.mp4", "caption": "x", "captions": "x.vtt"}}, "docs/x.vtt gibt es nicht"),
])
def test_unusable_video_settings_stop_the_build_with_a_german_message(tmp_path, settings, message):
    with pytest.raises(VideoSettingError, match=re.escape(message)):
        sign_video(settings, _docs_with_video(tmp_path))


@pytest.mark.parametrize("key", ["file", "captions"])
def test_a_video_file_outside_docs_is_refused(tmp_path, key):
    """The published site holds only docs/: a path out of it (../) would promise a file that is not there."""
    docs = _docs_with_video(tmp_path / "docs")
    (tmp_path / "geheim.mp4").write_bytes(b"\0")
    settings = {"file": "assets/dgs/erklaerung.mp4", "caption": "x", key: "../geheim.mp4"}
    with pytest.raises(VideoSettingError, match=re.escape(f"dgs_video.{key}: „../geheim.mp4“ liegt außerhalb von docs/")):
        sign_video({"dgs_video": settings}, docs)
