"""Chart builders: plain rows in, Plotly figures out (no database, so tests need none).

Each page puts the figure's JSON in the HTML and `static/js/charts.js` draws it
with the plotly.js served from our own static files; each chart's numbers are
also in a table next to it, or in the CSV.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import plotly.graph_objects as go

from exchanges.models import Kind

KIND_LABELS = dict(Kind.choices)
KIND_COLOURS = {
    "pow_exchange": "#0b5cad",
    "body_repatriation": "#7a4b94",
    "civilian_return": "#1f8a5b",
}
SIDE_COLOURS = {"ua": "#0b5cad", "ru": "#c0392b"}

_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13}


def _day(value) -> str:
    # ISO strings, not date objects: Plotly validates and deep-copies every point,
    # and that is several times slower for dates than for strings.
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _layout(fig: go.Figure, **extra) -> go.Figure:
    settings = {
        "font": _FONT,
        "margin": {"l": 48, "r": 16, "t": 32, "b": 40},
        "legend": {"orientation": "h", "y": -0.15},
        "hovermode": "closest",
        "plot_bgcolor": "#fff",
        "paper_bgcolor": "#fff",
        # No theme: Plotly's default one would add ~8 kB of JSON to every page.
        "template": "none",
    }
    fig.update_layout(**(settings | extra))
    fig.update_xaxes(gridcolor="#eef0f3")
    fig.update_yaxes(gridcolor="#eef0f3", zerolinecolor="#9aa3ae")
    return fig


def exchanges_over_time(rows: Iterable[tuple]) -> go.Figure:
    """People handed to each side per exchange, coloured by kind.

    Rows are (date, kind, to_ukraine, to_russia, exchanges) as from
    `ExchangeQuerySet.people_per_date()`. Bars above the axis are people handed
    to Ukraine, below it people handed to Russia.
    """
    by_kind: dict[str, list[tuple]] = defaultdict(list)
    for day, kind, ua, ru, n in rows:
        by_kind[kind].append((_day(day), ua or 0, ru or 0, n))
    fig = go.Figure()
    for kind in KIND_COLOURS:
        points = by_kind.get(kind)
        if not points:
            continue
        days = [p[0] for p in points]
        label = KIND_LABELS[kind]
        fig.add_bar(
            name=f"{label}: to Ukraine",
            x=days,
            y=[p[1] for p in points],
            marker_color=KIND_COLOURS[kind],
            customdata=[p[3] for p in points],
            hovertemplate="%{x|%d %b %Y}: %{y} to Ukraine (%{customdata} record(s))<extra></extra>",
            legendgroup=kind,
        )
        fig.add_bar(
            name=f"{label}: to Russia",
            x=days,
            y=[-p[2] for p in points],
            marker_color=KIND_COLOURS[kind],
            marker_opacity=0.45,
            customdata=[p[2] for p in points],
            hovertemplate="%{x|%d %b %Y}: %{customdata} to Russia<extra></extra>",
            legendgroup=kind,
        )
    _layout(fig, barmode="relative", bargap=0)
    fig.update_yaxes(title_text="← to Russia · to Ukraine →")
    return fig


def cumulative_totals(rows: Iterable[tuple], checkpoints: Iterable[tuple] = ()) -> go.Figure:
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
    fig = go.Figure()
    for name, column, colour, dash in series:
        fig.add_scatter(
            name=name,
            x=days,
            y=[r[column] for r in rows],
            mode="lines",
            line={"shape": "hv", "color": colour, "dash": dash, "width": 2},
            hovertemplate=f"%{{x|%d %b %Y}}: %{{y:,}} {name.lower()}<extra></extra>",
        )
    checkpoints = list(checkpoints)
    for measure, name, symbol in (
        ("people_to_ukraine", "Official: people returned to Ukraine", "diamond"),
        ("bodies_to_ukraine", "Official: bodies returned to Ukraine", "diamond-open"),
    ):
        marks = [c for c in checkpoints if c[3] == measure]
        if not marks:
            continue
        fig.add_scatter(
            name=name,
            x=[_day(c[0]) for c in marks],
            y=[c[1] for c in marks],
            text=[c[2] for c in marks],
            mode="markers",
            marker={"symbol": symbol, "size": 10, "color": "#111111"},
            hovertemplate="%{x|%d %b %Y}: %{y:,} according to %{text}<extra></extra>",
        )
    _layout(fig, hovermode="x unified")
    fig.update_yaxes(title_text="Cumulative total", rangemode="tozero")
    return fig


def per_mediator(rows: Iterable[tuple]) -> go.Figure:
    """Exchanges and people per mediator, from rows (slug, name, exchanges, to_ukraine,
    to_russia) as from `MediatorQuerySet.per_mediator()`: two panels side by side."""
    rows = list(rows)[::-1]  # Plotly draws horizontal bars bottom-up.
    names = [r[1] for r in rows]
    fig = go.Figure()
    fig.add_bar(
        name="Exchanges",
        y=names,
        x=[r[2] for r in rows],
        orientation="h",
        marker_color="#5b6472",
        hovertemplate="%{y}: %{x} exchanges<extra></extra>",
    )
    for label, column, colour in (("To Ukraine", 3, "ua"), ("To Russia", 4, "ru")):
        fig.add_bar(
            name=label,
            y=names,
            x=[r[column] for r in rows],
            orientation="h",
            marker_color=SIDE_COLOURS[colour],
            xaxis="x2",
            hovertemplate=f"%{{y}}: %{{x:,}} {label.lower()}<extra></extra>",
        )
    # Two panels by hand: make_subplots costs more than the rest of the page.
    _layout(
        fig,
        barmode="stack",
        height=max(260, 40 * len(rows) + 120),
        margin={"l": 110, "r": 16, "t": 32, "b": 40},
        xaxis={"domain": [0, 0.38], "title": {"text": "Exchanges"}},
        xaxis2={"domain": [0.44, 1], "anchor": "y", "title": {"text": "People handed over"}},
    )
    return fig


def per_mediator_year(rows: Iterable[tuple]) -> go.Figure:
    """Exchanges per mediator per year, from rows (slug, name, year, exchanges, people)."""
    by_mediator: dict[str, list[tuple]] = defaultdict(list)
    for _slug, name, year, n, people in rows:
        by_mediator[name].append((str(year), n, people))
    fig = go.Figure()
    for name, points in by_mediator.items():
        fig.add_bar(
            name=name,
            x=[p[0] for p in points],
            y=[p[1] for p in points],
            customdata=[p[2] for p in points],
            hovertemplate=f"{name}, %{{x}}: %{{y}} exchanges, %{{customdata:,}} people"
            "<extra></extra>",
        )
    _layout(fig, barmode="group")
    fig.update_xaxes(type="category", title_text="Year")
    fig.update_yaxes(title_text="Exchanges")
    return fig


def mediator_years(rows: Iterable[tuple]) -> go.Figure:
    """One mediator's exchanges (bars, left axis) and people (line, right axis) per year,
    from rows (year, exchanges, people)."""
    rows = list(rows)
    years = [str(r[0]) for r in rows]
    fig = go.Figure()
    fig.add_bar(
        name="Exchanges",
        x=years,
        y=[r[1] for r in rows],
        marker_color="#5b6472",
        hovertemplate="%{x}: %{y} exchanges<extra></extra>",
    )
    fig.add_scatter(
        name="People handed over",
        x=years,
        y=[r[2] for r in rows],
        mode="lines+markers",
        line={"color": SIDE_COLOURS["ua"]},
        yaxis="y2",
        hovertemplate="%{x}: %{y:,} people<extra></extra>",
    )
    _layout(
        fig,
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
    return fig


def as_data(fig: go.Figure) -> dict:
    """The figure as a JSON-ready dict for `json_script` (data and layout only)."""
    plain = fig.to_plotly_json()
    return {"data": plain["data"], "layout": plain["layout"]}
