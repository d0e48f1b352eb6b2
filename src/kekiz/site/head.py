"""What a page says about itself in its head: link previews (Open Graph, Twitter card), feed
links and schema.org JSON-LD. Absolute addresses only with a public site address; without one
they are left out rather than pointing at a local machine.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from kekiz.site.files import feeds
from kekiz.site.inert import script_json
from kekiz.model.registry import Commune, CommuneType, Registry
from kekiz.site.context import SiteContext
from kekiz.site.paths import SITE_PREVIEW_FILE, preview_file
from kekiz.site.urls import absolute, relative

PREVIEW_SIZE = (1200, 630)  # pixels of each link-preview image (kekiz.site.files.previews draws them)


def _meta(attr: str, name: str, content: str) -> str:
    return f'<meta {attr}="{escape(name)}" content="{escape(content)}">'


def head_tags(registry: Registry, site: SiteContext, page_path: str, title: str, description: str) -> Markup:
    """Every tag this project adds to a page's head; `page_path` is site-relative ("" for home)."""
    commune = feeds.commune_at(registry, page_path)
    url = absolute(page_path, site.site_url)
    image = absolute(preview_file(commune) if commune else SITE_PREVIEW_FILE, site.site_url)
    full_title = title if page_path == "" or title == site.site_name else f"{title} – {site.site_name}"
    tags = [
        _meta("property", "og:type", "website"),
        _meta("property", "og:site_name", site.site_name),
        _meta("property", "og:locale", "de_DE"),
        _meta("property", "og:title", full_title),
        _meta("property", "og:description", description),
    ]
    if url:
        tags.append(_meta("property", "og:url", url))
    if image:
        tags += [
            _meta("property", "og:image", image),
            _meta("property", "og:image:type", "image/png"),
            _meta("property", "og:image:width", str(PREVIEW_SIZE[0])),
            _meta("property", "og:image:height", str(PREVIEW_SIZE[1])),
            _meta("property", "og:image:alt", preview_alt(commune) if commune else site_preview_alt(registry, site)),
        ]
    tags += [
        _meta("name", "twitter:card", "summary_large_image" if image else "summary"),
        _meta("name", "twitter:title", full_title),
        _meta("name", "twitter:description", description),
    ]
    # "alternate feed", not just "alternate": Material's script fetches <href>/../sitemap.xml for
    # every link[rel=alternate] (its language switcher), which would be a 404 per feed.
    for feed in feeds.feed_links(registry, page_path):
        tags.append(f'<link rel="alternate feed" type="{feeds.FEED_TYPE}" title="{escape(feed.title)}" '
                    f'href="{escape(relative(feed.path, page_path))}">')
    data = None
    if commune:
        data = commune_jsonld(registry, commune, site)
    elif page_path == "":
        data = home_jsonld(registry, site)
    if data:
        tags.append(f'<script type="application/ld+json">{script_json(data)}</script>')
    return Markup("\n".join(tags))


def site_preview_lines(registry: Registry) -> list[str]:
    """What the site's own preview image says: the question it answers, and for whom."""
    return ["War meine Stadt dabei?", f"Alle {len(registry.communes)} Kommunen des Programms",
            "und jede Stadt und Gemeinde in NRW"]


def site_preview_alt(registry: Registry, site: SiteContext) -> str:
    heading, *details = site_preview_lines(registry)
    return f"{site.site_name}: {heading} " + " ".join(details)


def preview_alt(commune: Commune) -> str:
    return f"{commune.name}: {commune.type.label}, {commune.cohort.label} bei „Kein Kind zurücklassen!“"


def commune_jsonld(registry: Registry, commune: Commune, site: SiteContext) -> dict:
    """The Kommune page as schema.org: a WebPage about the Kommune (AGS as identifier); verbatim
    quotes as Quotation. Paraphrases are not quotations and stay out."""
    url = absolute(commune.path, site.site_url)
    place_type = "City" if commune.type is not CommuneType.KREIS else "AdministrativeArea"
    place = {
        "@type": place_type,
        "name": commune.official_name,
        "alternateName": commune.name,
        "identifier": {"@type": "PropertyValue", "propertyID": "AGS", "value": commune.ags},
        "containedInPlace": {"@type": "State", "name": "Nordrhein-Westfalen"},
    }
    page = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": commune.name,
        "inLanguage": "de",
        "dateModified": registry.stand.iso,
        "about": place,
    }
    if url:
        page["url"] = url
    quotes = []
    for st in commune.sorted_statements:
        if not st.form.verbatim:  # paraphrases are no Quotation
            continue
        quote = {"@type": "Quotation", "text": st.text}
        if st.speaker:
            quote["creator"] = {"@type": "Person", "name": st.speaker}
        if st.date:
            quote["dateCreated"] = st.date.iso
        if url:
            quote["url"] = f"{url}#{st.anchor}"
        if st.source.url:
            quote["isBasedOn"] = st.source.url
        quotes.append(quote)
    if quotes:
        page["hasPart"] = quotes
    return page


def home_jsonld(registry: Registry, site: SiteContext) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.site_name,
        "inLanguage": "de",
        "about": {"@type": "Thing", "name": "Kein Kind zurücklassen!"},
        "dateModified": registry.stand.iso,
    }
    if site.site_url:
        data["url"] = site.site_url
    return data
