"""Read untrusted YAML into plain Python values while remembering where each value stood.

Nothing an editor writes may crash, hang or silently change the data. So the file is not
handed to a YAML loader: libyaml only *parses* it into events (its parser is iterative, its
composer recursive — 100,000 nested brackets crash the process), and this module builds the
values from the events itself, in one loop with a depth limit, resolving plain scalars by the
YAML 1.2 core schema that editors' tools use (so `no` stays text and `2017-01-11` stays a
date string as written). Aliases, merge keys, explicit tags, duplicate keys and keys that are
not text are reported at their own position; every value's line and column is kept by path.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kekiz.sources import messages
from kekiz.sources.diagnostics import Diagnostic, shown

Path_ = tuple[str | int, ...]

MAX_DEPTH = 40           # the registry needs 6 levels; libyaml itself recurses nowhere we call it
MAX_STRUCTURAL = 100     # a hostile file gets the first hundred problems, not a hundred thousand
MAX_REPORTED_CHARACTERS = 20  # bad characters: report the first few, not a million lines
_KEY = "\x00key"  # marks a key position in Document.positions, cannot clash with a field name

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), as editors' tools read it.
_NULL_RE = re.compile(r"(?:~|null|Null|NULL|)\Z")
_BOOL_RE = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_INT_RE = re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_FLOAT_RE = re.compile(r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                       r"|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)\Z")
_MAX_NUMBER_DIGITS = 100  # Python refuses int() of 4,300+ digits; no field needs more than 4

# Characters YAML forbids in a stream (everything else libyaml accepts); libyaml reports
# them by byte offset only, so find them first and report line and column.
_NON_PRINTABLE_RE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class Document:
    """A parsed YAML file: its data, the position of every value, and problems found."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)  # the file could not be read at all
    # Problems inside the structure, by path: the validator names the Kommune and field for them.
    structural: list[tuple[Path_, int, int, str, str]] = field(default_factory=list)
    # Plain scalars that YAML read as something other than text, as written ("05570004").
    plain_text: dict[Path_, str] = field(default_factory=dict)
    structural_overflow: int = 0  # structural problems beyond MAX_STRUCTURAL, counted only
    duplicates: set[Path_] = field(default_factory=set)  # keys written twice (YAML would keep the last)
    _broken: set[Path_] = field(default_factory=set)

    def add_structural(self, path: Path_, line: int, col: int, problem: str, fix: str) -> None:
        self._broken.add(path)
        if len(self.structural) < MAX_STRUCTURAL:
            self.structural.append((path, line, col, problem, fix))
        else:
            self.structural_overflow += 1

    def is_broken(self, path: Path_) -> bool:
        """True if `path` or a parent already has a structural problem (report it only once)."""
        return any(path[:n] in self._broken for n in range(len(path) + 1))

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest known parent."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def key_where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the key at `path` (falls back to its value)."""
        return self.positions.get((_KEY,) + path) or self.where(path)


def read_yaml(path: Path, display_name: str) -> Document:
    """Parse `path`. Problems reading the file end up in `Document.problems`, never as exceptions."""
    doc = Document(file=display_name, data=None)
    text, doc.problems = read_text(path, display_name)
    if text is None:
        return doc
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        doc.problems.append(Diagnostic(display_name, 1, 1, "", "", *messages.FILE_EMPTY))
        return doc
    _Builder(doc, text).run()
    return doc


