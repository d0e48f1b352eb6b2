"""German problem and fix texts for editors and operators, by input: the place to fix a message.

Every problem and fix text that kekiz.sources produces is worded here; the modules that detect a
problem only fill in the values. A constant or function gives a (problem, fix) pair, a piece of
one, or one finished line. Values from the editors' files arrive already shortened and escaped
(`kekiz.sources.diagnostics.shown`), so nothing here can split or forge a message; this module
imports nothing of kekiz.sources, so every module there can use it.

Field rules that a schema states carry their texts in the schema itself (`errorMessage`,
`patternErrorMessage` and `title` in data/*.schema.json), where editors' tools show them too.
A message is printed as `file:line:column: Kommune: field: problem — fix` (diagnostics.py).
If a frequent message changes, update the table under „Fehlermeldungen“ in CONTRIBUTING.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from kekiz.model.registry import GERMAN_MONTHS

_Message = tuple[str, str]  # (what is wrong, how to fix it)


# -- any file: reading it (yamlsource.py) ----------------------------------------------------------
FILE_MISSING: _Message = ("die Datei gibt es nicht",
                          "den Pfad prüfen (für das Register auch die Variable KEKIZ_REGISTRY)")
FILE_IS_A_FOLDER: _Message = ("das ist ein Ordner, keine Datei",
                              "den Pfad zur YAML-Datei angeben (für das Register auch die Variable KEKIZ_REGISTRY)")
FILE_EMPTY: _Message = ("die Datei ist leer", "die Felder der Datei eintragen (siehe CONTRIBUTING.md)")


def file_unreadable(reason: str) -> _Message:
    return f"die Datei lässt sich nicht lesen ({reason})", "Pfad und Zugriffsrechte prüfen"


def not_utf8(byte: int) -> _Message:
    return (f"an dieser Stelle steht ein Byte (0x{byte:02X}), das kein UTF-8 ist",
            "die Datei im Editor als UTF-8 speichern (in VS Code: unten rechts auf die Kodierung klicken)")


def control_character(codepoint: int) -> _Message:
    return (f"unzulässiges Steuerzeichen U+{codepoint:04X}",
            "das Zeichen löschen (es ist oft unsichtbar: die Stelle markieren und neu tippen)")


# -- any YAML file: its structure (yamlsource.py) ----------------------------------------------------
SECOND_DOCUMENT: _Message = ("die Datei enthält mehr als ein YAML-Dokument (Zeile mit ---)",
                             "die Zeile mit --- und alles danach entfernen oder in eine eigene Datei verschieben")
ALIAS: _Message = ("Verweise mit * (YAML-Alias) werden nicht unterstützt", "die Angaben an dieser Stelle ausschreiben")
MERGE_KEY: _Message = ("„<<“ (YAML-Merge) wird nicht unterstützt", "die Felder an dieser Stelle ausschreiben")
TAB_IN_INDENTATION: _Message = ("ein Tabulator steht in der Einrückung",
                                "Einrückung nur mit Leerzeichen, nicht mit Tabulatoren")


# A YAML reader error that names no position (bad characters are found before the reader runs).
YAML_ERROR: _Message = ("die Datei lässt sich als YAML nicht lesen",
                        "die Datei im Editor als UTF-8 speichern und auf Sonderzeichen prüfen")


def too_deep(levels: int) -> _Message:
    return (f"zu tief verschachtelt (mehr als {levels} Ebenen)",
            "Einrückung und Klammern prüfen; das Register braucht nur wenige Ebenen")


def invalid_key(key: str) -> _Message:
    return (f"„{key}“ ist kein gültiger Feldname",
            "Feldnamen sind Wörter wie slug, name oder ags, gefolgt von einem Doppelpunkt")


def duplicate_key(key: str, first_line: int) -> _Message:
    return (f"das Feld „{key}“ steht doppelt in diesem Eintrag (zuerst in Zeile {first_line})",
            "eines der beiden Felder löschen; YAML würde sonst stillschweigend nur das letzte behalten")


def tag_not_allowed(tag: str) -> _Message:
    return f"der YAML-Tag „{tag}“ ist nicht erlaubt", "den Tag (!!…) weglassen; für Text Anführungszeichen verwenden"


def number_too_long(count: int, *, digits: bool) -> _Message:
    """An integer of `count` digits, or a float of `count` characters."""
    return (f"die Zahl ist zu lang ({count} {'Ziffern' if digits else 'Zeichen'})",
            "einen Text in Anführungszeichen setzen oder die Zahl berichtigen")


def value_cannot_start_with(character: str) -> _Message:
    return f"ein Wert darf nicht mit „{character}“ beginnen", "den ganzen Wert in Anführungszeichen setzen"


def unclosed_quote(quote: str) -> _Message:
    """A quoted text that the file never closes: reported where it opens."""
    return (f"das Anführungszeichen {quote}, das hier beginnt, wird nicht geschlossen",
            f"am Ende des Werts das schließende {quote} ergänzen")


UNCLOSED_LIST = ("die eckige Klammer [, die hier eine Liste beginnt, wird nicht geschlossen",
                 "die schließende ] ergänzen oder die Einträge mit Komma trennen")
UNCLOSED_FIELDS = ("die geschweifte Klammer {, die hier beginnt, wird nicht geschlossen",
                   "die schließende } ergänzen oder die Felder mit Komma trennen")


def key_too_long(limit: int) -> _Message:
    return (f"der Feldname ist länger als {limit} Zeichen (das erlaubt YAML nicht)",
            "einen kurzen Feldnamen schreiben; steht hier Text, ihn hinter „name: “ als Wert eintragen")


NOT_UTF8_BUT_UTF16 = ("die Datei ist in UTF-16 gespeichert, nicht in UTF-8",
                      "die Datei im Editor als UTF-8 speichern (in VS Code: unten rechts auf die Kodierung klicken)")


# A libyaml message that yaml_syntax does not know: never libyaml's English text in a German message.
YAML_SYNTAX_OTHER: _Message = (
    "an dieser Stelle ist die YAML-Schreibweise verletzt",
    "Einrückung (nur Leerzeichen), Doppelpunkte und Anführungszeichen in dieser Zeile und der Zeile davor prüfen")


def yaml_syntax(max_depth: int) -> list[tuple[str, str, str]]:
    """libyaml's messages in German with a fix: (fragment of libyaml's English text, problem, fix)."""
    return [
        ("mapping values are not allowed",
         "ein Doppelpunkt mit Leerzeichen danach ist hier nicht erlaubt",
         "steht „: “ im Text, den ganzen Wert in Anführungszeichen setzen; sonst die Einrückung prüfen"),
        ("did not find expected key",
         "hier wird ein weiteres Feld („name: wert“) erwartet",
         ("die Einrückung dieser Zeile an die Felder darüber angleichen (nur Leerzeichen); "
          "Text mit Anführungszeichen darin in einfache Anführungszeichen '…' setzen")),
        ("did not find expected '-' indicator",
         "hier wird ein Listeneintrag („- …“) erwartet",
         "die Einrückung an die Listeneinträge darüber angleichen"),
        ("could not find expected ':'",
         "nach dem Feldnamen fehlt der Doppelpunkt",
         "„name: wert“ schreiben; mehrzeiligen Text in Anführungszeichen setzen"),
        ("found unexpected end of stream",
         "die Datei endet mitten in einem Wert",
         "ein Anführungszeichen oder eine Klammer ist nicht geschlossen: den Wert ab dieser Stelle prüfen"),
        ("found unknown escape character",
         "unbekannte Escape-Folge mit \\ in doppelten Anführungszeichen",
         "den Text in einfache Anführungszeichen '…' setzen oder den Backslash verdoppeln (\\\\)"),
        ("did not find expected ',' or ']'",
         "eine Liste in eckigen Klammern ist nicht geschlossen",
         "die schließende ] ergänzen oder Einträge mit Komma trennen"),
        ("did not find expected ',' or '}'",
         "Felder in geschweiften Klammern sind nicht geschlossen",
         "die schließende } ergänzen oder Felder mit Komma trennen"),
        ("did not find expected node content",
         "hier fehlt ein Wert",
         "einen Wert eintragen oder die Zeile löschen"),
        ("block sequence entries are not allowed",
         "ein Listeneintrag („- “) steht an einer Stelle, an der keine Liste beginnen kann",
         "den Eintrag in eine eigene Zeile unter dem Feldnamen schreiben und einrücken"),
        ("did not find expected alphabetic or numeric character",
         "nach & oder * fehlt ein Name (YAML-Anker oder -Verweis)",
         "beginnt der Wert mit & oder *, den ganzen Wert in Anführungszeichen setzen"),
        ("found undefined alias", *ALIAS),
        ("expected <document start>",
         "hier beginnt unerwartet ein neuer Teil",
         "die Einrückung dieser Zeile prüfen: sie gehört zu einem Feld darüber"),
        ("exceeded maximum nesting depth", *too_deep(max_depth)),
        ("found a tab character", *TAB_IN_INDENTATION),
        ("did not find expected comment or line break",
         "nach dem Wert steht in derselben Zeile noch etwas",
         "den ganzen Wert in Anführungszeichen setzen, oder den Rest in eine eigene Zeile schreiben"),
        ("did not find expected whitespace or line break",
         "hier fehlt ein Leerzeichen oder ein Zeilenende",
         "nach „-“, „:“ oder einem Zeichen wie | und > ein Leerzeichen setzen"),
        ("found an indentation indicator equal to 0",
         "nach | oder > steht eine 0 als Einrückung",
         "die Ziffer weglassen: einfach | oder > schreiben und den Text darunter einrücken"),
        ("found unexpected document indicator",
         "in einem Text in Anführungszeichen beginnt eine Zeile mit --- oder ...",
         "die Zeile einrücken oder den Text anders umbrechen"),
        ("did not find expected hexdecimal number",
         "nach \\x, \\u oder \\U fehlen Ziffern",
         "den Text in einfache Anführungszeichen '…' setzen oder den Backslash verdoppeln (\\\\)"),
        ("found invalid Unicode character escape code",
         "diese Escape-Folge mit \\u nennt kein gültiges Zeichen",
         "das Zeichen selbst eintippen statt der Escape-Folge"),
        ("found incompatible YAML document",
         "die Datei verlangt eine YAML-Version, die es nicht gibt oder die hier nicht gilt (%YAML)",
         "die Zeile mit %YAML löschen"),
        ("found duplicate %YAML directive",
         "die Zeile %YAML steht doppelt",
         "die Zeilen mit %YAML löschen"),
        ("directive",
         "eine Zeile, die mit % beginnt, ist keine gültige YAML-Anweisung",
         "die Zeile löschen; beginnt hier ein Text mit %, ihn in Anführungszeichen setzen"),
        ("found undefined tag handle",
         "ein Wert beginnt mit ! (ein YAML-Typ, den es hier nicht gibt)",
         "den ganzen Wert in Anführungszeichen setzen"),
        ("tag",
         "ein Wert beginnt mit ! (ein YAML-Typ, den es hier nicht gibt)",
         "den ganzen Wert in Anführungszeichen setzen"),
        ("URI",
         "ein Wert beginnt mit ! (ein YAML-Typ, den es hier nicht gibt)",
         "den ganzen Wert in Anführungszeichen setzen"),
        ("mapping keys are not allowed",
         "ein „?“ leitet hier ein Feld ein, das es an dieser Stelle nicht geben kann",
         "beginnt der Wert mit ?, ihn in Anführungszeichen setzen"),
        ("found character that cannot start any token",
         "mit diesem Zeichen kann hier kein Wert beginnen",
         "den ganzen Wert in Anführungszeichen setzen"),
        ("UTF-8 octet",
         "an dieser Stelle steht ein Byte, das kein UTF-8 ist",
         "die Datei im Editor als UTF-8 speichern"),
    ]


# -- formats the schemas name: kekiz-datum, kekiz-web-adresse (formats.py) -------------------------
def no_such_day(day: int, month: int, year: int) -> str:
    return f"den {day}. {GERMAN_MONTHS[month - 1]} {year} gibt es nicht"


def no_such_month(month: str) -> str:
    return f"den Monat {month} gibt es nicht"


def no_such_day_number(day: str) -> str:
    return f"den Tag {day} gibt es nicht"


DIGITS_NOT_ASCII = "enthält Ziffern, die keine Ziffern 0–9 sind"


def date_as_iso(key: str | None, iso: str) -> str:
    """The fix for a date written the German way (02.03.2012): the same date as the registry writes it."""
    return f'das Datum so schreiben: {key}: "{iso}"' if key else f'das Datum so schreiben: "{iso}"'



# -- any file checked against its JSON Schema (contract.py) ----------------------------------------
NO_FIELDS: _Message = ("die Datei enthält keine Felder", "die Felder der Datei eintragen (siehe CONTRIBUTING.md)")
TEXT_EMPTY = "der Text ist leer"
CONTROL_CHARACTER_IN_TEXT = "enthält einen Zeilenumbruch oder ein anderes Steuerzeichen"


INVISIBLE_FIX = "das Zeichen löschen: den Text neu tippen oder ohne Formatierung einfügen"


def invisible_in_setting(code: int, position: int) -> tuple[str, str]:
    return invisible_character(code, position), INVISIBLE_FIX


def invisible_character(code: int, position: int) -> str:
    """A character that is no text (a control, a line separator, an invisible formatting mark such as
    U+202E, which turns the text around on screen), named by its code so it can be found."""
    kind = {0x0a: "einen Zeilenumbruch", 0x0d: "einen Zeilenumbruch", 0x09: "einen Tabulator",
            0x2028: "einen Zeilentrenner", 0x2029: "einen Absatztrenner"}.get(code, "ein unsichtbares Steuerzeichen")
    return f"enthält {kind} (U+{code:04X}) an Stelle {position}"
PATTERN_DEFAULT = "entspricht nicht der Vorgabe — den Wert prüfen"  # a pattern whose schema gives no text
CHECK_THE_VALUE = "den Wert prüfen"  # the fix when a schema's text names none
NOT_A_DAY_OF_THAT_MONTH = "das Datum berichtigen: diesen Tag hat der Monat nicht"
COPY_THE_FULL_ADDRESS = "die vollständige Adresse aus der Adresszeile des Browsers kopieren"
LIST_ITEM_TWICE: _Message = ("ein Eintrag steht mehrfach in der Liste", "den doppelten Eintrag löschen")
ENTRY = "Eintrag"  # an entry whose schema has no title, and an entry without a usable slug


def more_not_shown(limit: int) -> _Message:
    return (f"weitere Fehler ab hier nicht gezeigt (höchstens {limit} Meldungen je Datei)",
            "erst die gezeigten Fehler beheben, dann erneut prüfen")


def did_you_mean(guess: str) -> str:
    return f"meinten Sie „{guess}“?"


def allowed_fields(names: Iterable[str]) -> str:
    return "erlaubt sind: " + ", ".join(names)


def _allowed_values(values: Iterable[object]) -> str:
    words = [str(v) for v in values]
    listed = ", ".join(words[:-1]) + " oder " + words[-1] if len(words) > 1 else "".join(words)
    return "erlaubt sind: " + listed


def unknown_field(key: str) -> str:
    return f"unbekanntes Feld „{key}“"


def required_field_missing(key: str, title: str | None, allowed: list | None, nullable: bool) -> _Message:
    """A required field that is not there; `title` is its German name from the schema."""
    named = f"„{key}“" + (f" ({title})" if title and title != key else "")
    fix = f"„{key}:“ ergänzen"
    if allowed is not None:
        fix += ", " + _allowed_values(allowed)
    elif nullable:
        fix += " (unbekannt: null)"
    return f"das Pflichtfeld {named} fehlt", fix


def value_not_allowed(value: str, allowed: list, *, numbers_in_quotes: bool = False, guess: str | None = None) -> _Message:
    fix = _allowed_values(allowed)
    if numbers_in_quotes:
        fix += " (Zahlen ohne Anführungszeichen)"
    elif guess is not None:
        fix = did_you_mean(guess) + " " + fix
    return f"„{value}“ ist kein erlaubter Wert", fix


def value_problem(value: str, problem: str) -> str:
    """A rule's problem for one value: "„2017-13“: den Monat 13 gibt es nicht"."""
    return f"„{value}“: {problem}"


