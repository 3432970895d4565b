"""The API answers what its OpenAPI schema documents, with the table's rows and exact totals."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from exchanges.models import Checkpoint, Report
from tests.factories import make_known_dataset, make_report, make_source

TABLE_FILTERS = [
    {},
    {"kind": "pow_exchange"},
    {"kind": "body_repatriation"},
    {"mediator": "uae", "date_from": "2025-01-01"},
    {"dated": "no"},
    {"review": "verified"},
    {"review": "needs_review"},
    {"status": "agreed"},
    {"q": "ukrinform"},
    {"date_to": "2024-12-31"},
    {"sort": "-to_ukraine"},
    {"sort": "to_russia"},
    {"sort": "stage_count", "kind": "pow_exchange"},
]


class Schema:
    def __init__(self, document: dict):
        self.document = document

    def resolve(self, node: dict) -> dict:
        while "$ref" in node:
            target = self.document
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        if "allOf" in node and len(node["allOf"]) == 1:
            return self.resolve(node["allOf"][0])
        return node

    def response(self, path: str) -> dict:
        operation = self.document["paths"][path]["get"]
        return self.resolve(operation["responses"]["200"]["content"]["application/json"]["schema"])

    def check(self, node: dict, value, where: str = "$") -> int:
        """Every documented property is present, of the documented type; returns fields seen."""
        node = self.resolve(node)
        if value is None:
            assert node.get("nullable") or "oneOf" in node or node == {}, f"{where} is null"
            return 1
        kind = node.get("type")
        if kind == "object" and "properties" in node:
            assert isinstance(value, dict), where
            assert set(node["properties"]) <= set(value), (
                where,
                set(node["properties"]) - set(value),
            )
            return 1 + sum(
                self.check(sub, value[name], f"{where}.{name}")
                for name, sub in node["properties"].items()
            )
        if kind == "array":
            assert isinstance(value, list), where
            return 1 + sum(self.check(node["items"], item, f"{where}[]") for item in value)
        expected = {"integer": int, "string": str, "boolean": bool, "number": (int, float)}
        if kind in expected:
            assert isinstance(value, expected[kind]), (where, value)
        if "enum" in node:
            assert value in node["enum"], (where, value)
        return 1


class ContractTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = make_known_dataset()
        make_report(exchange=cls.data["bodies"], source=make_source(outlet="Ukrinform"))

    def setUp(self):
        self.schema = Schema(self.client.get("/api/schema/", {"format": "json"}).json())

    def get(self, path, params=None):
        response = self.client.get(path, params or {})
        assert response.status_code == 200, (path, response.content[:300])
        return response.json()

    def test_it_documents_every_endpoint(self):
        assert set(self.schema.document["paths"]) >= {
            "/api/exchanges/",
            "/api/exchanges/{id}/",
            "/api/mediators/",
            "/api/sources/",
            "/api/totals/",
        }
        for path, item in self.schema.document["paths"].items():
            assert set(item) <= {"get", "parameters"}, (path, "documents a write method")

    def test_it_answers_every_documented_field(self):
        jan = self.data["jan"]
        for path, url in [
            ("/api/exchanges/", "/api/exchanges/"),
            ("/api/exchanges/", "/api/exchanges/?review=needs_review"),
            ("/api/exchanges/{id}/", f"/api/exchanges/{jan.pk}/"),
            ("/api/exchanges/{id}/", f"/api/exchanges/{self.data['may'].pk}/"),
            ("/api/exchanges/{id}/", f"/api/exchanges/{self.data['stages'][0].pk}/"),
            ("/api/mediators/", "/api/mediators/"),
            ("/api/sources/", "/api/sources/"),
            ("/api/totals/", "/api/totals/"),
        ]:
            seen = self.schema.check(self.schema.response(path), self.get(url), url)
            assert seen > 10, url

    def test_it_lists_exactly_the_rows_the_table_shows_for_the_same_filters(self):
        for params in TABLE_FILTERS:
            table = self.client.get("/exchanges/", params).context["table"]
            expected = [row.record.pk for row in table.paginated_rows]
            got = [row["id"] for row in self.get("/api/exchanges/", params)["results"]]
            assert got == expected, params

    def test_it_gives_the_csv_values_as_json(self):
        rows = {r["id"]: r for r in self.get("/api/exchanges/")["results"]}
        may = rows[self.data["may"].pk]
        assert (may["date"], may["end_date"], may["stages"]) == ("2025-05-23", "2025-05-25", 3)
        assert may["corrected_at"] == "2025-06-02T09:30:00Z"
        assert may["mediators"] == [{"slug": "uae", "name": "UAE"}]
        sept = rows[self.data["september"].pk]
        assert [m["name"] for m in sept["mediators"]] == ["Saudi Arabia", "Turkey"]
        assert sept["date_precision"] == "month"
        jan = rows[self.data["jan"].pk]
        assert jan["source_count"] == 2 and len(jan["source_urls"]) == 2
        assert jan["url"] == f"http://testserver/exchanges/{jan['id']}/"
        assert jan["api_url"] == f"http://testserver/api/exchanges/{jan['id']}/"

    def test_it_gives_every_report_with_its_source_sentence_claimant_and_figures(self):
        jan = self.get(f"/api/exchanges/{self.data['jan'].pk}/")
        assert (jan["to_ukraine"], jan["to_russia"], jan["ordinal"]) == (230, 248, 49)
        assert jan["has_conflict"] is True
        by_outlet = {r["source"]["outlet"]: r for r in jan["reports"]}
        assert set(by_outlet) == {"Ukrinform", "TASS"}
        hq = by_outlet["Ukrinform"]
        assert hq["source"]["url"].startswith("https://news.example.org/")
        assert hq["source"]["title"] == "230 defenders home"
        assert hq["source"]["published"] == "2025-05-24"
        assert hq["claimant"] == "Coordination HQ"
        stored = Report.objects.get(source__outlet="Ukrinform", exchange=self.data["jan"])
        assert hq["sentence"] == stored.sentence != ""
        assert hq["figures"] == [
            {
                "field": "to_ukraine",
                "value": 230,
                "sentence": "230 Ukrainian defenders returned home.",
                "claimant": "Coordination HQ",
            }
        ]
        assert by_outlet["TASS"]["to_ukraine"] == 225

    def test_it_gives_the_stages_of_a_multi_day_exchange(self):
        may = self.get(f"/api/exchanges/{self.data['may'].pk}/")
        assert [(s["stage_number"], s["to_ukraine"]) for s in may["stages"]] == [
            (1, 390),
            (2, 307),
            (3, 303),
        ]
        assert [r["exchange"] for r in may["reports"]] == [self.data["stages"][0].pk]
        stage = self.get(f"/api/exchanges/{self.data['stages'][1].pk}/")
        assert stage["parent"] == self.data["may"].pk

    def test_it_gives_exact_totals(self):
        totals = self.get("/api/totals/")
        assert totals["headline"] == {
            "people_to_ukraine": 1455,
            "people_to_russia": 1303,
            "bodies_to_ukraine": 6057,
            "bodies_to_russia": 78,
            "people_exchanges": 4,
            "body_repatriations": 1,
            "first_date": "2022-09-01",
        }
        series = totals["series"]
        assert series[0] == {
            "date": "2022-09-01",
            "people_to_ukraine": 215,
            "people_to_russia": 55,
            "bodies_to_ukraine": 0,
            "bodies_to_russia": 0,
        }
        assert [row["date"] for row in series] == sorted(row["date"] for row in series)
        assert "2025-07-01" not in [row["date"] for row in series]  # agreed, not done
        assert totals["checkpoints"] == []  # none recorded in this dataset

    def test_it_gives_the_official_checkpoints_beside_the_totals(self):
        Checkpoint.objects.create(
            date=dt.date(2025, 9, 24),
            claimant="Ombudsman",
            measure=Checkpoint.Measure.PEOPLE_TO_UKRAINE,
            value=6030,
            sentence="6,030 returned so far.",
        )
        (checkpoint,) = self.get("/api/totals/")["checkpoints"]
        assert checkpoint["date"] == "2025-09-24"
        assert (checkpoint["measure"], checkpoint["value"]) == ("people_to_ukraine", 6030)
        assert checkpoint["claimant"] == "Ombudsman" and checkpoint["source_url"] is None

    def test_it_gives_the_mediators_page_figures(self):
        mediators = {m["slug"]: m for m in self.get("/api/mediators/")}
        uae = mediators["uae"]
        assert (uae["exchanges"], uae["to_ukraine"], uae["to_russia"]) == (2, 1230, 1248)
        assert [y["year"] for y in uae["years"]] == [2024, 2025]
        assert mediators["vatican"]["exchanges"] == 1

    def test_it_pages_with_a_cursor_in_the_table_order(self):
        for sort in ["-date", "to_ukraine", "-ordinal", "stage_count"]:
            whole = [r["id"] for r in self.get("/api/exchanges/", {"sort": sort})["results"]]
            ids, url = [], f"/api/exchanges/?sort={sort}&page_size=2"
            while url:
                page = self.client.get(url).json()
                assert len(page["results"]) <= 2
                ids += [r["id"] for r in page["results"]]
                url = page["next"]
            assert ids == whole, sort

    def test_it_refuses_bad_parameters_with_a_reason(self):
        for params in [{"sort": "notes"}, {"cursor": "nonsense"}, {"as_of": "01/02/2025"}]:
            response = self.client.get("/api/exchanges/", params)
            assert response.status_code == 400, params
            assert set(response.json()) == set(params)

    def test_it_lists_sources_with_the_sources_page_filters(self):
        make_source(title="A failed fetch", status="failed", error="HTTP 404")
        failed = self.get("/api/sources/", {"status": "failed"})["results"]
        assert [s["title"] for s in failed] == ["A failed fetch"]
        assert failed[0]["error"] == "HTTP 404"
        everything = self.get("/api/sources/")["results"]
        assert [s["id"] for s in everything] == sorted((s["id"] for s in everything), reverse=True)
        assert {s["report_count"] for s in everything} >= {1}


def test_the_schema_is_valid_openapi_3_without_a_warning(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert out.read_text().startswith("openapi: 3")