def read_text(path: Path, display_name: str, *, max_bytes: int | None = None,
              too_big: tuple[str, str] | None = None) -> tuple[str | None, list[Diagnostic]]:
    """An untrusted text file (any data file) as text, or None and the problems reading it: missing,
    a folder, unreadable, over `max_bytes` (then `too_big` says why), UTF-16, not UTF-8, characters
    YAML forbids (also no use in a CSV), or nothing but blanks. Every problem with line and column."""
    problems: list[Diagnostic] = []

    def fail(line: int, col: int, message: tuple[str, str]) -> tuple[None, list[Diagnostic]]:
        problems.append(Diagnostic(display_name, line, col, "", "", *message))
        return None, problems

    try:
        with path.open("rb") as handle:
            raw = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except FileNotFoundError:
        return fail(1, 1, messages.FILE_MISSING)
    except IsADirectoryError:
        return fail(1, 1, messages.FILE_IS_A_FOLDER)
    except OSError as exc:
        return fail(1, 1, messages.file_unreadable(shown(exc.strerror or type(exc).__name__)))
    if max_bytes is not None and len(raw) > max_bytes and too_big is not None:
        return fail(1, 1, too_big)
    if _looks_like_utf16(raw):
        return fail(1, 1, messages.NOT_UTF8_BUT_UTF16)
    try:
        text = raw.decode("utf-8-sig")  # a byte order mark at the start is harmless
    except UnicodeDecodeError as exc:
        line, col = _position_of_byte(raw, exc.start)
        return fail(line, col, messages.not_utf8(raw[exc.start]))
    bad = [m for _, m in zip(range(MAX_REPORTED_CHARACTERS), _NON_PRINTABLE_RE.finditer(text))]
    for match in bad:
        fail(*_position_of_char(text, match.start()), messages.control_character(ord(match.group())))
    if bad:
        return None, problems
    if not text.strip():
        return fail(1, 1, messages.FILE_EMPTY)
    return text, problems


