"""The spreadsheet variants of the CSV downloads (kommunen-tabelle.csv, aeusserungen-tabelle.csv):
what German Excel and LibreOffice open with a double-click — UTF-8 with a byte order mark, ";",
CRLF, German column headings — with the same rows and cells as the RFC 4180 files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import rdflib

from kekiz.site import paths
from kekiz.site.files.records import COMMUNE_COLUMNS, COMMUNE_HEADINGS, STATEMENT_COLUMNS, STATEMENT_HEADINGS

from conftest import read_page

BOM = b"\xef\xbb\xbf"
PAIRS = [  # (RFC 4180 file, spreadsheet variant, columns, German headings)
    (paths.COMMUNES_CSV_FILE, paths.COMMUNES_SHEET_FILE, COMMUNE_COLUMNS, COMMUNE_HEADINGS),
    (paths.STATEMENTS_CSV_FILE, paths.STATEMENTS_SHEET_FILE, STATEMENT_COLUMNS, STATEMENT_HEADINGS),
]


def _rows(raw: bytes, delimiter: str, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode(encoding), newline=""), delimiter=delimiter, strict=True))


@pytest.mark.parametrize("rfc, sheet, columns, headings", PAIRS, ids=lambda v: v if isinstance(v, str) else "")
def test_the_spreadsheet_variant_has_the_same_rows_with_german_headings(built_site: Path, rfc, sheet, columns, headings):
    raw, plain = (built_site / sheet).read_bytes(), (built_site / rfc).read_bytes()
    assert raw.startswith(BOM) and not plain.startswith(BOM)
    rows = _rows(raw, ";", "utf-8-sig")
    assert rows[0] == [headings[name] for name, _ in columns]
    assert len(set(rows[0])) == len(rows[0]), "headings are distinct"
    reference = _rows(plain, ",", "utf-8")
    assert reference[0] == [name for name, _ in columns] and not set(rows[0]) & set(reference[0])
    assert len(rows) == len(reference) > 1
    assert rows[1:] == reference[1:], "the same cells, row for row"
    # CRLF after every record, as Excel writes and expects; no bare LF outside quoted cells.
    assert raw.endswith(b"\r\n") and raw.count(b"\r\n") >= len(rows)


def test_the_rfc_files_stay_comma_separated_with_english_names(built_site: Path):
    for rfc, _, columns, _ in PAIRS:
        first = (built_site / rfc).read_bytes().split(b"\r\n", 1)[0].decode("ascii")
        assert first == ",".join(name for name, _ in columns)


def test_the_data_page_links_both_variants_and_says_which_to_take(built_site: Path):
    page = read_page(built_site, paths.DATA_PATH)
    for rfc, sheet, _, _ in PAIRS:
        for path in (rfc, sheet):
            name = path.removeprefix(paths.DATA_PATH)
            assert f'href="{name}" download' in page, name
    assert "Welche CSV-Datei?" in page and "Excel oder LibreOffice" in page
    for heading in ("Kennung", "Amtlicher Name", "Kennung der Äußerung", "Quelle: Herausgeber"):
        assert f"<td>{heading}</td>" in page, heading


def test_the_catalogue_lists_the_spreadsheet_variants(built_site: Path):
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    base = "https://portal.example/daten/katalog.rdf"
    graph = rdflib.Graph().parse(built_site / paths.CATALOG_FILE, format="xml", publicID=base)
    downloads = {str(u) for u in graph.objects(None, dcat.downloadURL)}
    for _, sheet, _, _ in PAIRS:
        url = f"https://portal.example/{sheet}"
        assert url in downloads, url
        distribution = rdflib.URIRef(url)
        assert (None, dcat.distribution, distribution) in graph
        assert str(graph.value(distribution, rdflib.DCTERMS.format)).endswith("/file-type/CSV")
        assert "Tabellenprogramme" in str(graph.value(distribution, rdflib.DCTERMS.title))
