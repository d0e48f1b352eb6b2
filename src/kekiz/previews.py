"""Link-preview images (Open Graph) for Kommune pages: drawn at build time with Pillow and the
DejaVu fonts shipped in kekiz/fonts — offline, and the same bytes for the same input
(a palette PNG without time or text chunks)."""

from __future__ import annotations

import io
from functools import cache
from importlib import resources

from PIL import Image, ImageDraw, ImageFont

from .model import Commune
from .social import PREVIEW_SIZE

MAX_BYTES = 60 * 1024
_INDIGO = (48, 63, 159)       # Material indigo 700: white text on it has a contrast of 8.6:1
_INK = (33, 33, 33)
_WHITE = (255, 255, 255)
_MARGIN = 72


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    with resources.as_file(resources.files("kekiz") / "fonts" / name) as path:
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


def preview_png(commune: Commune, site_name: str) -> bytes:
    width, height = PREVIEW_SIZE
    inner = width - 2 * _MARGIN
    image = Image.new("RGB", PREVIEW_SIZE, _WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 150), fill=_INDIGO)
    draw.text((_MARGIN, 52), site_name, font=_fit(draw, site_name, True, (44, 38, 32), inner), fill=_WHITE)

    name_font = _fit(draw, commune.name, True, (104, 92, 80, 68), inner)
    y = 210
    for line in _wrap(draw, commune.name, name_font, inner)[:2]:
        draw.text((_MARGIN, y), line, font=name_font, fill=_INK)
        y += int(name_font.size * 1.2)
    details = [commune.type.label + (f" · Regierungsbezirk {commune.regierungsbezirk}" if commune.regierungsbezirk else ""),
               commune.cohort.label]
    y = max(y + 20, 400)
    for text in details:
        font = _fit(draw, text, False, (40, 34, 28), inner)
        draw.text((_MARGIN, y), text, font=font, fill=_INK)
        y += 60
    draw.rectangle((0, height - 16, width, height), fill=_INDIGO)

    # A few colours are enough for flat text on two backgrounds; keeps the file small.
    palette = image.quantize(colors=16, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG")
    data = out.getvalue()
    if len(data) > MAX_BYTES:
        raise ValueError(f"Vorschaubild für {commune.slug} ist {len(data)} Bytes groß (höchstens {MAX_BYTES})")
    return data


def preview_images(communes: tuple[Commune, ...], site_name: str) -> dict[str, bytes]:
    from .social import preview_path
    return {preview_path(c): preview_png(c, site_name) for c in communes}
