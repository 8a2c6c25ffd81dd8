"""Cell fill colours as RGB: plain, from the indexed palette (Excel's or the
workbook's own) or from the workbook's theme, lightened or darkened by a tint."""

from __future__ import annotations

import colorsys
from dataclasses import dataclass, field
from typing import Any

from openpyxl.styles.colors import COLOR_INDEX

from tracker.imports.proforma.safe_xml import local_name, parse_xml

EXCEL_INDEXED_COLOURS: tuple[str, ...] = tuple(colour[-6:] for colour in COLOR_INDEX)

# Fills number the theme colours lt1, dk1, lt2, dk2, accent1-6, hlink, folHlink;
# the theme file lists them dark first.
_THEME_ORDER = (
    "lt1",
    "dk1",
    "lt2",
    "dk2",
    "accent1",
    "accent2",
    "accent3",
    "accent4",
    "accent5",
    "accent6",
    "hlink",
    "folHlink",
)


@dataclass(frozen=True)
class Palette:
    theme: tuple[str, ...] = ()  # RRGGBB in the order fills number them
    indexed: tuple[str, ...] = field(default=EXCEL_INDEXED_COLOURS)


def theme_colours(theme_xml: bytes | None) -> tuple[str, ...]:
    """The theme's colours as RRGGBB, in the order fills refer to them."""
    if not theme_xml:
        return ()
    by_name: dict[str, str] = {}
    for element in parse_xml(theme_xml).iter():
        if local_name(element) != "clrScheme":
            continue
        for slot in element:
            for colour in slot:
                srgb = local_name(colour) == "srgbClr"
                value = colour.get("val") if srgb else colour.get("lastClr")
                if value:
                    by_name[local_name(slot)] = value[-6:].upper()
                    break
        break
    return tuple(by_name.get(name, "") for name in _THEME_ORDER)


def indexed_colours(styles_xml: bytes | None) -> tuple[str, ...]:
    """The workbook's own indexed palette where its styles define one, else Excel's."""
    if styles_xml and b"indexedColors" in styles_xml:
        for element in parse_xml(styles_xml).iter():
            if local_name(element) == "indexedColors":
                own = tuple((colour.get("rgb") or "")[-6:].upper() for colour in element)
                if own:
                    return own
    return EXCEL_INDEXED_COLOURS


def resolve_colour(kind: str, value: Any, tint: float, palette: Palette) -> str | None:
    """RRGGBB of a colour given as openpyxl describes it (type, value, tint)."""
    rgb: str | None = None
    if kind == "rgb" and isinstance(value, str) and len(value) in (6, 8):
        rgb = value[-6:].upper()
    elif kind == "indexed" and isinstance(value, int) and 0 <= value < len(palette.indexed):
        rgb = palette.indexed[value]  # 64 and 65 are "system" colours: no colour
    elif kind == "theme" and isinstance(value, int) and 0 <= value < len(palette.theme):
        rgb = palette.theme[value]
    if not rgb or len(rgb) != 6:
        return None
    return apply_tint(rgb, tint) if tint else rgb


def apply_tint(rgb: str, tint: float) -> str:
    """Excel's tint: lighten (tint > 0) or darken (tint < 0) in HLS."""
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    if tint < 0:
        lightness *= 1 + tint
    else:
        lightness = lightness * (1 - tint) + tint
    channels = colorsys.hls_to_rgb(hue, min(max(lightness, 0.0), 1.0), saturation)
    return "".join(f"{round(channel * 255):02X}" for channel in channels)


def fill_colour(fill: Any, palette: Palette) -> str | None:
    """RRGGBB of an openpyxl cell fill, or None where the cell has no fill."""
    if fill is None:
        return None
    if getattr(fill, "patternType", None):
        colour = fill.fgColor
    else:
        stops = getattr(fill, "stop", None)  # a gradient: its first colour
        if not stops:
            return None
        colour = stops[0].color
    if colour is None:
        return None
    return resolve_colour(colour.type, colour.value, colour.tint or 0.0, palette)
