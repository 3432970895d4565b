"""Chart builders: plain rows in, Plotly figures out as plain dicts (no database, so
tests need none).

A figure is {"data": [trace, ...], "layout": {...}}, exactly what `Plotly.newPlot`
takes: each page puts it in the HTML as JSON and `static/js/charts.js` draws it
with the plotly.js served from our own static files. Plain dicts rather than
plotly.graph_objects, which validates and copies every point (tens of ms for a
chart of a few thousand bars). Only trace types the basic plotly.js bundle has
(bar, scatter) are used. Each chart's numbers are also in a table next to it,
or in the CSV.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from exchanges.models import Kind

KIND_LABELS = dict(Kind.choices)
KIND_COLOURS = {
    "pow_exchange": "#0b5cad",
    "body_repatriation": "#7a4b94",
    "civilian_return": "#1f8a5b",
}
SIDE_COLOURS = {"ua": "#0b5cad", "ru": "#c0392b"}

_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13}


Figure = dict
AXIS_STYLE = {
    "x": {"gridcolor": "#eef0f3"},
    "y": {"gridcolor": "#eef0f3", "zerolinecolor": "#9aa3ae"},
}


def _day(value) -> str:
    # ISO strings: what plotly.js reads as dates, and json_script can write.
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _figure(data: list[dict], **layout) -> Figure:
    """The traces with the site's layout; `layout` adds or replaces settings, and every
    axis it names (xaxis, yaxis2, ...) gets the site's grid colours."""
    settings = {
        "font": _FONT,
        "margin": {"l": 48, "r": 16, "t": 32, "b": 40},
        "legend": {"orientation": "h", "y": -0.15},
        "hovermode": "closest",
        "plot_bgcolor": "#fff",
        "paper_bgcolor": "#fff",
        "xaxis": {},
        "yaxis": {},
    } | layout
    for name, value in settings.items():
        if name[1:5] == "axis":
            settings[name] = AXIS_STYLE[name[0]] | value
    return {"data": data, "layout": settings}


def exchanges_over_time(rows: Iterable[tuple]) -> Figure:
    """People handed to each side per exchange, coloured by kind.

    Rows are (date, kind, to_ukraine, to_russia, exchanges) as from
    `ExchangeQuerySet.people_per_date()`. Bars above the axis are people handed
    to Ukraine, below it people handed to Russia.
    """
    by_kind: dict[str, list[tuple]] = defaultdict(list)
    for day, kind, ua, ru, n in rows:
        by_kind[kind].append((_day(day), ua or 0, ru or 0, n))
    data = []
    for kind, colour in KIND_COLOURS.items():
        points = by_kind.get(kind)
        if not points:
            continue
        days = [p[0] for p in points]
        label = KIND_LABELS[kind]
        data.append(
            {
                "type": "bar",
                "name": f"{label}: to Ukraine",
                "x": days,
                "y": [p[1] for p in points],
                "marker": {"color": colour},
                "customdata": [p[3] for p in points],
                "hovertemplate": "%{x|%d %b %Y}: %{y} to Ukraine (%{customdata} record(s))"
                "<extra></extra>",
                "legendgroup": kind,
            }
        )
        data.append(
            {
                "type": "bar",
                "name": f"{label}: to Russia",
                "x": days,
                "y": [-p[2] for p in points],
                "marker": {"color": colour, "opacity": 0.45},
                "customdata": [p[2] for p in points],
                "hovertemplate": "%{x|%d %b %Y}: %{customdata} to Russia<extra></extra>",
                "legendgroup": kind,
            }
        )
    return _figure(
        data,
        barmode="relative",
        bargap=0,
        yaxis={"title": {"text": "← to Russia · to Ukraine →"}},
    )


def cumulative_totals(rows: Iterable[tuple], checkpoints: Iterable[tuple] = ()) -> Figure:
    """Running totals over time, from `ExchangeQuerySet.cumulative_totals()` rows:
    (date, people_to_ukraine, people_to_russia, bodies_to_ukraine, bodies_to_russia),
    with official checkpoints (date, value, claimant, measure) as markers on top."""
    rows = list(rows)
    days = [_day(r[0]) for r in rows]
    series = [
        ("People returned to Ukraine", 1, SIDE_COLOURS["ua"], "solid"),
        ("People returned to Russia", 2, SIDE_COLOURS["ru"], "solid"),
        ("Bodies returned to Ukraine", 3, SIDE_COLOURS["ua"], "dot"),
        ("Bodies returned to Russia", 4, SIDE_COLOURS["ru"], "dot"),
    ]
    data = [
        {
            "type": "scatter",
            "name": name,
            "x": days,
            "y": [r[column] for r in rows],
            "mode": "lines",
            "line": {"shape": "hv", "color": colour, "dash": dash, "width": 2},
            "hovertemplate": f"%{{x|%d %b %Y}}: %{{y:,}} {name.lower()}<extra></extra>",
        }
        for name, column, colour, dash in series
    ]
    checkpoints = list(checkpoints)
    for measure, name, symbol in (
        ("people_to_ukraine", "Official: people returned to Ukraine", "diamond"),
        ("bodies_to_ukraine", "Official: bodies returned to Ukraine", "diamond-open"),
    ):
        marks = [c for c in checkpoints if c[3] == measure]
        if not marks:
            continue
        data.append(
            {
                "type": "scatter",
                "name": name,
                "x": [_day(c[0]) for c in marks],
                "y": [c[1] for c in marks],
                "text": [c[2] for c in marks],
                "mode": "markers",
                "marker": {"symbol": symbol, "size": 10, "color": "#111111"},
                "hovertemplate": "%{x|%d %b %Y}: %{y:,} according to %{text}<extra></extra>",
            }
        )
    return _figure(
        data,
        hovermode="x unified",
        yaxis={"title": {"text": "Cumulative total"}, "rangemode": "tozero"},
    )