def text_too_long(length: int, limit: int) -> _Message:
    return f"der Text ist zu lang ({length} Zeichen, höchstens {limit})", "den Text kürzen"


TEXT_MISSING: _Message = (TEXT_EMPTY, "einen Text eintragen")


def too_few_entries(count: int, need: int) -> _Message:
    return ("die Liste ist leer" if not count else f"zu wenige Einträge ({count})",
            f"mindestens {need} {'Eintrag' if need == 1 else 'Einträge'} angeben")


def too_many_entries(count: int, limit: object) -> _Message:
    return f"zu viele Einträge ({count}, höchstens {limit})", "überzählige Einträge löschen"


def breaks_the_rule(value: str, rule: str) -> _Message:
    """A schema rule without a German text of its own."""
    return f"„{value}“ entspricht nicht der Vorgabe ({rule})", "den Wert mit der Beschreibung im Schema vergleichen"


# The kinds of value a schema expects ("hier wird ein Text erwartet") ...
_KIND_WORDS = {"string": "ein Text", "object": "Felder (name: wert)", "array": "eine Liste",
              "integer": "eine Zahl", "number": "eine Zahl", "boolean": "true oder false", "null": "null"}


def found_kind(kind: str, value: str = "") -> str:
    """... and the kind that was found, with the value as written for a scalar."""
    return {"null": "nichts (leer)", "boolean": f"Wahrheitswert ({value})", "number": f"Zahl ({value})",
            "string": f"Text („{value}“)", "array": "eine Liste"}.get(kind, "Felder (name: wert)")


