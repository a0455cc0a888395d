"""The kecamatan map of the dashboard: an SVG the server draws from the reference centroids (no boundary file).

Each kecamatan is a circle at its longitude/latitude, coloured by its figure on a sequential scale (five classes
of equal width up to the largest figure; grey for none), with the figure written inside, a <title> tooltip and a
link to the list behind it. Plain data in, markup out (escaped): the view decides the links."""
import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from app.reporting.tables import number

WIDTH = 520
MARGIN = 26
RADIUS = 16
EMPTY_COLOUR = "#eeeeee"
SCALE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")  # ColorBrewer YlGnBu, light to dark
DARK_FROM = 3  # classes from here on carry white text


@dataclass
class Dot:
    code: str
    name: str
    lat: float
    lng: float
    value: int
    link: str | None


def classes(largest: int) -> list[tuple[int, int]]:
    """The scale's classes as (low, high) bounds, inclusive: equal widths from 1 to `largest`."""
    if largest <= 0:
        return []
    step = max(1, math.ceil(largest / len(SCALE)))
    bounds = []
    for index in range(len(SCALE)):
        low, high = index * step + 1, min(largest, (index + 1) * step)
        if low > largest:
            break
        bounds.append((low, high))
    return bounds


def colour_of(value: int, bounds) -> int | None:
    """Index into SCALE; None for zero."""
    return next((i for i, (low, high) in enumerate(bounds) if low <= value <= high), None) if value > 0 else None


def legend(bounds) -> list[tuple[str, str]]:
    """[(colour, "1–4"), ...] with the grey "0" first."""
    items = [(EMPTY_COLOUR, "0")]
    for index, (low, high) in enumerate(bounds):
        items.append((SCALE[index], number(low) if low == high else f"{number(low)}–{number(high)}"))
    return items


def svg(dots: list[Dot], title: str, unit: str) -> Markup:
    """The map as inline SVG: scales to its box (viewBox), so it reads at 390 px as at 1366 px."""
    placed = [d for d in dots if d.lat is not None and d.lng is not None]
    if not placed:
        return Markup("")
    west, east = min(d.lng for d in placed), max(d.lng for d in placed)
    south, north = min(d.lat for d in placed), max(d.lat for d in placed)
    # Equirectangular with the latitude's scale: a kilometre is as long east-west as north-south.
    squeeze = math.cos(math.radians((north + south) / 2))
    span_x, span_y = max((east - west) * squeeze, 1e-6), max(north - south, 1e-6)
    scale = (WIDTH - 2 * MARGIN) / span_x
    height = round(span_y * scale + 2 * MARGIN)
    bounds = classes(max(d.value for d in placed))

    parts = [f'<svg class="dashboard-map" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">',
             f'<title>{escape(title)}</title>']
    for dot in sorted(placed, key=lambda d: d.value):  # the largest drawn last, on top
        x = MARGIN + (dot.lng - west) * squeeze * scale
        y = MARGIN + (north - dot.lat) * scale
        index = colour_of(dot.value, bounds)
        fill = SCALE[index] if index is not None else EMPTY_COLOUR
        ink = "#ffffff" if index is not None and index >= DARK_FROM else "#222222"
        tip = f"{dot.name}: {number(dot.value)} {unit}"
        circle = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS}" fill="{fill}" stroke="#555555" '
                  f'stroke-width="1"/><text x="{x:.1f}" y="{y + 4.5:.1f}" text-anchor="middle" font-size="13" '
                  f'font-weight="bold" fill="{ink}">{escape(number(dot.value))}</text>')
        group = f'<g data-kecamatan="{escape(dot.code)}" data-value="{dot.value}"><title>{escape(tip)}</title>' \
                f'{circle}</g>'
        parts.append(f'<a href="{escape(dot.link)}">{group}</a>' if dot.link else group)
    parts.append("</svg>")
    return Markup("".join(parts))