def per_mediator(rows: Iterable[tuple]) -> Figure:
    """Exchanges and people per mediator, from rows (slug, name, exchanges, to_ukraine,
    to_russia) as from `MediatorQuerySet.per_mediator()`: two panels side by side."""
    rows = list(rows)[::-1]  # Plotly draws horizontal bars bottom-up.
    names = [r[1] for r in rows]
    data = [
        {
            "type": "bar",
            "name": "Exchanges",
            "y": names,
            "x": [r[2] for r in rows],
            "orientation": "h",
            "marker": {"color": "#5b6472"},
            "hovertemplate": "%{y}: %{x} exchanges<extra></extra>",
        }
    ]
    for label, column, colour in (("To Ukraine", 3, "ua"), ("To Russia", 4, "ru")):
        data.append(
            {
                "type": "bar",
                "name": label,
                "y": names,
                "x": [r[column] for r in rows],
                "orientation": "h",
                "marker": {"color": SIDE_COLOURS[colour]},
                "xaxis": "x2",
                "hovertemplate": f"%{{y}}: %{{x:,}} {label.lower()}<extra></extra>",
            }
        )
    # Two panels side by side, each on its own x axis.
    return _figure(
        data,
        barmode="stack",
        height=max(260, 40 * len(rows) + 120),
        margin={"l": 110, "r": 16, "t": 32, "b": 40},
        xaxis={"domain": [0, 0.38], "title": {"text": "Exchanges"}},
        xaxis2={"domain": [0.44, 1], "anchor": "y", "title": {"text": "People handed over"}},
    )


def per_mediator_year(rows: Iterable[tuple]) -> Figure:
    """Exchanges per mediator per year, from rows (slug, name, year, exchanges, people)."""
    by_mediator: dict[str, list[tuple]] = defaultdict(list)
    for _slug, name, year, n, people in rows:
        by_mediator[name].append((str(year), n, people))
    data = [
        {
            "type": "bar",
            "name": name,
            "x": [p[0] for p in points],
            "y": [p[1] for p in points],
            "customdata": [p[2] for p in points],
            "hovertemplate": f"{name}, %{{x}}: %{{y}} exchanges, %{{customdata:,}} people"
            "<extra></extra>",
        }
        for name, points in by_mediator.items()
    ]
    return _figure(
        data,
        barmode="group",
        xaxis={"type": "category", "title": {"text": "Year"}},
        yaxis={"title": {"text": "Exchanges"}},
    )


def mediator_years(rows: Iterable[tuple]) -> Figure:
    """One mediator's exchanges (bars, left axis) and people (line, right axis) per year,
    from rows (year, exchanges, people)."""
    rows = list(rows)
    years = [str(r[0]) for r in rows]
    data = [
        {
            "type": "bar",
            "name": "Exchanges",
            "x": years,
            "y": [r[1] for r in rows],
            "marker": {"color": "#5b6472"},
            "hovertemplate": "%{x}: %{y} exchanges<extra></extra>",
        },
        {
            "type": "scatter",
            "name": "People handed over",
            "x": years,
            "y": [r[2] for r in rows],
            "mode": "lines+markers",
            "line": {"color": SIDE_COLOURS["ua"]},
            "yaxis": "y2",
            "hovertemplate": "%{x}: %{y:,} people<extra></extra>",
        },
    ]
    return _figure(
        data,
        xaxis={"type": "category"},
        yaxis={"title": {"text": "Exchanges"}, "rangemode": "tozero"},
        yaxis2={
            "title": {"text": "People"},
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
        },
    )


# What json_script escapes, so the text cannot end the <script> it is written in.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def as_json(figure: Figure | None) -> SafeString | None:
    """The figure as JSON to write inside <script type="application/json"> (escaped as
    json_script does), or None when it has nothing to draw. Pages cache this text with
    their figures: encoding the timeline's thousands of bars took longer than the rest
    of the page."""
    if not figure or not figure["data"]:
        return None
    text = json.dumps(figure, cls=DjangoJSONEncoder, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 - escaped just above