def _looks_like_utf16(raw: bytes) -> bool:
    """A UTF-16 byte order mark, or text whose every other byte is NUL (UTF-16 without one)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    sample = raw[:200]
    if len(sample) < 4 or b"\x00" not in sample:
        return False
    return any(half.count(0) * 4 >= len(half) * 3 for half in (sample[0::2], sample[1::2]))


def _position_of_char(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, as editors count) of a byte offset."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace"))
    return raw.count(b"\n", 0, offset) + 1, column + 1


# libyaml (bundled with PyYAML's wheels) parses ~10x faster than the pure-Python parser.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# A frame of the builder's stack: [path, container, is_key, pending key, key accepted].
# is_key: a collection used as a mapping key (reported, then dropped); pending key is _NO_KEY
# while a mapping waits for its next key. Plain lists: this loop runs once per event.
_PATH, _VALUE, _IS_KEY, _PENDING, _KEY_OK, _OPENED = range(6)  # _OPENED: a flow collection's [ or {
_NO_KEY = object()
_OTHER_LINE_BREAKS = ("\x85", "\u2028", "\u2029")
MAX_KEY_LENGTH = 1024  # YAML's limit for a key written without "? " (libyaml: "could not find ':'")
_DROP = object()
_INVALID = "\x00ungültig"  # path part under which a value with an unusable key is dropped
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")  # first characters of null, bool and numbers
_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _Builder:
    """Builds values from parser events: no recursion, so no depth can crash it."""

    def __init__(self, doc: Document, text: str):
        self.doc = doc
        self.text = text
        self.stack: list[list] = []
        self.documents = 0
        self.result: Any = None
        # libyaml also breaks lines at U+0085, U+2028 and U+2029; editors do not. Only then
        # are its line numbers recounted from the character index (editors' count).
        if any(separator in text for separator in _OTHER_LINE_BREAKS):
            self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
            self.at = self.editor_position

    @staticmethod
    def at(mark: yaml.Mark) -> tuple[int, int]:
        """Line and column (1-based) of a libyaml mark, as the editor shows them."""
        return mark.line + 1, mark.column + 1

    def editor_position(self, mark: yaml.Mark) -> tuple[int, int]:
        line = bisect_right(self.line_starts, mark.index)
        return line, mark.index - self.line_starts[line - 1] + 1

    def run(self) -> None:
        loader = _Loader(self.text)
        try:
            while True:
                event = loader.get_event()
                if event is None or type(event) is yaml.StreamEndEvent:
                    break
                if not self.handle(event):
                    return
        except yaml.MarkedYAMLError as exc:
            self.syntax_error(exc)
            return
        except yaml.YAMLError as exc:  # reader errors carry no line; characters were checked above
            self.doc.problems.append(Diagnostic(self.doc.file, 1, 1, "", "", *messages.YAML_ERROR))
            return
        finally:
            loader.dispose()
        self.doc.data = self.result

    def syntax_error(self, exc: yaml.MarkedYAMLError) -> None:
        opened = self.unclosed(exc)
        if opened is not None:
            mark, (problem, fix) = opened
        else:
            mark = exc.problem_mark or exc.context_mark
            character = self.text[mark.index:mark.index + 1] if mark else ""
            problem, fix = explain_syntax_error(exc.problem or exc.context or "", character)
        line, col = self.at(mark) if mark else (1, 1)
        self.doc.problems.append(Diagnostic(self.doc.file, line, col, "", "", problem, fix))

    def unclosed(self, exc: yaml.MarkedYAMLError) -> tuple[yaml.Mark, tuple[str, str]] | None:
        """A quote, bracket or key that libyaml reports where the file gives up on it: named
        where it opens, which is where the editor has to look."""
        start, context, problem = exc.context_mark, exc.context or "", exc.problem or ""
        if start is None or exc.problem_mark is None:
            return None
        opener = self.text[start.index:start.index + 1]
        if context.startswith("while scanning a quoted scalar") and "end of stream" in problem:
            return start, messages.unclosed_quote(opener)
        if context.startswith("while scanning a simple key") and "expected ':'" in problem:
            if exc.problem_mark.index - start.index > MAX_KEY_LENGTH:
                return start, messages.key_too_long(MAX_KEY_LENGTH)
            return start, explain_syntax_error(problem, opener)  # the line that lacks it
        if context.startswith("while parsing a flow"):
            # libyaml may point at the end of the file; the innermost open [ or { is where to look
            opened = next((frame[_OPENED] for frame in reversed(self.stack) if frame[_OPENED] is not None), start)
            if exc.problem_mark.index > opened.index and "\n" in self.text[opened.index:exc.problem_mark.index]:
                bracket = self.text[opened.index:opened.index + 1]
                if bracket == "[":
                    return opened, messages.UNCLOSED_LIST
                if bracket == "{":
                    return opened, messages.UNCLOSED_FIELDS
        return None

    # -- events ------------------------------------------------------------------------
    def handle(self, event: yaml.Event) -> bool:
        """Handle one event; False stops reading (the problem is recorded)."""
        kind = type(event)
        if kind is yaml.ScalarEvent and self.stack:  # most events: inlined for speed
            top = self.stack[-1]
            pending = top[_PENDING]
            if pending is _NO_KEY:
                self.accept_key(top, self.scalar(event, top[_PATH], is_key=True), event, event)
                return True
            key_ok = top[_KEY_OK]
            path = top[_PATH] + ((len(top[_VALUE]) if pending is None else pending if key_ok else _INVALID),)
            self.doc.positions.setdefault(path, self.at(event.start_mark))
            value = self.scalar(event, path)
            if pending is None:
                top[_VALUE].append(value)
            else:
                if key_ok:
                    top[_VALUE][pending] = value
                top[_PENDING] = _NO_KEY
            return True
        if kind is yaml.ScalarEvent:
            self.position((), event)
            self.result = self.scalar(event, ())
            return True
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(self.stack) >= MAX_DEPTH:
                self.stop(event, *messages.too_deep(MAX_DEPTH))
                return False
            path, is_key = self.slot_path()
            if event.tag not in _COLLECTION_TAGS:
                self.tag_problem(event, path)
            self.position(path, event)
            is_map = kind is yaml.MappingStartEvent
            self.stack.append([path, {} if is_map else [], is_key, _NO_KEY if is_map else None, True,
                               event.start_mark if event.flow_style else None])
            return True
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = self.stack.pop()
            self.deliver(frame[_VALUE], event, frame[_PATH], from_key=frame[_IS_KEY])
            return True
        if kind is yaml.AliasEvent:
            path, is_key = self.slot_path()
            self.position(path, event)
            self.structural(path, event, *messages.ALIAS)
            self.deliver(_DROP if is_key else None, event, path, from_key=is_key)
            return True
        if kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.stop(event, *messages.SECOND_DOCUMENT)
                return False
        return True  # stream and document starts and ends

    def stop(self, event: yaml.Event, problem: str, fix: str) -> None:
        line, col = self.at(event.start_mark)
        self.doc.problems.append(Diagnostic(self.doc.file, line, col, "", "", problem, fix))

    def slot_path(self) -> tuple[Path_, bool]:
        """Path of the value the next event starts, and whether it is a mapping key."""
        if not self.stack:
            return (), False
        top = self.stack[-1]
        pending = top[_PENDING]
        if pending is None:  # a sequence
            return top[_PATH] + (len(top[_VALUE]),), False
        if pending is _NO_KEY:
            return top[_PATH], True
        return top[_PATH] + (pending if top[_KEY_OK] else _INVALID,), False

    def position(self, path: Path_, event: yaml.Event) -> None:
        self.doc.positions.setdefault(path, self.at(event.start_mark))

    def structural(self, path: Path_, event: yaml.Event, problem: str, fix: str) -> None:
        self.doc.add_structural(path, *self.at(event.start_mark), problem, fix)

    def deliver(self, value: Any, event: yaml.Event, path: Path_, *, from_key: bool,
                key_event: yaml.Event | None = None) -> None:
        if not self.stack:
            self.result = value
            return
        top = self.stack[-1]
        if top[_PENDING] is None:
            top[_VALUE].append(value)
            return
        if from_key:
            self.accept_key(top, value, event, key_event)
            return
        if top[_KEY_OK]:
            top[_VALUE][top[_PENDING]] = value
        top[_PENDING] = _NO_KEY

    def accept_key(self, frame: list, key: Any, event: yaml.Event, key_event: yaml.Event | None) -> None:
        line, col = self.at(event.start_mark if key_event is None else key_event.start_mark)
        frame[_PENDING], frame[_KEY_OK] = key, False
        path = frame[_PATH]
        if not isinstance(key, str):
            shown_key = shown(key_event.value) if key_event is not None else "…"
            self.doc.add_structural(path, line, col, *messages.invalid_key(shown_key))
            frame[_PENDING] = _INVALID
            return
        if key == "<<":
            self.doc.add_structural(path + (key,), line, col, *messages.MERGE_KEY)
            return
        key_path = (_KEY,) + path + (key,)
        if key_path in self.doc.positions:
            first_line = self.doc.positions[key_path][0]
            self.doc.duplicates.add(path + (key,))
            self.doc.add_structural(path + (key,), line, col, *messages.duplicate_key(shown(key), first_line))
            return
        self.doc.positions[key_path] = (line, col)
        frame[_KEY_OK] = True

    def tag_problem(self, event: yaml.Event, path: Path_) -> None:
        tag = event.tag.replace("tag:yaml.org,2002:", "!!", 1)
        self.structural(path, event, *messages.tag_not_allowed(shown(tag)))

    def scalar(self, event: yaml.ScalarEvent, path: Path_, *, is_key: bool = False) -> Any:
        value = event.value
        if event.tag is not None:
            if event.tag in ("!", "tag:yaml.org,2002:str"):
                return value
            self.tag_problem(event, path)
            return None
        if event.style or not event.implicit[0]:
            return value  # quoted or block scalar: text as written
        if value and value[0] not in _MAYBE_NOT_TEXT:
            return value
        if _NULL_RE.match(value):
            return None
        if _BOOL_RE.match(value):
            if not is_key:
                self.doc.plain_text[path] = value
            return value.lower() == "true"
        if _INT_RE.match(value):
            if not is_key:
                self.doc.plain_text[path] = value
            digits = value.lstrip("+-")
            if len(digits) > _MAX_NUMBER_DIGITS:
                self.structural(path, event, *messages.number_too_long(len(digits), digits=True))
                return None
            if digits.startswith("0o"):
                return int(value.replace("0o", "", 1), 8)
            if digits.startswith("0x"):
                return int(value.replace("0x", "", 1), 16)
            return int(value)
        if _FLOAT_RE.match(value):
            if not is_key:
                self.doc.plain_text[path] = value
            if len(value) > _MAX_NUMBER_DIGITS:
                self.structural(path, event, *messages.number_too_long(len(value), digits=False))
                return None
            return float(value.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf")
                         .replace(".nan", "nan").replace(".NaN", "nan").replace(".NAN", "nan"))
        return value


# libyaml's messages, in German with a fix (kekiz.sources.messages). Matched by a fragment of the English text.
_SYNTAX = messages.yaml_syntax(MAX_DEPTH)


def explain_syntax_error(problem: str, character: str) -> tuple[str, str]:
    """German problem and fix for a libyaml syntax message."""
    if "cannot start any token" in problem:
        if character == "\t":
            return messages.TAB_IN_INDENTATION
        return messages.value_cannot_start_with(shown(character))
    for fragment, german, fix in _SYNTAX:
        if fragment in problem:
            return german, fix
    return messages.YAML_SYNTAX_OTHER
