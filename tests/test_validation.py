"""One failing fixture per validation rule: each must name the right line, Kommune and field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kekiz.sources.diagnostics import RegistryError
from kekiz.sources.registry import load

from conftest import ROOT, run_mkdocs_build
from registry_fixtures import BASE, replace_line

PROGRAMME = ROOT / "data" / "programme.yaml"

# (id, registry text, expected line, expected subject, expected field, fragment of the message)
CASES = [
    ("yaml-syntax", replace_line(BASE, 5, "    type: kreis: x"), 5, "", "", "Doppelpunkt mit Leerzeichen"),
    ("yaml-bad-indent", replace_line(BASE, 14, "   official_name: Stadt Ahlen"), 14, "", "", "Einrückung"),
    ("yaml-tab", replace_line(BASE, 14, "\tofficial_name: Stadt Ahlen"), 14, "", "", "Tabulator"),
    ("yaml-unclosed-bracket", replace_line(BASE, 35, "    former_slugs: [ahlen-alt"), 35, "", "", "nicht geschlossen"),
    ("yaml-missing-colon", replace_line(BASE, 13, "    name Ahlen\n    x"), 13, "", "", "fehlt der Doppelpunkt"),
    ("yaml-at-sign", replace_line(BASE, 13, "    name: @Ahlen"), 13, "", "", "darf nicht mit „@“ beginnen"),
    ("yaml-bad-escape", replace_line(BASE, 13, '    name: "Ah\\qlen"'), 13, "", "", "Escape-Folge"),
    ("yaml-empty-anchor", replace_line(BASE, 13, "    name: & x"), 13, "", "", "nach & oder * fehlt ein Name"),
    ("duplicate-key", replace_line(BASE, 14, "    name: Ahlen"), 14, "ahlen", "Name", "doppelt"),
    ("unknown-field", replace_line(BASE, 16, "    cohrot: 2017"), 16, "ahlen", "cohrot", "meinten Sie „cohort“"),
    ("unknown-german-field", replace_line(BASE, 16, "    jahrgang: 2017"), 16, "ahlen", "jahrgang", "meinten Sie „cohort“"),
    ("missing-field", replace_line(BASE, 14, "    # official_name fehlt"), 12, "ahlen", "", "„official_name“ (amtlicher Name) fehlt"),
    ("missing-enum-field-lists-values", replace_line(BASE, 25, "        # form fehlt"), 24, "ahlen", "1. Äußerung",
     "erlaubt sind: quote, unquoted oder reported"),
    ("wrong-type-list", replace_line(BASE, 11, "    statements: keine"), 11, "kreis-warendorf", "Äußerungen", "Liste"),
    ("wrong-type-text", replace_line(BASE, 13, "    name: [Ahlen]"), 13, "ahlen", "Name", "ein Text erwartet"),
    ("unknown-type", replace_line(BASE, 15, "    type: gemeinde"), 15, "ahlen", "Typ", "kein erlaubter Wert"),
    ("unknown-cohort", replace_line(BASE, 16, "    cohort: 2019"), 16, "ahlen", "Jahrgang", "kein erlaubter Wert"),
    ("cohort-as-text", replace_line(BASE, 16, '    cohort: "zwanzig"'), 16, "ahlen", "Jahrgang", "kein erlaubter Wert"),
    ("cohort-quoted", replace_line(BASE, 16, '    cohort: "2017"'), 16, "ahlen", "Jahrgang", "ohne Anführungszeichen"),
    ("duplicate-slug", replace_line(BASE, 12, "  - slug: kreis-warendorf"), 12, "kreis-warendorf", "Slug", "schon vergeben"),
    ("duplicate-ags", replace_line(replace_line(BASE, 17, '    ags: "05570"'), 15, "    type: kreis"),
     17, "ahlen", "AGS", "gehört schon zu „kreis-warendorf“"),
    ("ags-unquoted", replace_line(BASE, 17, "    ags: 05570004"), 17, "ahlen", "AGS", "ohne Anführungszeichen"),
    ("ags-length", replace_line(BASE, 7, '    ags: "05570004"'), 7, "kreis-warendorf", "AGS", "5-stelligen"),
    ("ags-not-nrw", replace_line(BASE, 17, '    ags: "09570004"'), 17, "ahlen", "AGS", "Nordrhein-Westfalen"),
    ("ags-kreisfrei-as-kreis", replace_line(BASE, 7, '    ags: "05114"'), 7, "kreis-warendorf", "AGS", "kreisfreien Stadt"),
    ("ags-gemeinde-missing", replace_line(BASE, 17, '    ags: "05570999"'), 17, "ahlen", "AGS",
     "eine Gemeinde mit dem AGS „05570999“ gibt es im Kreis Warendorf nicht"),
    ("ags-kreis-missing", replace_line(BASE, 17, '    ags: "05999004"'), 17, "ahlen", "AGS", "kein Kreis"),
    ("ags-town-as-kreisfrei", replace_line(BASE, 15, "    type: kreisfreie-stadt"), 17, "ahlen", "AGS",
     "ist also keine kreisfreie Stadt"),
    ("ags-kreisfrei-as-town", replace_line(BASE, 17, '    ags: "05114000"'), 17, "ahlen", "AGS", "keine kreisangehörige Stadt"),
    ("ags-aachen-as-town", replace_line(BASE, 17, '    ags: "05334002"'), 17, "ahlen", "AGS", "benannte Ausnahme"),
    ("date-impossible", replace_line(BASE, 28, '        date: "2017-02-30"'), 28, "ahlen", "1. Äußerung, Datum", "30. Februar"),
    ("date-month-13", replace_line(BASE, 22, '        date: "2017-13"'), 22, "ahlen", "1. Quelle, Datum", "Monat 13"),
    ("date-garbage", replace_line(BASE, 28, '        date: "Januar 2017"'), 28, "ahlen", "1. Äußerung, Datum", "JJJJ"),
    ("date-non-ascii-digits", replace_line(BASE, 28, '        date: "２０１７"'), 28, "ahlen", "1. Äußerung, Datum",
     "keine Ziffern 0–9"),
    ("date-unquoted-year", replace_line(BASE, 28, "        date: 2017"), 28, "ahlen", "1. Äußerung, Datum", "als Zahl"),
    ("url-javascript", replace_line(BASE, 19, "      - url: javascript:alert(1)"), 19, "ahlen", "1. Quelle, Web-Adresse", "http"),
    ("url-missing-host", replace_line(BASE, 30, "          url: https://"), 30, "ahlen",
     "1. Äußerung, Quelle, Web-Adresse", "http"),
    ("url-unparseable", replace_line(BASE, 19, "      - url: http://[::1/x"), 19, "ahlen", "1. Quelle, Web-Adresse",
     "lässt sich nicht in Servername und Pfad zerlegen"),
    ("url-bad-port", replace_line(BASE, 19, "      - url: http://example.org:99999/"), 19, "ahlen",
     "1. Quelle, Web-Adresse", "keine Portnummer von 0 bis 65535"),
    ("url-port-not-a-number", replace_line(BASE, 19, "      - url: http://example.org:abc/"), 19, "ahlen",
     "1. Quelle, Web-Adresse", "keine Portnummer von 0 bis 65535"),
    ("slug-escape", replace_line(BASE, 12, "  - slug: ../../etc"), 12, "Eintrag 2", "Slug", "kein gültiger Slug"),
    ("slug-uppercase", replace_line(BASE, 12, "  - slug: Ahlen"), 12, "Eintrag 2", "Slug", "kein gültiger Slug"),
    ("slug-trailing-newline", replace_line(BASE, 12, '  - slug: "ahlen\\n"'), 12, "Eintrag 2", "Slug", "„ahlen\\n“"),
    ("former-slug-escape", replace_line(BASE, 35, "    former_slugs: [../ahlen]"), 35, "ahlen", "1. früherer Slug",
     "kein gültiger Slug"),
    ("former-slug-is-current", replace_line(BASE, 35, "    former_slugs: [kreis-warendorf]"), 35, "ahlen", "1. früherer Slug",
     "aktuelle Slug"),
    ("former-slug-twice", replace_line(BASE, 35, "    former_slugs: [ahlen-alt, ahlen-alt]"), 35, "ahlen", "frühere Slugs",
     "mehrfach"),
    ("former-slug-claimed-twice", replace_line(BASE, 11, "    statements: []\n    former_slugs: [ahlen-alt]"), 36, "ahlen",
     "1. früherer Slug", "steht auch bei „kreis-warendorf“"),
    ("unsafe-tag", replace_line(BASE, 13, "    name: !!python/object/apply:os.system [ls]"), 13, "ahlen", "Name", "!!python/"),
    ("int-tag-with-text", replace_line(BASE, 16, '    cohort: !!int "abc"'), 16, "ahlen", "Jahrgang", "YAML-Tag „!!int“"),
    ("huge-number", replace_line(BASE, 16, "    cohort: " + "9" * 5000), 16, "ahlen", "Jahrgang", "zu lang"),
    ("alias", replace_line(replace_line(BASE, 13, "    name: &n Ahlen"), 14, "    official_name: *n"), 14, "ahlen",
     "amtlicher Name", "Verweise"),
    ("merge-key", replace_line(BASE, 14, "    <<: {official_name: Stadt Ahlen}"), 14, "ahlen", "<<", "Merge"),
    ("non-text-key", replace_line(BASE, 14, "    2017: Stadt Ahlen"), 14, "ahlen", "", "„2017“ ist kein gültiger Feldname"),
    ("name-markup", replace_line(BASE, 13, '    name: "<b>Ahlen</b>"'), 13, "ahlen", "Name", "nicht erlaubte Zeichen"),
    ("name-only-spaces", replace_line(BASE, 13, '    name: "   "'), 13, "ahlen", "Name", "nicht erlaubte Zeichen"),
    ("publisher-newline", replace_line(BASE, 20, '        publisher: "Bei\\nspiel"'), 20, "ahlen", "1. Quelle, Herausgeber",
     "„Bei\\nspiel“"),
    ("statement-form", replace_line(BASE, 25, "        form: zitat"), 25, "ahlen", "1. Äußerung, Form", "kein erlaubter Wert"),
    ("reported-in-quotes", replace_line(replace_line(BASE, 24, '      - text: "„Wir freuen uns.“"'), 25, "        form: reported"),
     24, "ahlen", "1. Äußerung, Text", "Anführungszeichen"),
    ("statement-missing-speaker", replace_line(BASE, 26, "        # speaker fehlt"), 24, "ahlen", "1. Äußerung",
     "„speaker“ (Person) fehlt — „speaker:“ ergänzen (unbekannt: null)"),
    ("typo-next-to-missing-field", replace_line(BASE, 26, "        sprecher: Erika Beispiel"), 26, "ahlen", "1. Äußerung, sprecher",
     "meinten Sie „speaker“?"),
    ("source-without-url-and-title", replace_line(replace_line(BASE, 30, "          url: null"), 32, "          title: null"),
     30, "ahlen", "1. Äußerung, Quelle", "weder Web-Adresse"),
    ("empty-file", "", 1, "", "", "leer"),
    ("only-comments", "# nichts\n", 1, "", "", "leer"),
    ("empty-list", "stand: \"2026-11-21\"\ncommunes: []\n", 2, "", "Liste der Kommunen", "die Liste ist leer"),
    ("stand-missing", BASE.replace('stand: "2026-11-21"\n', ""), 1, "", "", "„stand“ (Stand der Angaben) fehlt"),
    ("stand-partial", BASE.replace('stand: "2026-11-21"', 'stand: "2026-11"'), 36, "", "Stand der Angaben",
     "kein vollständiges Datum"),
    ("statement-id-duplicate", BASE.replace("    former_slugs", "      - text: Noch mehr.\n        form: reported\n"
     "        speaker: null\n        role: null\n        date: null\n        source: {url: https://example.org/x, "
     "publisher: null, title: null}\n        id: beispiel-2017-01\n        added: \"2026-11-21\"\n    former_slugs"),
     41, "ahlen", "2. Äußerung, Kennung", "schon die 1. Äußerung"),
    ("statement-added-partial", BASE.replace('added: "2026-11-21"', 'added: "2026"'), 34, "ahlen", "1. Äußerung, Aufnahmedatum",
     "kein vollständiges Datum"),
    ("top-level-typo", "kommunen:\n  - slug: x\nstand: \"2026-11-21\"\n", 1, "", "kommunen", "meinten Sie „communes“?"),
    ("two-documents", BASE + "---\nstand: x\n", 37, "", "", "mehr als ein YAML-Dokument"),
    ("deep-nesting", "stand: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, "", "", "zu tief verschachtelt"),
    ("deep-block-nesting", "".join(" " * i + f"k{i}:\n" for i in range(2000)), 41, "", "", "zu tief verschachtelt"),
    ("control-character", replace_line(BASE, 20, "        publisher: Bei\x01spiel"), 20, "", "", "U+0001"),
]


def diagnostics_for(tmp_path: Path, text: str):
    registry = tmp_path / "communes.yaml"
    registry.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        load(registry, PROGRAMME)
    return info.value.diagnostics


def test_base_fixture_is_valid(tmp_path):
    registry = tmp_path / "communes.yaml"
    registry.write_text(BASE, encoding="utf-8")
    loaded = load(registry, PROGRAMME)
    assert [c.slug for c in loaded.communes] == ["kreis-warendorf", "ahlen"]
    assert loaded.communes[1].statements[0].date.iso == "2017-01"


@pytest.mark.parametrize("name,text,line,subject,field,fragment", CASES, ids=[c[0] for c in CASES])
def test_rule_reports_line_subject_and_field(tmp_path, name, text, line, subject, field, fragment):
    found = diagnostics_for(tmp_path, text)
    matching = [d for d in found if fragment in d.format()]
    assert matching, f"no message with {fragment!r} in:\n" + "\n".join(map(str, found))
    d = matching[0]
    assert (d.line, d.subject, d.field) == (line, subject, field), str(d)
    assert d.fix, "every message says how to fix it"
    assert d.format().startswith(f"{d.file}:{line}:")


def test_all_errors_reported_in_one_run(tmp_path):
    text = replace_line(replace_line(replace_line(BASE, 7, '    ags: "5570"'), 16, "    cohort: 2020"), 19,
                        "      - url: ftp://example.org")
    found = diagnostics_for(tmp_path, text)
    assert {(d.line, d.field) for d in found} >= {(7, "AGS"), (16, "Jahrgang"), (19, "1. Quelle, Web-Adresse")}


def test_duplicate_key_is_not_silently_merged(tmp_path):
    text = replace_line(BASE, 6, "    cohort: 2012\n    cohort: 2017")
    found = diagnostics_for(tmp_path, text)
    assert any(d.line == 7 and "doppelt" in d.problem and "Zeile 6" in d.problem for d in found)


def test_message_format_names_file_line_subject_field():
    from kekiz.sources.diagnostics import Diagnostic
    d = Diagnostic("data/communes.yaml", 12, 5, "krefeld", "ags", "falsch", "so geht es")
    assert d.format() == "data/communes.yaml:12:5: krefeld: ags: falsch — so geht es"


def test_check_command_exit_codes_and_no_traceback(tmp_path):
    bad = tmp_path / "communes.yaml"
    bad.write_text(replace_line(BASE, 16, "    cohrot: 2017"), encoding="utf-8")
    env_run = lambda path: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "kekiz", "check", "--root", str(ROOT)], capture_output=True, text=True,
        env={"KEKIZ_REGISTRY": str(path), "PATH": "/usr/bin:/bin"}, timeout=60)
    failed = env_run(bad)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert f"{bad}:16:5: ahlen: cohrot: unbekanntes Feld" in failed.stderr
    good = tmp_path / "good.yaml"
    good.write_text(BASE, encoding="utf-8")
    passed = env_run(good)
    assert passed.returncode == 0, passed.stderr
    assert "2 Kommunen" in passed.stdout


def test_mkdocs_build_fails_cleanly_and_keeps_last_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site", encoding="utf-8")
    bad = tmp_path / "communes.yaml"
    bad.write_text(replace_line(BASE, 17, "    ags: 05570004"), encoding="utf-8")
    result = run_mkdocs_build(site, registry=bad)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert ":17:" in output and "ahlen: AGS:" in output
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


@pytest.mark.parametrize("line, written, fix, fixed", [
    (17, "    ags: 5570004", 'die 0 ergänzen und den Wert in Anführungszeichen setzen: ags: "05570004"',
     '    ags: "05570004"'),
    (7, "    ags: 5570", 'die 0 ergänzen und den Wert in Anführungszeichen setzen: ags: "05570"', '    ags: "05570"'),
    (17, "    ags: 05570004", 'den Wert in Anführungszeichen setzen: ags: "05570004"', '    ags: "05570004"'),
    (22, '        date: "11.01.2017"', 'das Datum so schreiben: date: "2017-01-11"', '        date: "2017-01-11"'),
    (22, '        date: "1.2017"', 'das Datum so schreiben: date: "2017-01"', '        date: "2017-01"'),
    (22, '        date: "31.02.2017"', "so genau wie die Quelle schreiben", None),  # no such day: no date offered
])
def test_the_suggested_fix_works_the_first_time(tmp_path, line, written, fix, fixed):
    """A leading 0 a spreadsheet dropped, a date written the German way: the fix offers the value
    that passes, not one that fails the next check (walkthrough #21)."""
    (found,) = diagnostics_for(tmp_path, replace_line(BASE, line, written))
    assert found.line == line and found.fix.startswith(fix), found
    if fixed is not None:
        registry = tmp_path / "fixed.yaml"
        registry.write_text(replace_line(BASE, line, fixed), encoding="utf-8")
        load(registry, PROGRAMME)  # raises if the suggested value does not pass


JOINT = BASE.replace("    statements: []\n", "    statements: []\n    joint_application:\n      text: Gemeinsam beworben.\n"
                     "      partners: [Unna, 7]\n      sources: []\n")


@pytest.mark.parametrize("field,line,fragment", [
    ("gemeinsame Bewerbung, 2. Partner", 14, "„7“ steht ohne Anführungszeichen"),
    ("gemeinsame Bewerbung, Quellen", 15, "die Liste ist leer"),
])
def test_joint_application_rules(tmp_path, field, line, fragment):
    found = [d for d in diagnostics_for(tmp_path, JOINT) if d.field == field]
    assert found and fragment in found[0].format() and found[0].line == line, found
    assert found[0].subject == "kreis-warendorf" and found[0].fix


def test_joint_application_is_loaded(tmp_path):
    registry = tmp_path / "communes.yaml"
    registry.write_text(JOINT.replace("[Unna, 7]", "[Beckum, Oelde]").replace("sources: []", "sources:\n"
                        "        - {url: https://example.org/unna, publisher: Kreis}"), encoding="utf-8")
    joint = load(registry, PROGRAMME).communes[0].joint_application
    assert joint.partners == ("Beckum", "Oelde") and joint.text == "Gemeinsam beworben."
    assert joint.sources[0].url == "https://example.org/unna"
    assert joint.later_partners == () and joint.youth_office_for == ()


# -- the towns of a Kreis: names of its Gemeinden as the boundary data spells them ---------------------
TOWNS = BASE.replace("    statements: []\n", "    statements: []\n    joint_application:\n      text: Gemeinsam beworben.\n"
                     "      partners: [Beckum, Oelde]\n"
                     "      later_partners:\n        - name: Telgte\n          joined: \"2013-03\"\n"
                     "      youth_office_for: [Beelen, Ostbevern]\n"
                     "      sources:\n        - {url: https://example.org/kreis, publisher: Kreis}\n"
                     "    all_towns:\n      text: Mit allen Kommunen.\n"
                     "      sources:\n        - {url: https://example.org/alle, publisher: Kreis}\n", 1)


def test_town_lists_and_all_towns_are_loaded(tmp_path):
    registry = tmp_path / "communes.yaml"
    registry.write_text(TOWNS, encoding="utf-8")
    kreis = load(registry, PROGRAMME).communes[0]
    joint = kreis.joint_application
    assert joint.partners == ("Beckum", "Oelde") and joint.youth_office_for == ("Beelen", "Ostbevern")
    assert [(p.name, p.joined.german) for p in joint.later_partners] == [("Telgte", "März 2013")]
    assert kreis.all_towns.text == "Mit allen Kommunen." and kreis.all_towns.sources[0].url == "https://example.org/alle"


@pytest.mark.parametrize("old, new, line, field, problem, fix", [
    ("partners: [Beckum, Oelde]", "partners: [Bekum, Oelde]", 14, "gemeinsame Bewerbung, 1. Partner",
     "„Bekum“ ist keine Stadt oder Gemeinde im Kreis Warendorf", "meinten Sie „Beckum“?"),
    ("partners: [Beckum, Oelde]", "partners: [Beckum, Unna]", 14, "gemeinsame Bewerbung, 2. Partner",
     "„Unna“ ist keine Stadt oder Gemeinde im Kreis Warendorf (eine Gemeinde dieses Namens liegt im Kreis Unna)",
     "den Namen so schreiben, wie die Gebietsdaten ihn führen (data/nrw-geo.json)"),
    ("partners: [Beckum, Oelde]", "partners: [Beckum, Dortmund]", 14, "gemeinsame Bewerbung, 2. Partner",
     "„Dortmund“ ist keine Stadt oder Gemeinde im Kreis Warendorf (so heißt eine kreisfreie Stadt)",
     "oder ihn aus der Liste löschen"),
    ("- name: Telgte", "- name: Telgt", 16, "gemeinsame Bewerbung, 1. später hinzugekommener Partner, Name",
     "„Telgt“ ist keine Stadt oder Gemeinde im Kreis Warendorf", "meinten Sie „Telgte“?"),
    ("youth_office_for: [Beelen, Ostbevern]", "youth_office_for: [Beelen, Beckum]", 18,
     "gemeinsame Bewerbung, 2. Stadt (Jugendamt des Kreises)",
     "„Beckum“ steht schon unter partners (Partner der Bewerbung)", "nur in einer der Listen"),
])
def test_wrong_town_names_are_named_with_kreis_field_and_fix(tmp_path, old, new, line, field, problem, fix):
    assert old in TOWNS
    (found,) = diagnostics_for(tmp_path, TOWNS.replace(old, new, 1))
    assert (found.line, found.subject, found.field) == (line, "kreis-warendorf", field), found.format()
    assert problem in found.problem and fix in found.fix, found.format()
    assert found.format().startswith(f"communes.yaml:{line}:") or f":{line}:" in found.format()


def test_a_vg250_name_is_suggested_for_the_short_name_a_source_uses(tmp_path):
    text = (ROOT / "data" / "communes.yaml").read_text(encoding="utf-8")
    old = 'youth_office_for: ["Bönen", "Fröndenberg/Ruhr", "Holzwickede"]'
    assert old in text
    (found,) = diagnostics_for(tmp_path, text.replace(old, old.replace("Fröndenberg/Ruhr", "Fröndenberg")))
    assert found.subject == "kreis-unna" and found.field == "gemeinsame Bewerbung, 2. Stadt (Jugendamt des Kreises)"
    assert "„Fröndenberg“ ist keine Stadt oder Gemeinde im Kreis Unna" in found.problem
    assert found.fix.startswith("meinten Sie „Fröndenberg/Ruhr“?")


def test_only_a_kreis_has_town_lists_and_all_towns(tmp_path):
    town = BASE.replace("    former_slugs: [ahlen-alt]\n", "    former_slugs: [ahlen-alt]\n    all_towns:\n"
                        "      text: Alle.\n      sources:\n        - {url: https://example.org/a, publisher: P}\n"
                        "    joint_application:\n      text: Gemeinsam.\n      partners: []\n"
                        "      youth_office_for: [Beckum]\n      sources:\n        - {url: https://example.org/b, publisher: P}\n")
    found = diagnostics_for(tmp_path, town)
    by_field = {d.field: d for d in found}
    assert set(by_field) == {"alle Städte und Gemeinden", "gemeinsame Bewerbung, Jugendamt für"}, [d.format() for d in found]
    assert all(d.subject == "ahlen" and "nur bei einem Kreis" in d.problem and d.fix for d in found)
    assert "eine kreisangehörige Stadt" in by_field["alle Städte und Gemeinden"].problem


# -- the file itself: bytes, folders, positions -------------------------------------------------
@pytest.mark.parametrize("raw,line,col,fragment", [
    (BASE.encode().replace(b"Wir freuen", b"Wir fr\xc3\xa4\xffuen"), 24, 22, "0xFF"),        # invalid UTF-8: line:col, not byte
    (BASE.encode().replace(b"publisher: Beispiel\n        title", b"publisher: B\xc3\xa4\x01\n        title"), 20, 22, "U+0001"),
    (BASE.encode().replace(b"    name: Ahlen", b"    name: \xc3\xa4\xc3\xa4 \xc2\x85x\x07"), 13, 16, "U+0007"),
])
def test_file_level_problems_are_reported_by_line_and_column(tmp_path, raw, line, col, fragment):
    registry = tmp_path / "communes.yaml"
    registry.write_bytes(raw)
    found = diagnostics_for_bytes(registry)
    assert any(fragment in d.problem and (d.line, d.column) == (line, col) for d in found), [str(d) for d in found]


def diagnostics_for_bytes(registry: Path):
    with pytest.raises(RegistryError) as info:
        load(registry, PROGRAMME)
    return info.value.diagnostics


def test_byte_order_mark_is_accepted(tmp_path):
    registry = tmp_path / "communes.yaml"
    registry.write_bytes(b"\xef\xbb\xbf" + BASE.encode())
    assert len(load(registry, PROGRAMME).communes) == 2


def test_a_folder_or_missing_file_is_reported(tmp_path):
    (message,) = diagnostics_for_bytes(tmp_path)
    assert "Ordner" in message.problem and message.line == 1
    (message,) = diagnostics_for_bytes(tmp_path / "fehlt.yaml")
    assert "gibt es nicht" in message.problem


def test_programme_file_problems_name_the_programme_file(tmp_path):
    registry = tmp_path / "communes.yaml"
    registry.write_text(BASE, encoding="utf-8")
    programme = tmp_path / "programme.yaml"
    text = PROGRAMME.read_text(encoding="utf-8").replace("- cohort: 2017", "- cohort: 2019", 1)
    text = text.replace('- date: "2011-11-09"', '- date: "2011-13"', 1)
    programme.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        load(registry, programme)
    messages = [d for d in info.value.diagnostics if d.file.endswith("programme.yaml")]
    assert any("Monat 13" in d.problem and d.field == "1. Meilenstein, Datum" for d in messages), messages
    assert any("2019" in d.problem and d.field == "2. Jahrgang, Jahrgang" for d in messages), messages
    assert any("Jahrgangs 2017" in d.problem for d in messages), messages


def test_more_than_a_hundred_problems_are_cut_with_a_note(tmp_path):
    text = BASE.replace("    statements: []\n", "    statements: []\n" + "".join(f"    x{i}: 1\n" for i in range(300)), 1)
    registry = tmp_path / "communes.yaml"
    registry.write_text(text, encoding="utf-8")
    found = diagnostics_for_bytes(registry)
    assert len(found) == 101 and sum("nicht gezeigt" in d.problem for d in found) == 1


def test_every_real_kreis_and_gemeinde_passes_check_and_build_alike(tmp_path, monkeypatch):
    """What `make check` accepts, the build's map step accepts too: one entry for every area of NRW."""
    import json

    from kekiz.model import nrw
    from kekiz.sources import load_inputs

    geo = json.loads((ROOT / "data" / "nrw-geo.json").read_text(encoding="utf-8"))
    entries = []
    for area in geo["kreise"] + geo["gemeinden"]:
        ags = area["ags"]
        kreisfrei = nrw.KREISE[ags[:5]][1]
        if len(ags) == 5:
            if kreisfrei:
                continue  # a kreisfreie Stadt is entered with its 8-digit AGS
            kind = "kreis"
        else:
            kind = "kreisfreie-stadt" if kreisfrei or ags == "05334002" else "kreisangehoerige-stadt"
        entries.append(f'  - {{slug: a{ags}, name: Ort, official_name: Ort, type: {kind}, cohort: 2017, ags: "{ags}", '
                       "sources: [{url: 'https://example.org/', publisher: P}], statements: []}\n")
    registry = tmp_path / "communes.yaml"
    registry.write_text('stand: "2026-11-21"\ncommunes:\n' + "".join(entries), encoding="utf-8")
    loaded = load(registry, PROGRAMME)
    assert len(loaded.communes) == 396 + 53 - 22
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    for name in ("programme.yaml", "glossary.yaml", "barrierefreiheit.yaml", "nrw-geo.json", "special-cases.json", "special-cases.schema.json",
                 "communes.schema.json", "programme.schema.json", "glossary.schema.json", "barrierefreiheit.schema.json",
                 "sources-allowlist.txt", "zensus2022-einwohner.csv", "zensus2022-einwohner.yaml",
                 "zensus2022-einwohner.schema.json"):
        (project / "data" / name).symlink_to(ROOT / "data" / name)
    (project / "data" / "communes.yaml").symlink_to(registry)
    monkeypatch.delenv("KEKIZ_REGISTRY", raising=False)
    assert len(load_inputs(project).registry.communes) == 396 + 53 - 22  # every area has its outline


def test_a_hostile_file_costs_a_bounded_number_of_slow_walks(tmp_path):
    """Linear time, counted rather than timed: however many entries are broken, jsonschema walks
    at most about MAX_MESSAGES of them; the rest is one pass of the reader and the compiled check."""
    import json

    from kekiz.sources.contract import MAX_MESSAGES, Contract
    from kekiz.sources.yamlsource import read_yaml

    contract = Contract(json.loads((ROOT / "data" / "communes.schema.json").read_text(encoding="utf-8")))
    fast, slow = contract.entry_lists["communes"]
    walked = []

    class CountingValidator:
        def iter_errors(self, entry):
            walked.append(entry)
            return slow.iter_errors(entry)

    contract.entry_lists["communes"] = (fast, CountingValidator())
    registry = tmp_path / "communes.yaml"
    registry.write_text('stand: "2026-11-21"\ncommunes:\n' + "  - {slug: 5, nmae: [1]}\n" * 5000, encoding="utf-8")
    found = contract.diagnostics(read_yaml(registry, "communes.yaml"))
    assert len(found) == MAX_MESSAGES + 1 and "nicht gezeigt" in found[-1].problem
    assert 0 < len(walked) <= MAX_MESSAGES


@pytest.mark.parametrize("text,fragment", [
    (replace_line(BASE, 5, "    type: kreiss"), "meinten Sie „kreis“?"),
    (replace_line(BASE, 5, "    typ: kreis"), "meinten Sie „type“?"),
    (replace_line(BASE, 15, "    type: kreisangehörige-stadt"), "meinten Sie „kreisangehoerige-stadt“?"),
    (replace_line(BASE, 26, "        sprecher: Erika Beispiel"), "meinten Sie „speaker“?"),
    (replace_line(BASE, 25, "        from: quote"), "meinten Sie „form“?"),
    (replace_line(BASE, 20, "        herausgeber: Beispiel"), "meinten Sie „publisher“?"),
])
def test_one_typo_gives_one_message(tmp_path, text, fragment):
    (message,) = diagnostics_for(tmp_path, text)
    assert fragment in message.fix, str(message)


def test_named_exceptions_are_sourced_and_name_real_areas():
    """Aachen: a kreisfreie Stadt whose AGS lies in the StädteRegion — data, with sources and a caveat."""
    import json

    from kekiz.model import nrw
    special = json.loads((ROOT / "data" / "special-cases.json").read_text(encoding="utf-8"))
    geo = json.loads((ROOT / "data" / "nrw-geo.json").read_text(encoding="utf-8"))
    gemeinden = {g["ags"]: g["name"] for g in geo["gemeinden"]}
    (aachen,) = special["kreisfreie_staedte_in_kreisen"]
    assert aachen["ags"] == "05334002" and gemeinden[aachen["ags"]] == aachen["name"] == "Aachen"
    assert aachen["kreis_ags"] == aachen["ags"][:5] and nrw.KREISE[aachen["kreis_ags"]] == ("StädteRegion Aachen", False)
    assert all(s["url"].startswith(("http://", "https://")) and s["publisher"] and s["says"] for s in aachen["sources"])
    assert "Allgemeinwissen" in aachen["caveat"] and "C3" in aachen["caveat"]


def _project_with_special_cases(tmp_path: Path, text: str) -> Path:
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    for path in (ROOT / "data").iterdir():
        if path.name != "special-cases.json":
            (project / "data" / path.name).symlink_to(path)
    (project / "data" / "special-cases.json").write_text(text, encoding="utf-8")
    return project


@pytest.mark.parametrize(("change", "line", "expected"), [
    (('"ags": "05334002"', '"ags": "5334002"'), 5, "kein Gemeindeschlüssel in NRW"),
    (('"says": "zählt Aachen zu den kreisfreien Städten"', '"says": "x\\u202ey"'), 14, "U+202E"),
    (('"publisher": "MAGS NRW",', '"publisher": "MAGS NRW", "farbe": 1,'), 18, "farbe"),
    (('"url": "https://www.mags.nrw/', '"url": "https://www mags.nrw/'), 17, "keine Web-Adresse"),
])
def test_the_named_exceptions_are_checked_against_their_schema(tmp_path, monkeypatch, change, line, expected):
    """issue 19: data/special-cases.json goes through the same door as every data file."""
    from kekiz.sources import load_inputs

    text = (ROOT / "data" / "special-cases.json").read_text(encoding="utf-8")
    assert change[0] in text
    project = _project_with_special_cases(tmp_path, text.replace(change[0], change[1], 1))
    monkeypatch.delenv("KEKIZ_REGISTRY", raising=False)
    with pytest.raises(RegistryError) as caught:
        load_inputs(project)
    (problem,) = caught.value.diagnostics
    assert (problem.file, problem.line) == ("data/special-cases.json", line), problem.format()
    assert expected in problem.format()


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"kreisfreie_staedte_in_kreisen": [', "\x00", ""])
def test_hostile_named_exceptions_get_german_messages(tmp_path, monkeypatch, text):
    from kekiz.sources import load_inputs

    project = _project_with_special_cases(tmp_path, text)
    monkeypatch.delenv("KEKIZ_REGISTRY", raising=False)
    with pytest.raises(RegistryError) as caught:
        load_inputs(project)
    assert {d.file for d in caught.value.diagnostics} == {"data/special-cases.json"}


def test_the_boundary_data_are_read_once_per_check(tmp_path, monkeypatch):
    """load_inputs hands the registry rules the boundary data it read (no second read, no stale cache)."""
    import kekiz.sources.geodata as geodata
    from kekiz.sources import load_inputs

    calls = []
    real = geodata.load_geodata
    monkeypatch.setattr(geodata, "load_geodata", lambda *a, **k: calls.append(a) or real(*a, **k))
    monkeypatch.setattr("kekiz.sources.load_geodata", geodata.load_geodata)
    monkeypatch.setattr("kekiz.sources.registry.load_geodata", geodata.load_geodata)
    monkeypatch.delenv("KEKIZ_REGISTRY", raising=False)
    load_inputs(ROOT)
    assert len(calls) == 1


def test_a_kommune_without_an_outline_in_the_boundary_data_is_named_with_its_line(tmp_path, monkeypatch):
    """Registry and boundary data are checked together before anything is rendered: a Kommune the
    maps could not draw is an editor's message, with the registry's file and line (the registry's
    AGS rule reads the same boundary data)."""
    import json

    from kekiz.sources import load_inputs
    from kekiz.sources.diagnostics import RegistryError

    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    for path in (ROOT / "data").iterdir():
        if path.name != "nrw-geo.json":
            (project / "data" / path.name).symlink_to(path)
    geo = json.loads((ROOT / "data" / "nrw-geo.json").read_text(encoding="utf-8"))
    geo["kreise"] = [k for k in geo["kreise"] if k["ags"] != "05114"]  # Krefeld
    geo["gemeinden"] = [g for g in geo["gemeinden"] if not g["ags"].startswith("05114")]
    (project / "data" / "nrw-geo.json").write_text(json.dumps(geo), encoding="utf-8")
    monkeypatch.delenv("KEKIZ_REGISTRY", raising=False)
    with pytest.raises(RegistryError) as caught:
        load_inputs(project)
    problems = caught.value.diagnostics
    # the census table names Krefeld's Gemeinde too: it is no longer in the boundary data
    assert {d.file for d in problems} == {"data/communes.yaml", "data/zensus2022-einwohner.csv"}
    (problem,) = [d for d in problems if d.file == "data/communes.yaml"]
    lines = (ROOT / "data" / "communes.yaml").read_text(encoding="utf-8").splitlines()
    entry = lines.index('  - slug: "krefeld"')
    line = next(i for i, text in enumerate(lines[entry:], entry + 1) if text.strip().startswith("ags:"))
    assert (problem.file, problem.line, problem.subject) == ("data/communes.yaml", line, "krefeld")
    assert "05114" in problem.problem and problem.fix


def test_an_unknown_marker_in_a_hand_written_page_stops_the_build_before_the_output_folder_is_touched(tmp_path):
    """`mkdocs build -d OUT` empties OUT right after the configuration is read: a mistyped marker
    must be found before that, with its file and line, and OUT must keep the last good site."""
    import os
    import shutil
    import subprocess
    import sys

    project = tmp_path / "project"
    project.mkdir()
    for name in ("data", "overrides", "hooks"):
        (project / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    page = project / "docs" / "karte" / "index.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "<!-- kekiz:karte-grosss -->")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("die letzte gute Website", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "KEKIZ_REGISTRY"} | {"NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "docs/karte/index.md:3:1: unbekannter Platzhalter „kekiz:karte-grosss“" in output, output
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "die letzte gute Website"
    # `make check` refuses what the build refuses, with the same message
    check = subprocess.run([sys.executable, "-m", "kekiz", "check", "--root", str(project)], cwd=project, env=env,
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 1 and "docs/karte/index.md:3:1: unbekannter Platzhalter „kekiz:karte-grosss“" in check.stderr


@pytest.mark.parametrize("character", ["\u202e", "\u200b", "\u2028", "\u0085", "\u0092", "\ufeff", "\u00ad", "\u2066"])
@pytest.mark.parametrize("field, old", [("name", 'name: "Krefeld"'), ("official_name", 'official_name: "Stadt Krefeld"')])
def test_an_invisible_character_in_a_text_is_named_with_its_code_and_place(tmp_path, character, field, old):
    """One policy for every text field: controls, separators and invisible formatting characters
    (a right-to-left override turns the text around on screen) are refused, by code and place."""
    text = (ROOT / "data" / "communes.yaml").read_text(encoding="utf-8")
    value = old.split('"')[1]
    broken = value[:3] + f"\\u{ord(character):04x}" + value[3:]  # a YAML escape, as an editor may paste it
    registry = tmp_path / "communes.yaml"
    registry.write_text(text.replace(old, old.replace(value, broken), 1), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load(registry, PROGRAMME)
    (problem,) = caught.value.diagnostics
    assert problem.subject == "krefeld" and f"(U+{ord(character):04X}) an Stelle 4" in problem.problem
    assert character not in problem.format()  # shown as an escape, never raw


def test_an_accessibility_text_of_only_spaces_is_refused(tmp_path):
    import re

    from kekiz.sources.accessibility import load_accessibility_statement
    text = (ROOT / "data" / "barrierefreiheit.yaml").read_text(encoding="utf-8")
    method = re.search(r"(?ms)^method: .*?\n(?=\S)", text)
    assert method, "data/barrierefreiheit.yaml names its method"
    path = tmp_path / "barrierefreiheit.yaml"
    path.write_text(text.replace(method.group(0), 'method: "   "\n'), encoding="utf-8")
    (tmp_path / "barrierefreiheit.schema.json").symlink_to(ROOT / "data" / "barrierefreiheit.schema.json")
    with pytest.raises(RegistryError) as caught:
        load_accessibility_statement(path, "data/barrierefreiheit.yaml")
    assert any("leer" in d.problem for d in caught.value.diagnostics), caught.value.diagnostics
