"""Chart builders take plain rows and return figures as plain dicts: no database needed."""

import datetime as dt
import json

from exchanges import charts


def _trace(fig, name):
    return next(t for t in fig["data"] if t["name"] == name)


def test_it_draws_people_to_each_side_coloured_by_kind():
    rows = [
        (dt.date(2024, 1, 3), "pow_exchange", 230, 248, 1),
        (dt.date(2025, 6, 16), "body_repatriation", 6057, 78, 1),
    ]
    fig = charts.exchanges_over_time(rows)
    to_ua = _trace(fig, "Prisoner exchange: to Ukraine")
    to_ru = _trace(fig, "Prisoner exchange: to Russia")
    assert to_ua["y"] == [230]
    assert to_ru["y"] == [-248]  # drawn below the axis
    assert to_ru["customdata"] == [248]  # shown as a positive number on hover
    assert _trace(fig, "Body repatriation: to Ukraine")["marker"]["color"] == "#7a4b94"
    assert fig["layout"]["barmode"] == "relative"


def test_it_leaves_out_kinds_with_no_rows():
    fig = charts.exchanges_over_time([(dt.date(2024, 1, 3), "pow_exchange", 1, 2, 1)])
    assert {t["legendgroup"] for t in fig["data"]} == {"pow_exchange"}


def test_it_draws_four_running_total_lines():
    rows = [(dt.date(2024, 1, 3), 230, 248, 0, 0), (dt.date(2025, 6, 16), 230, 248, 6057, 78)]
    fig = charts.cumulative_totals(rows)
    assert [t["name"] for t in fig["data"]] == [
        "People returned to Ukraine",
        "People returned to Russia",
        "Bodies returned to Ukraine",
        "Bodies returned to Russia",
    ]
    assert _trace(fig, "Bodies returned to Ukraine")["y"] == [0, 6057]
    assert fig["data"][0]["line"]["shape"] == "hv"


def test_it_draws_exchanges_and_people_per_mediator():
    rows = [("uae", "UAE", 2, 1230, 1248), ("turkey", "Turkey", 1, 215, 55)]
    fig = charts.per_mediator(rows)
    exchanges = _trace(fig, "Exchanges")
    assert exchanges["y"] == ["Turkey", "UAE"]  # largest at the top
    assert exchanges["x"] == [1, 2]
    assert _trace(fig, "To Ukraine")["x"] == [215, 1230]


def test_it_draws_one_bar_series_per_mediator_per_year():
    rows = [
        ("uae", "UAE", 2024, 1, 478),
        ("uae", "UAE", 2025, 1, 2000),
        ("turkey", "Turkey", 2022, 1, 270),
    ]
    fig = charts.per_mediator_year(rows)
    assert _trace(fig, "UAE")["x"] == ["2024", "2025"]
    assert _trace(fig, "Turkey")["customdata"] == [270]


def test_it_draws_one_mediators_years():
    fig = charts.mediator_years([(2024, 1, 478), (2025, 1, 2000)])
    assert _trace(fig, "People handed over")["y"] == [478, 2000]


def test_it_gives_json_ready_data_and_layout():
    fig = charts.cumulative_totals([(dt.date(2024, 1, 3), 1, 2, 3, 4)])
    assert set(fig) == {"data", "layout"}
    assert fig["data"][0]["type"] == "scatter"
    assert json.loads(json.dumps(fig)) == fig  # dates as ISO strings, nothing else to convert


def test_it_uses_only_trace_types_the_basic_plotly_bundle_draws():
    # plotly.js-basic-dist-min has bar, scatter and pie (exchanges/staticfiles.py).
    day = dt.date(2024, 1, 3)
    figures = [
        charts.exchanges_over_time([(day, "pow_exchange", 1, 2, 1)]),
        charts.cumulative_totals([(day, 1, 2, 3, 4)], [(day, 5, "Ombudsman", "people_to_ukraine")]),
        charts.per_mediator([("uae", "UAE", 2, 1230, 1248)]),
        charts.per_mediator_year([("uae", "UAE", 2024, 1, 478)]),
        charts.mediator_years([(2024, 1, 478)]),
    ]
    assert {t["type"] for fig in figures for t in fig["data"]} <= {"bar", "scatter"}