def wrong_kind(expected: list[str], nullable: bool, found: str) -> _Message:
    words = " oder ".join(_KIND_WORDS.get(t, t) for t in expected) + (" oder null" if nullable else "")
    fix = {"object": "Einrückung prüfen: Felder stehen als „name: wert“ untereinander",
           "array": "jeden Listeneintrag in eine eigene Zeile mit „- “ schreiben (leer: [])",
           "string": "den Wert in Anführungszeichen setzen"}.get(expected[0] if expected else "", "den Wert berichtigen")
    return f"hier wird {words} erwartet, gefunden: {found}", fix


def empty_value(expected: str) -> _Message:
    """No value where the schema expects one of kind `expected` (string, array, object)."""
    what = {"string": "einen Text", "array": "eine Liste (leer: [])", "object": "die Felder"}.get(expected, "einen Wert")
    return "der Wert ist leer", f"{what} eintragen"


def read_as_other_than_text(raw: str, boolean: bool, leading_zero: bool, example: str) -> _Message:
    """A plain value YAML reads as a number or truth value where the schema wants text."""
    read_as = "Wahrheitswert" if boolean else "Zahl"
    lost = " (eine führende Null geht dabei verloren)" if leading_zero else ""
    return (f"„{raw}“ steht ohne Anführungszeichen und wird so als {read_as} gelesen{lost}",
            f"den Wert in Anführungszeichen setzen: {example}")


