"""The legal regime follows the operator's kind (extra.operator.kind): which accessibility law and
enforcement body the Erklärung zur Barrierefreiheit names, the privacy statement's default legal basis,
the contact form as the feedback mechanism, the yearly review reminder of `make check`, and that no
public page names a setting or a file of the repository.
"""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import date

import pytest

import builtsite
from kekiz.__main__ import main as cli
from kekiz.model.accessibility import AccessibilityStatement
from kekiz.model.operator import KINDS, OPTIONAL, SETTINGS_BY_KEY, Operator
from kekiz.model.registry import PartialDate
from kekiz.site.context import SiteContext
from kekiz.site.pages.legal import legal_pages
from kekiz.sources.accessibility import ACCESSIBILITY_FILE, load_accessibility_statement, review_notice
from kekiz.sources.operator import SettingsError, operator_from_extra, read_operator
from kekiz.sources.registry import load_project

from conftest import ROOT

REGISTRY = load_project(ROOT)
STATEMENT = load_accessibility_statement(ROOT / ACCESSIBILITY_FILE, ACCESSIBILITY_FILE.as_posix())
FORM = "https://www.example.org/kontakt/barrierefreiheit"


def pages(operator: Operator, statement: AccessibilityStatement = STATEMENT) -> dict[str, str]:
    site = SiteContext(site_name="Test", operator=operator)
    return {page.path: page.html for page in legal_pages(REGISTRY, site, statement)}


