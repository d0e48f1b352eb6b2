"""Link-preview images (Open Graph): one per Kommune page and one for every other page, drawn at
build time with Pillow and the DejaVu fonts shipped in kekiz/site/files/fonts — offline, and the
same bytes for the same input (a 16-colour palette PNG without time or text chunks).

Cheap enough for thousands of Kommunen: the frame (bands, site name) is drawn once per build;
per Kommune only its text is drawn, as anti-aliased coverage mapped straight onto fixed palette
shades (no colour quantisation), and the PNG is written with low zlib effort.
"""

from __future__ import annotations

import io
from functools import cache
from importlib import resources

from PIL import Image, ImageDraw, ImageFont

from kekiz.model.registry import Commune
from kekiz.site.context import SiteParts
from kekiz.site.head import PREVIEW_SIZE, site_preview_lines
from kekiz.site.paths import SITE_PREVIEW_FILE, preview_file

MAX_BYTES = 60 * 1024
_INDIGO = (48, 63, 159)       # Material indigo 700: white text on it has a contrast of 8.6:1
_INK = (33, 33, 33)
_WHITE = (255, 255, 255)
_MARGIN = 72
_BAND = 150                   # height of the top band with the site name
_FOOT = 16                    # height of the bottom band
_SHADES = 8                   # anti-aliasing levels per text colour: 2 × 8 = 16 palette entries
_ON_WHITE = 0                 # palette index of white; + level: ink text on white
_ON_INDIGO = _SHADES          # palette index of indigo; + level: white text on indigo


def _blend(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> list[int]:
    return [round(x + (y - x) * t) for x, y in zip(a, b)]


_PALETTE = [v for i in range(_SHADES) for v in _blend(_WHITE, _INK, i / (_SHADES - 1))] + \
           [v for i in range(_SHADES) for v in _blend(_INDIGO, _WHITE, i / (_SHADES - 1))]
# Text coverage 0..255 -> palette index, for text on white and for text on indigo.
_LUT = {base: [base + round(c * (_SHADES - 1) / 255) for c in range(256)] for base in (_ON_WHITE, _ON_INDIGO)}


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    with resources.as_file(resources.files("kekiz.site.files") / "fonts" / name) as path:
        return ImageFont.truetype(str(path), size)


def _fit(draw: ImageDraw.ImageDraw, text: str, bold: bool, sizes: tuple[int, ...], width: int) -> ImageFont.FreeTypeFont:
    """The largest of `sizes` at which `text` fits on one line of `width` pixels."""
    for size in sizes:
        font = _font(bold, size)
        if draw.textlength(text, font=font) <= width:
            return font
    return _font(bold, sizes[-1])


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return lines + [line] if line else lines


def _shaded(coverage: Image.Image, base: int) -> Image.Image:
    """Text coverage (mode L) as palette indices base .. base + _SHADES - 1."""
    return Image.frombytes("P", coverage.size, coverage.point(_LUT[base]).tobytes())


@cache
def _frame(site_name: str) -> Image.Image:
    """Everything that is the same on every preview: the bands and the site name."""
    width, height = PREVIEW_SIZE
    frame = Image.new("P", PREVIEW_SIZE, _ON_WHITE)
    frame.putpalette(_PALETTE)
    band = Image.new("L", (width, _BAND), 0)
    draw = ImageDraw.Draw(band)
    draw.text((_MARGIN, 52), site_name, font=_fit(draw, site_name, True, (44, 38, 32), width - 2 * _MARGIN), fill=255)
    frame.paste(_shaded(band, _ON_INDIGO), (0, 0))
    frame.paste(_ON_INDIGO, (0, height - _FOOT, width, height))
    return frame


def preview_png(commune: Commune, site_name: str) -> bytes:
    details = [commune.type.label + (f" · Regierungsbezirk {commune.regierungsbezirk}" if commune.regierungsbezirk else ""),
               commune.cohort.label]
    return _card(site_name, commune.name, details, commune.slug)


def site_preview_png(site: SiteParts) -> bytes:
    """The card of every page without one of its own: the home page's question and what answers it."""
    heading, *details = site_preview_lines(site.registry)
    return _card(site.context.site_name, heading, details, SITE_PREVIEW_FILE)


def _card(site_name: str, heading: str, details: list[str], name: str) -> bytes:
    width, height = PREVIEW_SIZE
    inner = width - 2 * _MARGIN
    top = _BAND
    body = Image.new("L", (width, height - _FOOT - top), 0)   # the white area, as text coverage
    draw = ImageDraw.Draw(body)
    name_font = _fit(draw, heading, True, (104, 92, 80, 68), inner)
    y = 210
    for line in _wrap(draw, heading, name_font, inner)[:2]:
        draw.text((_MARGIN, y - top), line, font=name_font, fill=255)
        y += int(name_font.size * 1.2)
    y = max(y + 20, 400)
    for text in details:
        font = _fit(draw, text, False, (40, 34, 28), inner)
        draw.text((_MARGIN, y - top), text, font=font, fill=255)
        y += 60

    image = _frame(site_name).copy()
    image.paste(_shaded(body, _ON_WHITE), (0, top))
    out = io.BytesIO()
    # 16 colours in 4 bits per pixel; low zlib effort: flat areas compress well even so.
    image.save(out, format="PNG", bits=4, compress_level=1)
    data = out.getvalue()
    if len(data) > MAX_BYTES:
        raise ValueError(f"preview image {name}: {len(data)} bytes (at most {MAX_BYTES})")
    return data


def preview_images(communes: tuple[Commune, ...], site_name: str) -> dict[str, bytes]:
    return {preview_file(c): preview_png(c, site_name) for c in communes}


def files(site: SiteParts) -> dict[str, bytes]:
    """One image beside each Kommune page, and the site's."""
    return {**preview_images(site.registry.communes, site.context.site_name), SITE_PREVIEW_FILE: site_preview_png(site)}