def zero_already_lost(raw: str, example: str) -> _Message:
    """A number whose leading 0 is gone already (a spreadsheet drops it): the field's rule needs it."""
    return (f"„{raw}“ steht ohne Anführungszeichen und wird so als Zahl gelesen; vorne fehlt die 0 "
            "(eine Tabelle lässt sie oft weg)", f"die 0 ergänzen und den Wert in Anführungszeichen setzen: {example}")


def entry_number(index: int) -> str:
    """An entry named by its place in the list (1-based), when its slug cannot name it."""
    return f"{ENTRY} {index}"


# -- registry and programme: data/communes.yaml, data/programme.yaml (registry.py) ----------------
REGISTRY_EMPTY: _Message = ("die Datei ist leer", "die Felder der Datei eintragen")
_LOOK_UP_THE_AGS = "den AGS im Gemeindeverzeichnis (Destatis) nachschlagen"
_NEW_STATEMENT_ID = "eine eigene Kennung wählen, z. B. mit angehängtem -2; vorhandene Kennungen nie ändern"


def schema_unreadable(detail: str) -> _Message:
    return f"das Schema lässt sich nicht lesen ({detail})", "die Datei aus dem Repository wiederherstellen (git checkout)"


def slug_taken(slug: str, line: int) -> _Message:
    return f"der Slug „{slug}“ ist schon vergeben (Zeile {line})", "jeder Kommune einen eigenen Slug geben"


def ags_taken(ags: str, slug: str) -> _Message:
    return f"der AGS „{ags}“ gehört schon zu „{slug}“", "den AGS prüfen: jede Kommune steht nur einmal im Register"


def statement_id_taken(sid: str, number: int) -> _Message:
    return f"die Kennung „{sid}“ hat schon die {number}. Äußerung dieser Kommune", _NEW_STATEMENT_ID


def programme_statement_id_taken(sid: str, number: int) -> _Message:
    return f"die Kennung „{sid}“ hat schon die {number}. Äußerung zum Programm", _NEW_STATEMENT_ID


def former_slug_is_current(old: str) -> _Message:
    return (f"der frühere Slug „{old}“ ist der aktuelle Slug einer Kommune",
            "den Eintrag aus former_slugs löschen; eine Adresse kann nur auf eine Seite führen")


def former_slug_elsewhere(old: str, slug: str) -> _Message:
    return (f"der frühere Slug „{old}“ steht auch bei „{slug}“",
            "ihn nur bei der Kommune lassen, zu der die alte Adresse gehörte")


def no_such_kreis(kreis_ags: str) -> _Message:
    return f"„{kreis_ags}“ ist kein Kreis und keine kreisfreie Stadt in NRW", _LOOK_UP_THE_AGS


def kreisfrei_not_kreis(ags: str, name: str) -> _Message:
    return (f"„{ags}“ ist der Schlüssel der kreisfreien Stadt {name}, nicht eines Kreises",
            "den Typ auf kreisfreie-stadt ändern und den 8-stelligen AGS eintragen")


def no_such_gemeinde(ags: str, in_kreis: str) -> _Message:
    """`in_kreis`: where it was looked for, e.g. "im Kreis Unna"."""
    return f"eine Gemeinde mit dem AGS „{ags}“ gibt es {in_kreis} nicht", _LOOK_UP_THE_AGS + " (die letzten drei Ziffern)"


def not_kreisfrei(ags: str, name: str, in_kreis: str) -> _Message:
    return (f"„{ags}“ ({name}) liegt {in_kreis}, ist also keine kreisfreie Stadt",
            "den Typ auf kreisangehoerige-stadt ändern oder den AGS berichtigen")


def kreisfrei_not_kreisangehoerig(ags: str, name: str, named_exception: bool) -> _Message:
    return (f"„{ags}“ ist die kreisfreie Stadt {name}, keine kreisangehörige Stadt"
            + (" (benannte Ausnahme in data/special-cases.json)" if named_exception else ""),
            "den Typ auf kreisfreie-stadt ändern oder den AGS berichtigen")


def text_in_quotation_marks(quote: bool) -> _Message:
    """A statement's text in outer quotation marks; `quote`: the statement is a verbatim quote."""
    return ("der Text steht in Anführungszeichen",
            "die äußeren Anführungszeichen löschen; die Website setzt sie selbst" if quote else
            "eine Wiedergabe steht nie in Anführungszeichen: Zeichen löschen, "
            "oder form: quote, wenn die Quelle wörtlich zitiert")