def text(markup: str) -> str:
    """What a reader sees: tags dropped, entities resolved, white space collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


# --- the kinds -------------------------------------------------------------------------------------

def test_the_four_kinds_have_short_stable_keys():
    assert [k.key for k in KINDS] == ["land-nrw", "kommune-nrw", "bund", "privat"]
    assert [(k.public, k.nrw) for k in KINDS] == [(True, True), (True, True), (True, False), (False, False)]
    assert "kind" not in OPTIONAL and {"contact_form", "legal_basis", "contributor_id"} <= OPTIONAL


@pytest.mark.parametrize("kind, body", [("land-nrw", "eine Stelle des Landes Nordrhein-Westfalen"),
                                        ("kommune-nrw", "eine Kommune in Nordrhein-Westfalen")])
def test_nrw_bodies_bgg_nrw_bitv_nrw_and_the_ombudsstelle(kind, body):
    result = pages(Operator(kind=kind))
    statement = text(result["barrierefreiheit/"])
    assert f"Diese Website betreibt {body}." in statement
    assert "Behindertengleichstellungsgesetz Nordrhein-Westfalen (BGG NRW)" in statement
    assert "Barrierefreie-Informationstechnik-Verordnung Nordrhein-Westfalen (BITV NRW)" in statement
    assert "WCAG 2.1 auf der Stufe AA" in statement
    assert "Das Ombudsverfahren ist in § 10d BGG NRW geregelt." in statement
    # the source link says what it is: § 10b, which points to the Ombudsverfahren of § 10d
    assert "§ 10b BGG NRW (Erklärung zur Barrierefreiheit; verweist auf das Ombudsverfahren nach § 10d)" in statement
    assert 'href="mailto:ombudsstelle-barrierefreie-it@mags.nrw.de"' in result["barrierefreiheit/"]
    assert "https://www.mags.nrw/ombudsstelle-barrierefreie-informationstechnik" in result["barrierefreiheit/"]
    for other in ("BITV 2.0)", "Schlichtungsstelle", "freiwillig"):
        assert other not in statement, other
    privacy = text(result["datenschutz/"])
    assert ("Rechtsgrundlage ist Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit § 3 des Datenschutzgesetzes "
            "Nordrhein-Westfalen (DSG NRW).") in privacy
    assert "lit. f" not in privacy and "BDSG" not in privacy


def test_federal_body_bgg_bitv_2_and_the_schlichtungsstelle():
    result = pages(Operator(kind="bund"))
    statement = text(result["barrierefreiheit/"])
    assert "Diese Website betreibt eine Stelle des Bundes." in statement
    assert "Behindertengleichstellungsgesetz (BGG)" in statement
    assert "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0)" in statement
    assert "Schlichtungsstelle nach § 16 des Behindertengleichstellungsgesetzes (BGG)" in statement
    for other in ("BGG NRW", "BITV NRW", "Ombuds", "mags.nrw", "freiwillig"):
        assert other not in statement, other
    privacy = text(result["datenschutz/"])
    # lit. e for a public body is sourced; which federal provision goes with it is not: left out
    assert "Rechtsgrundlage ist Art. 6 Abs. 1 lit. e DSGVO." in privacy and "BDSG" not in privacy
    assert "DSG NRW" not in privacy and "lit. f" not in privacy


def test_private_body_a_voluntary_statement_and_legitimate_interest():
    result = pages(Operator(kind="privat"))
    statement = text(result["barrierefreiheit/"])
    assert "Diese Website betreibt eine private Stelle." in statement
    assert "gelten für sie nicht" in statement and "Diese Erklärung geben wir freiwillig ab." in statement
    assert "WCAG 2.1" in statement and "Stufe AA" in statement
    for other in ("Ombudsverfahren", "Ombudsstelle", "Schlichtungsstelle", "mags.nrw", "Maßstab sind deshalb"):
        assert other not in statement, other
    # no law asks a private body for a contact form: its absence is no limitation there
    assert "Kein Kontaktformular" not in statement
    privacy = text(result["datenschutz/"])
    assert "Rechtsgrundlage ist Art. 6 Abs. 1 lit. f DSGVO." in privacy and "berechtigten Interesses" in privacy
    assert "lit. e" not in privacy


def test_unknown_kind_says_the_operator_is_not_known():
    result = pages(Operator())
    statement, privacy = text(result["barrierefreiheit/"]), text(result["datenschutz/"])
    for body in (statement, privacy):
        assert "Wer die Website betreibt, steht noch nicht fest." in body
        assert "Art der Stelle" in body  # listed among the missing details
    assert "Maßstab sind deshalb" not in statement and "Das Ombudsverfahren ist in" not in statement
    assert "Rechtsgrundlage ist" not in privacy


def test_a_confirmed_legal_basis_replaces_the_default():
    basis = "Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 DSG NRW und § 8 der Satzung"
    privacy = text(pages(Operator(kind="privat", legal_basis=basis))["datenschutz/"])
    assert basis in privacy and "lit. f" not in privacy


# --- the contact form ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["land-nrw", "kommune-nrw", "bund", ""])
def test_without_a_contact_form_public_bodies_list_it_as_a_limitation(kind):
    body = pages(Operator(kind=kind))["barrierefreiheit/"]
    first = re.search(r'<h3 id="einschraenkung-1">([^<]*)</h3>\s*<p>([^<]*)</p>', body)
    assert first and first.group(1) == "Kein Kontaktformular"
    law = "Das BGG NRW verlangt für Hinweise auf Barrieren ein elektronisches Kontaktformular."
    assert (law in first.group(2)) == kind.endswith("nrw")
    assert "Kontaktformular</dt>" not in body


def test_the_contact_form_is_the_first_way_to_report_a_barrier():
    result = pages(Operator(kind="kommune-nrw", contact_form=FORM, email="redaktion@example.org"))
    body = result["barrierefreiheit/"]
    assert "Kein Kontaktformular" not in body
    report = body[body.index('id="barrieren-melden"'):]
    assert report.index(f'<a href="{FORM}" rel="external noopener">') < report.index("mailto:redaktion@example.org")
    assert "<dt>Kontaktformular</dt>" in report
    assert "liegt auf einem anderen Server" in text(result["datenschutz/"])
    assert "liegt auf einem anderen Server" not in text(pages(Operator(kind="kommune-nrw"))["datenschutz/"])


def test_full_compliance_cannot_stand_without_the_feedback_mechanism():
    perfect = dataclasses.replace(STATEMENT, status="vollständig", limitations=())
    assert "<strong>teilweise vereinbar</strong>" in pages(Operator(kind="land-nrw"))["barrierefreiheit/"]
    assert "<strong>teilweise vereinbar</strong>" in pages(Operator(kind="land-nrw"), perfect)["barrierefreiheit/"]
    with_form = pages(Operator(kind="land-nrw", contact_form=FORM), perfect)["barrierefreiheit/"]
    assert "<strong>vollständig vereinbar</strong>" in with_form and "einschraenkungen" not in with_form
    assert "<strong>vollständig vereinbar</strong>" in pages(Operator(kind="privat"), perfect)["barrierefreiheit/"]


# --- validation ------------------------------------------------------------------------------------

def test_kind_must_be_one_of_the_four():
    for kind in KINDS:
        assert operator_from_extra({"operator": {"kind": kind.key}}).regime == kind
    with pytest.raises(SettingsError) as caught:
        operator_from_extra({"operator": {"kind": "Kommune"}})
    report = caught.value.report()
    assert ("extra.operator.kind: „Kommune“ ist keine bekannte Art der Stelle — meinten Sie „kommune-nrw“? "
            "erlaubt: land-nrw, kommune-nrw, bund, privat") in report
    with pytest.raises(SettingsError, match="„Verein“ ist keine bekannte Art der Stelle — erlaubt: land-nrw"):
        operator_from_extra({"operator": {"kind": "Verein"}})


@pytest.mark.parametrize("value, reason", [
    ("www.example.org/kontakt", "sie beginnt nicht mit https:// oder http://"),
    ("mailto:barrieren@example.org", "sie beginnt nicht mit https:// oder http://"),
    ("javascript:alert(1)", "sie beginnt nicht mit https:// oder http://"),
    ("https://www.example.org/kontakt formular", "sie enthält ein Leerzeichen oder ein Steuerzeichen"),
    ("https://nutzer:geheim@www.example.org/kontakt", "sie enthält einen Benutzernamen oder ein Passwort"),
    ("https://localhost/kontakt", "der Servername ist kein Name im Internet"),
    ("https://192.168.1.10/kontakt", "der Servername ist kein Name im Internet"),
    ("https:///kontakt", "sie beginnt nicht mit https:// oder http://"),
    ("https://www.example.org:70000/", "keine Portnummer von 0 bis 65535"),
    ("https://www.example.org:abc/", "keine Portnummer von 0 bis 65535"),
    ("https://[www.example.org/", "sie lässt sich nicht in Servername und Pfad zerlegen"),
])
def test_contact_form_must_be_a_web_address_with_a_real_host(value, reason):
    with pytest.raises(SettingsError) as caught:
        operator_from_extra({"operator": {"contact_form": value}})
    report = caught.value.report()
    assert "extra.operator.contact_form: „" in report and "ist keine brauchbare Web-Adresse" in report
    assert reason in report
    assert "die vollständige Adresse des Formulars aus der Adresszeile des Browsers kopieren" in report


@pytest.mark.parametrize("value", [FORM, "http://www.example.org/kontakt", "https://stadt.example.de:8443/form?x=1#a",
                                   "https://münchen.example/kontakt"])
def test_contact_form_accepts_usable_addresses(value):
    assert operator_from_extra({"operator": {"contact_form": f"  {value} "}}).contact_form == value


def test_publishing_requires_the_kind():
    full = {key: "x" for key, s in SETTINGS_BY_KEY.items() if key not in OPTIONAL}
    full.update(kind="bund", email="redaktion@example.org", phone="+49 30 1234-0")
    assert read_operator({"operator": full, "kekiz": {"require_operator": True}})[1] == []
    with pytest.raises(SettingsError) as caught:
        read_operator({"operator": {**full, "kind": ""}, "kekiz": {"require_operator": True}})
    report = caught.value.report()
    assert "extra.operator.kind: ist leer (Art der Stelle), für die Veröffentlichung (KEKIZ_REQUIRE_OPERATOR) " \
           "aber nötig — eintragen: land-nrw, kommune-nrw, bund oder privat" in report
    assert "1 Fehler in mkdocs.yml" in report


# --- the yearly review ------------------------------------------------------------------------------

def _statement_reviewed(day: str) -> AccessibilityStatement:
    return dataclasses.replace(STATEMENT, reviewed=PartialDate.parse(day))


def test_review_reminder_after_a_year_names_the_ueberwachungsstelle_for_nrw_bodies():
    statement = _statement_reviewed("2026-03-15")
    assert review_notice(statement, Operator(kind="land-nrw"), date(2027, 3, 15)) is None  # exactly a year: in time
    nrw = review_notice(statement, Operator(kind="kommune-nrw"), date(2027, 3, 16))
    assert nrw.startswith("HINWEIS: data/barrierefreiheit.yaml: die Erklärung zur Barrierefreiheit wurde zuletzt "
                          "am 15. März 2026 überprüft, vor 366 Tagen — mindestens einmal im Jahr überprüfen")
    assert "Überwachungsstelle NRW" in nrw and "ueberwachungsstelle-nrw@it.nrw.de" in nrw
    for kind in ("bund", "privat"):
        other = review_notice(statement, Operator(kind=kind), date(2027, 3, 16))
        assert other and "Überwachungsstelle" not in other, kind
    unknown = review_notice(statement, Operator(), date(2027, 3, 16))
    assert "Ist die Betreiberin eine Stelle des Landes NRW oder eine Kommune in NRW" in unknown
    # 29 February: a year before is 28 February
    leap = _statement_reviewed("2027-02-28")
    assert review_notice(leap, Operator(), date(2028, 2, 29)) is None
    assert review_notice(leap, Operator(), date(2028, 3, 1)) is not None


def test_make_check_notes_an_old_review_and_still_passes(capsys):
    reviewed = date(STATEMENT.reviewed.year, STATEMENT.reviewed.month, STATEMENT.reviewed.day)
    assert cli(["check", "--root", str(ROOT)], today=reviewed) == 0
    assert "Erklärung zur Barrierefreiheit wurde zuletzt" not in capsys.readouterr().out
    late = date(reviewed.year + 1, reviewed.month, reviewed.day) if reviewed.month != 2 else date(reviewed.year + 1, 3, 1)
    later = date.fromordinal(late.toordinal() + 1)
    assert cli(["check", "--root", str(ROOT)], today=later) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "Erklärung zur Barrierefreiheit wurde zuletzt" in line)
    assert line.startswith("HINWEIS: data/barrierefreiheit.yaml: ")
    assert f"am {STATEMENT.reviewed.german} überprüft" in line and "Überwachungsstelle NRW" in line


# --- no public page names the repository's settings or files ----------------------------------------

_REPOSITORY_NAMES = re.compile(r"extra\.operator|extra\.kekiz|mkdocs\.ya?ml|KEKIZ_[A-Z_]+|\bdata/[\w./-]+")


def test_no_public_page_names_a_setting_or_a_repository_file(built_site):
    found = []
    for file in builtsite.html_files(built_site):
        page = builtsite.page_url(file, built_site)
        shown = text(file.read_text(encoding="utf-8"))
        found += [f"{page}: {match.group(0)}" for match in _REPOSITORY_NAMES.finditer(shown)]
    assert found == [], found[:20]


def test_the_legal_pages_name_no_setting_for_any_kind():
    for kind in ("", *(k.key for k in KINDS)):
        for path, body in pages(Operator(kind=kind)).items():
            assert not _REPOSITORY_NAMES.search(text(body)), (kind, path)
            assert "Einstellung" not in text(body), (kind, path)