# -- registry: the towns of a Kreis (joint_application lists, all_towns; registry.py) -------------
_TOWN_LIST_WORDS = {"partners": "partners (Partner der Bewerbung)",
                    "later_partners": "later_partners (später hinzugekommen)",
                    "youth_office_for": "youth_office_for (Jugendamt für)"}


def town_not_in_kreis(name: str, in_kreis: str, guess: str | None, elsewhere: list[str | None]) -> _Message:
    """`in_kreis`: "im Kreis Unna"; `guess`: the closest Gemeinde name of that Kreis; `elsewhere`:
    where a Gemeinde of that name lies instead ("im Kreis Warendorf"; None: it is a kreisfreie Stadt)."""
    in_kreise = [e for e in elsewhere if e]
    where = (f" (eine Gemeinde dieses Namens liegt {' und '.join(in_kreise)})" if in_kreise else
             " (so heißt eine kreisfreie Stadt)" if elsewhere else "")
    fix = "den Namen so schreiben, wie die Gebietsdaten ihn führen (data/nrw-geo.json)"
    return (f"„{name}“ ist keine Stadt oder Gemeinde {in_kreis}{where}",
            f"{did_you_mean(guess)} {fix[:1].upper()}{fix[1:]}" if guess else
            f"{fix}, oder ihn aus der Liste löschen, wenn die Stadt nicht im Kreis liegt")


def town_in_two_lists(name: str, first: str) -> _Message:
    return (f"„{name}“ steht schon unter {_TOWN_LIST_WORDS.get(first, first)}",
            "eine Stadt steht nur in einer der Listen partners, later_partners und youth_office_for: "
            "sie aus dieser Liste löschen")


def town_list_not_a_kreis(key: str) -> _Message:
    return (f"die Liste {_TOWN_LIST_WORDS.get(key, key)} gibt es nur bei einem Kreis",
            "die Liste löschen oder den Typ (type) berichtigen")


def all_towns_not_a_kreis(type_label: str) -> _Message:
    return (f"all_towns (alle Städte und Gemeinden) gibt es nur bei einem Kreis, dieser Eintrag ist eine {type_label}",
            "all_towns löschen oder den Typ (type) berichtigen")


# -- boundary data: data/nrw-geo.json (geodata.py; registry.py reads its areas) --------------------
_GEODATA_FIX = "die Datei mit `make geodata` neu erzeugen (siehe data/README.md)"


def geodata_unusable(error: Exception | str) -> tuple[str, str]:
    """`error`: what is wrong (a GeoDataUnusable's `problem`, or any other GeoDataError)."""
    return (f"Gebietsdaten: {error}", _GEODATA_FIX)


def geodata_with_fix(problem: str) -> str:
    """A boundary data problem and its fix, as one line (the text of a GeoDataError)."""
    return f"{problem} — {_GEODATA_FIX}"


def geodata_areas_unreadable(detail: str) -> _Message:
    return f"die Gebietsdaten lassen sich nicht lesen ({detail})", _GEODATA_FIX


def geo_file_missing(path: str) -> str:
    return f"die Datei {path} gibt es nicht"


def geo_file_unreadable(path: str, detail: str) -> str:
    return f"die Datei {path} lässt sich nicht lesen ({detail})"


def geo_file_not_json(path: str, detail: str) -> str:
    return f"die Datei {path} ist kein gültiges JSON ({detail})"


_JSON_PROBLEMS = {  # the json module's messages, by their start, in German
    "Expecting value": "hier fehlt ein Wert",
    "Expecting property name enclosed in double quotes": "hier fehlt ein Feldname in doppelten Anführungszeichen",
    "Expecting ',' delimiter": "hier fehlt ein Komma",
    "Expecting ':' delimiter": "hier fehlt ein Doppelpunkt",
    "Unterminated string starting at": "ein Text in Anführungszeichen wird nicht geschlossen",
    "Invalid control character at": "ein Steuerzeichen (etwa ein Zeilenumbruch) steht in einem Text",
    "Invalid \\escape": "unbekannte Escape-Folge mit \\",
    "Invalid \\uXXXX escape": "unvollständige Escape-Folge \\u",
    "Extra data": "nach dem Ende der Daten folgt noch etwas",
}


def json_syntax(problem: str, line: int, column: int) -> str:
    """A json module error in German, with its place."""
    german = next((text for start, text in _JSON_PROBLEMS.items() if problem.startswith(start)),
                  "ungültiges JSON")
    return f"Zeile {line}, Spalte {column}: {german}"


JSON_TOO_DEEP = "zu tief verschachtelt (so tief kann keine Gebietsdatei sein)"
JSON_NUMBER_TOO_LONG = "eine Zahl mit Tausenden von Ziffern (so lang ist keine Koordinate)"


def geo_not_format_1(where: str) -> str:
    return f"{where}: das ist keine Gebietsdatei im Format 1"


def geo_no_section(where: str, key: str) -> str:
    return f"{where}: „{key}“ fehlt oder ist kein Objekt mit Feldern"


def geo_not_text(where: str, key: str) -> str:
    return f"{where}: „{key}“ fehlt, ist leer oder ist kein Text"


def geo_not_an_object(where: str) -> str:
    return f"{where}: hier wird ein Objekt mit Feldern erwartet"


def geo_ags_wrong(where: str, pattern: str) -> str:
    return f"{where}: der AGS passt nicht zum Muster {pattern}"


def geo_not_a_path(where: str, key: str) -> str:
    return f"{where}: „{key}“ ist kein Umriss in der erwarteten Form (M… l… z)"


def geo_year_not_integer(where: str) -> str:
    return f"{where}: source.data_year ist keine ganze Zahl"


def geo_attribution_wrong(where: str, attribution: str) -> str:
    return f"{where}: die Quellenangabe „{attribution}“ ist nicht „© GeoBasis-DE / BKG“ mit dem Jahr der Daten"


def geo_viewbox_wrong(where: str) -> str:
    return f"{where}: „viewbox“ braucht width und height als positive ganze Zahlen"


def geo_not_lists(where: str) -> str:
    return f"{where}: „kreise“ und „gemeinden“ müssen Listen sein"


def geo_area_twice(where: str, kind: str, ags: str) -> str:
    """`kind`: "Kreis" or "Gemeinde"."""
    return f"{where}: {kind} {ags} steht zweimal in der Datei"


def geo_gemeinden_without_kreis(where: str, ags_list: str) -> str:
    return f"{where}: Gemeinden ohne ihren Kreis in der Datei: {ags_list}"


def geo_projection_wrong(where: str, keys: str) -> str:
    return f"{where}: „projection“ braucht Zahlen für {keys}"


# -- population: data/zensus2022-einwohner.csv and .yaml (population.py) ---------------------------
_AS_PUBLISHED = "die Zeile unverändert aus der veröffentlichten Tabelle übernehmen (siehe data/README.md)"


def population_file_too_big(limit_mb: int) -> _Message:
    return (f"die Datei ist größer als {limit_mb} MB; die Tabelle hat eine Zeile je Gemeinde (396)",
            "die veröffentlichte Tabelle unverändert einsetzen (siehe data/README.md)")


def population_header_wrong(found: str, expected: str, semicolons: bool) -> _Message:
    fix = ("die Datei mit Kommas statt Semikolons speichern (Tabellenprogramme speichern oft mit ;), "
           "oder die veröffentlichte Tabelle neu einsetzen" if semicolons else
           f"die erste Zeile so lassen, wie sie veröffentlicht ist: {expected}")
    return f"die Kopfzeile ist „{found}“, erwartet wird „{expected}“", fix


def population_row_width(count: int, expected: int) -> _Message:
    return (f"die Zeile hat {count} Spalten statt {expected}",
            "Spalten mit Kommas trennen, einen Namen mit Komma in Anführungszeichen setzen; am besten "
            "die Zeile unverändert aus der veröffentlichten Tabelle übernehmen")


def population_csv_error(field_too_long: bool) -> _Message:
    """The csv module's complaint (English) told in German: a field over its limit, or quoting."""
    why = ("ein Feld ist zu lang" if field_too_long else
           "ein Anführungszeichen hat kein Gegenstück, oder nach einem schließenden folgt kein Komma")
    return f"die Zeile ist kein gültiges CSV: {why}", _AS_PUBLISHED


def population_ags_wrong(value: str) -> _Message:
    return (f"„{value}“ ist kein Gemeindeschlüssel in NRW (8 Ziffern, beginnt mit 05)", _AS_PUBLISHED)


def population_ars_wrong(value: str, ags: str) -> _Message:
    return (f"der Regionalschlüssel „{value}“ passt nicht zum AGS {ags} (12 Ziffern: die ersten fünf und "
            "die letzten drei sind der AGS)", _AS_PUBLISHED)


POPULATION_NAME_MISSING: _Message = ("der Name der Gemeinde fehlt", _AS_PUBLISHED)


def population_count_wrong(value: str) -> _Message:
    return (f"„{value}“ ist keine positive ganze Zahl",
            "die Zahl ohne Punkt, Leerzeichen und Nachkommastellen eintragen, wie in der veröffentlichten Tabelle")


def population_day_wrong(value: str, reason: str) -> _Message:
    return f"„{value}“ ist kein Stichtag der Form JJJJ-MM-TT ({reason})", _AS_PUBLISHED


def population_day_differs(value: str, first: str, line: int) -> _Message:
    return (f"der Stichtag {value} weicht vom Stichtag {first} in Zeile {line} ab",
            "alle Zahlen müssen vom selben Stichtag sein: " + _AS_PUBLISHED)


def population_ags_twice(ags: str, line: int) -> _Message:
    return f"der AGS {ags} steht schon in Zeile {line}", "eine der beiden Zeilen löschen"


def population_not_in_geodata(ags: str) -> _Message:
    return (f"die Gemeinde {ags} gibt es in den Gebietsdaten (data/nrw-geo.json) nicht",
            "Tabelle und Gebietsdaten müssen dieselben 396 Gemeinden haben: die Zeile löschen, "
            "oder beide auf denselben Gebietsstand bringen (siehe data/README.md)")


def population_missing(ags_list: list[str], shown_max: int = 5) -> _Message:
    listed = ", ".join(ags_list[:shown_max])
    if len(ags_list) > shown_max:
        listed += f" und {len(ags_list) - shown_max} weitere"
    many = f"für {len(ags_list)} Gemeinden" if len(ags_list) > 1 else "für eine Gemeinde"
    return (f"{many} der Gebietsdaten fehlt eine Zeile: {listed}",
            "die fehlenden Zeilen aus der veröffentlichten Tabelle ergänzen (siehe data/README.md)")


def population_attribution_incomplete(missing: str) -> _Message:
    return (f"der Quellenvermerk nennt „{missing}“ nicht",
            "den Vermerk wörtlich so eintragen, wie die Lizenz ihn verlangt: mit Herausgeber und Lizenz")


# -- the Glossar: data/glossary.yaml (glossary.py; the schema checks the rest) ---------------------
def glossary_id_taken(tid: str) -> _Message:
    return f"die Kennung „{tid}“ gibt es schon", "jede Kennung nur einmal vergeben"


def glossary_form_taken(form: str, tid: str) -> _Message:
    return f"die Form „{form}“ gehört schon zu „{tid}“", "jede Form nur einem Begriff zuordnen"


# -- accessibility statement: data/barrierefreiheit.yaml (accessibility.py) ------------------------
STATUS_CONTRADICTS_LIMITATIONS = ("Vereinbarkeit",  # the field, as the statement names it
                                  "„vollständig“ passt nicht zu einer Liste von Einschränkungen",
                                  "status: teilweise eintragen oder die behobenen Einschränkungen streichen")


# -- operator settings: extra.operator in mkdocs.yml (operator.py) ---------------------------------
CONFIG_FILE_MISSING: _Message = ("die Datei fehlt", "im Projektordner aufrufen oder --root angeben")
UNKNOWN_SETTING = "unbekannte Einstellung"


def operator_not_a_section(config_file: str) -> _Message:
    return ("hier werden Einstellungen erwartet (name:, address:, …)",
            f"die Einstellungen eingerückt darunter schreiben, wie in den Kommentaren in {config_file}")


def known_settings(keys: Iterable[str]) -> str:
    return "bekannt sind: " + ", ".join(keys)


def setting_not_text(key: str, value: str) -> _Message:
    return f"muss Text sein, gefunden: {value}", f'in Anführungszeichen setzen, z. B. {key}: "{value}"'


def not_an_email_address(key: str, value: str) -> _Message:
    return (f"„{value}“ ist keine E-Mail-Adresse",
            f"nur die Adresse eintragen, z. B. {key}: redaktion@example.org, oder leer lassen")


def not_a_phone_number(value: str) -> _Message:
    return (f"„{value}“ ist keine Telefonnummer",
            'nur Ziffern, Leerzeichen, +, /, - und Klammern, z. B. phone: "+49 211 1234-0"')


def operator_kind_unknown(value: str, kinds: Iterable[str], guess: str | None) -> _Message:
    """`kinds` are the allowed keys; `guess` a close one, if any."""
    fix = f"meinten Sie „{guess}“? " if guess else ""
    return (f"„{value}“ ist keine bekannte Art der Stelle",
            fix + "erlaubt: " + ", ".join(kinds) + " (was jede Art bedeutet, steht in PUBLISHING.md)")


def not_a_web_address(key: str, value: str, reason: str) -> _Message:
    return (f"„{value}“ ist keine brauchbare Web-Adresse ({reason})",
            f"die vollständige Adresse des Formulars aus der Adresszeile des Browsers kopieren, "
            f"z. B. {key}: https://www.example.org/kontakt")


URL_NOT_HTTP = "sie beginnt nicht mit https:// oder http://"
URL_SPACE = "sie enthält ein Leerzeichen oder ein Steuerzeichen"
URL_USERINFO = "sie enthält einen Benutzernamen oder ein Passwort vor dem Servernamen"
URL_NO_REAL_HOST = "der Servername ist kein Name im Internet wie www.example.org"
URL_FORBIDDEN_CHARACTER = "sie enthält ein Zeichen, das in Web-Adressen nicht vorkommt, etwa \" < > { } | oder ein unsichtbares Steuerzeichen"
URL_NOT_A_BASE = "sie enthält ? oder #: die Adresse der Website ist der Anfang jeder Seitenadresse"


def address_setting_problem(variable: str, value: str, reason: str) -> _Message:
    return (f"„{value}“ ist keine brauchbare Adresse ({reason})",
            f"die Adresse so eintragen, wie sie im Browser steht, z. B. {variable}=https://www.example.org/")


URL_PORT_WRONG = "nach dem Servernamen steht ein Doppelpunkt, aber keine Portnummer von 0 bis 65535"
URL_BROKEN = "sie lässt sich nicht in Servername und Pfad zerlegen (etwa wegen eckiger Klammern)"


def statement_review_due(where: str, reviewed: str, days: int, nrw: bool | None) -> str:
    """`make check`: the accessibility statement was last reviewed more than a year ago.

    `nrw`: the operator is a body of the Land NRW or an NRW Kommune; None while the kind is unknown.
    """
    line = (f"HINWEIS: {where}: die Erklärung zur Barrierefreiheit wurde zuletzt am {reviewed} überprüft, vor "
            f"{days} Tagen — mindestens einmal im Jahr überprüfen: die Einschränkungen abgleichen und "
            f"„reviewed“ auf den Tag der Prüfung setzen.")
    report = ("die neue Fassung elektronisch an die Überwachungsstelle NRW schicken "
              "(ueberwachungsstelle-nrw@it.nrw.de), wie jede Erstellung oder Änderung der Erklärung.")
    if nrw:
        return f"{line} Danach {report}"
    if nrw is None:
        return f"{line} Ist die Betreiberin eine Stelle des Landes NRW oder eine Kommune in NRW: danach {report}"
    return line


def setting_empty(where: str, setting: str, label: str, needed_for: str, example: str) -> str:
    """The notice for a missing setting; `where` is "mkdocs.yml" or "mkdocs.yml:line:column"."""
    return f"HINWEIS: {where}: {setting} ist leer ({label}; gebraucht für: {needed_for}) — eintragen: {example}"


def setting_required(label: str, example: str) -> _Message:
    return (f"ist leer ({label}), für die Veröffentlichung (KEKIZ_REQUIRE_OPERATOR) aber nötig",
            f"eintragen: {example}")


# -- the sign-language video: extra.kekiz.dgs_video in mkdocs.yml (signvideo.py) -------------------
VIDEO_FILE_MISSING: _Message = ("„file“ fehlt", "den Pfad der Videodatei in docs/ angeben "
                                "(z. B. assets/dgs/erklaerung.mp4) oder dgs_video ganz weglassen")
VIDEO_CAPTION_MISSING: _Message = ("„caption“ fehlt", "in einem Satz sagen, was das Video erklärt")


def video_outside_docs(file: str) -> _Message:
    return (f"„{file}“ liegt außerhalb von docs/",
            "die Datei in docs/ ablegen und den Weg von docs/ aus angeben, z. B. assets/dgs/erklaerung.mp4")


def video_not_found(file: str) -> _Message:
    return (f"die Datei docs/{file} gibt es nicht",
            "das Video in docs/ ablegen (keine Adresse im Netz: die Website lädt nichts von anderen Servern)")


def video_captions_not_found(captions: str) -> _Message:
    return f"die Datei docs/{captions} gibt es nicht", "eine WebVTT-Datei in docs/ ablegen oder captions weglassen"


# -- settings in extra.kekiz (kekiz.adapter.config) -------------------------------------------------
def setting_unknown(known: str) -> _Message:
    return "diese Einstellung gibt es nicht", f"bekannt sind: {known}"


SETTING_NOT_A_SECTION: _Message = ("hier stehen Einstellungen als „name: wert“ untereinander",
                                   "den Abschnitt so schreiben oder ganz weglassen")


def setting_wrong_kind(expected: str) -> _Message:
    return f"erwartet wird {expected}", "den Wert so eintragen"


def setting_missing(expected: str) -> _Message:
    return "fehlt", f"eintragen: {expected}"


# What a setting of extra.kekiz expects (kekiz.adapter.config), in setting_wrong_kind and setting_missing.
EXPECTED_SWITCH = "true oder false"
EXPECTED_TEXT = "ein Text"
EXPECTED_SECTION = "Felder als „name: wert“ untereinander (oder null)"


# -- the summary under a list of messages (diagnostics.py), and what a build says -------------------
NOT_BUILT = "die Website wurde nicht gebaut"


def errors_found(count: int, files: list[str], closing: str) -> str:
    """The last line of a report: "3 Fehler in data/communes.yaml gefunden; <closing>."."""
    return f"{errors_in(count, files)} gefunden; {closing}."


def errors_in(count: int, files: list[str]) -> str:
    return f"{count} Fehler in {', '.join(files)}" if count != 1 else f"1 Fehler in {files[0]}"


def build_stopped() -> str:
    return "die Website wurde nicht gebaut, site/ bleibt unverändert"


def preview_shows_errors() -> str:
    return "die Vorschau zeigt die Fehler, bis die Datei in Ordnung ist"


# Logged at INFO on purpose: a warning would fail `mkdocs build --strict` on every fresh clone.
NO_SITE_URL = ("KEKIZ_SITE_URL ist nicht gesetzt: Seiten, Feeds und Downloads nennen keine dauerhaften "
               "Adressen (nur relative). Für die Veröffentlichung KEKIZ_SITE_URL=https://… setzen.")


# -- the preview's error page (kekiz.adapter.errorpage) --------------------------------------------
def errors_in_the_registry(count: int) -> str:
    return "1 Fehler im Register" if count == 1 else f"{count} Fehler im Register"


PREVIEW_STOPPED = "Vorschau angehalten"
PREVIEW_ERROR_INTRO = ("Die Vorschau kann die Website gerade nicht bauen. Jede Meldung nennt Datei, Zeile und "
                       "Spalte, die Kommune und das Feld, was falsch ist und wie es sich beheben lässt. Sobald die "
                       "Datei gespeichert und in Ordnung ist, erscheint diese Seite wieder von selbst.")
PREVIEW_ERROR_FOOT = ("Dieselben Meldungen stehen im Terminal, in dem {serve} läuft; {check} prüft ohne Vorschau. "
                      "Erklärungen: CONTRIBUTING.md, Abschnitt „Fehlermeldungen“.")
HOW_TO_FIX = "So beheben"


# -- the command line: python -m kekiz (kekiz.__main__) -----------------------------------------------
CLI_DESCRIPTION = "Werkzeuge für die KeKiz-Website"
CLI_CHECK_HELP = ("Register und Einstellungen prüfen (data/communes.yaml, data/programme.yaml, mkdocs.yml "
                  "extra.operator und extra.kekiz), ohne zu bauen")
CLI_SETTINGS_HELP = ("nur mkdocs.yml lesen (Schreibweise, doppelte Felder), in wenigen Millisekunden; make build "
                     "und make serve tun das vor MkDocs")
CLI_ROOT_HELP = "Projektordner (Standard: aktueller Ordner)"
ONLY_CHECKED = "nur geprüft, nichts gebaut"


def files_checked(registry_file: str, programme_file: str) -> str:
    return (f"{registry_file}, {programme_file}, data/glossary.yaml, data/barrierefreiheit.yaml, data/nrw-geo.json, "
            "data/special-cases.json, data/zensus2022-einwohner.csv mit .yaml und die Platzhalter in docs/ geprüft")


def check_passed(checked: str, communes: int, statements: int, milestones: int, terms: int) -> str:
    return (f"{checked} ({ONLY_CHECKED}): {communes} Kommunen, {statements} Äußerungen, {milestones} Meilensteine, "
            f"{terms} Glossar-Begriffe – alles in Ordnung.")


def check_failed(checked: str, summary: str) -> str:
    return f"{checked} ({ONLY_CHECKED}): {summary}."


def operator_settings_missing(count: int) -> str:
    return (f"Betreiber-Angaben: {count} fehlen noch. Impressum, Datenschutzerklärung und Erklärung zur "
            "Barrierefreiheit sagen das auf der Website, bis sie eingetragen sind.")


OPERATOR_SETTINGS_COMPLETE = "Betreiber-Angaben (mkdocs.yml, extra.operator): vollständig."


def operator_settings_empty(keys: list[str]) -> str:
    """The build log's one line for several missing operator settings (`make check` lists each)."""
    return (f"HINWEIS: mkdocs.yml: {len(keys)} Betreiber-Angaben in extra.operator sind leer ({', '.join(keys)}) — "
            "make check sagt zu jeder, was hinein gehört; bis dahin sagen Impressum, Datenschutzerklärung und "
            "Erklärung zur Barrierefreiheit auf der Website, dass sie fehlen.")


# -- hand-written pages (kekiz.site) ----------------------------------------------------------------
def unknown_marker(source_name: str, name: str, known: str) -> str:
    problem, fix = unknown_marker_parts(name, known)
    return f"{source_name}: {problem} — {fix}"


def unknown_marker_parts(name: str, known: str) -> tuple[str, str]:
    return f"unbekannter Platzhalter „kekiz:{name}“", f"bekannt sind: {known}"
