"""Candidates: the records matching weighs, loaded with what it reads of them."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from exchanges.models import Exchange, Report
from ingest.candidates import Candidate, ReportFacts, candidates_for, load_candidates
from tests.factories import make_exchange, make_report, make_source, make_stage

MAY_23 = dt.date(2025, 5, 23)


class LoadCandidatesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.older = make_exchange(
            date=dt.date(2025, 5, 1),
            mediators=["UAE", "Turkey"],
            breakdown={"military": {"to_ukraine": 90}},
        )
        cls.running = make_exchange(date=MAY_23, status="in_progress")
        cls.first = make_stage(cls.running, 1, date=MAY_23, mediators=["Qatar"])
        cls.second = make_stage(cls.running, 2, date=dt.date(2025, 5, 24))
        cls.undated = make_exchange(date=None, status="agreed")

    def test_it_loads_candidates_their_stages_and_their_mediators_in_one_query(self):
        with self.assertNumQueries(1):
            candidates = load_candidates("kind = %s", ["pow_exchange"], {self.older.pk})
            stages = {c.exchange.pk: c.stages for c in candidates}
            names = {c.exchange.pk: c.mediator_names for c in candidates}
            stage_names = {
                s.exchange.pk: s.mediator_names for c in candidates for s in c.stage_candidates
            }
        self.assertEqual(stages[self.running.pk], [self.second, self.first])
        self.assertEqual(stages[self.older.pk], [])
        self.assertEqual(
            names,
            {self.older.pk: {"UAE", "Turkey"}, self.running.pk: set(), self.undated.pk: set()},
        )
        self.assertEqual(stage_names, {self.first.pk: {"Qatar"}, self.second.pk: set()})

    def test_it_knows_the_stages_of_each_stage_without_asking_again(self):
        nested = make_stage(self.first, 1)  # an editor may hang a record under a stage
        candidates = load_candidates("kind = %s", ["pow_exchange"], set())
        (running,) = [c for c in candidates if c.exchange == self.running]
        with self.assertNumQueries(0):
            stages = {s.exchange.pk: s.stages for s in running.stage_candidates}
        self.assertEqual(stages, {self.first.pk: [nested], self.second.pk: []})

    def test_it_loads_the_records_whole_as_the_orm_would(self):
        (older,) = [c.exchange for c in load_candidates("id = %s", [self.older.pk], set())]
        expected = Exchange.objects.get(pk=self.older.pk)
        for field in Exchange._meta.concrete_fields:
            self.assertEqual(getattr(older, field.attname), getattr(expected, field.attname))
        self.assertEqual(vars(older).keys(), vars(expected).keys())

    def test_it_puts_the_newest_first_and_undated_last(self):
        candidates = load_candidates("kind = %s", ["pow_exchange"], set())
        self.assertEqual([c.exchange for c in candidates], [self.running, self.older, self.undated])

    def test_it_marks_the_records_the_source_already_supports(self):
        candidates = load_candidates("kind = %s", ["pow_exchange"], {self.older.pk})
        marked = {c.exchange.pk for c in candidates if c.from_this_source}
        self.assertEqual(marked, {self.older.pk})

    def test_it_finds_for_a_dated_report_only_records_near_its_date_or_undated(self):
        far = make_exchange(date=dt.date(2024, 1, 1))
        report = Report(kind="pow_exchange", date=MAY_23, date_precision="day")
        found = {c.exchange for c in candidates_for(report, make_source(), set())}
        self.assertEqual(found, {self.older, self.running, self.undated})
        self.assertNotIn(far, found)

    def test_it_never_offers_another_kind(self):
        report = Report(kind="body_repatriation", date=MAY_23, date_precision="day")
        self.assertEqual(candidates_for(report, make_source(), set()), [])


class CandidateFactsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.exchange = make_exchange(to_ukraine=300, mediators=["UAE"])
        make_report(cls.exchange, make_source(published=dt.date(2025, 5, 25)), to_ukraine=307)
        make_report(cls.exchange, make_source(published=dt.date(2025, 5, 24)), to_russia=290)

    def test_it_reads_its_reports_facts_once_when_first_asked(self):
        candidate = Candidate(self.exchange)
        with self.assertNumQueries(1):
            facts = candidate.facts
            self.assertIs(candidate.facts, facts)
        self.assertEqual(facts, ReportFacts(307, 290, dt.date(2025, 5, 24)))

    def test_it_reads_its_mediators_names_once_when_first_asked(self):
        candidate = Candidate(self.exchange)
        with self.assertNumQueries(1):
            self.assertEqual(candidate.mediator_names, {"UAE"})
            self.assertEqual(candidate.mediator_names, {"UAE"})

    def test_it_reads_its_stages_when_they_were_not_given(self):
        stage = make_stage(self.exchange, 1)
        with self.assertNumQueries(1):
            self.assertEqual(Candidate(self.exchange).stages, [stage])

    def test_a_record_just_created_needs_no_query(self):
        with self.assertNumQueries(0):
            new = Candidate.new(self.exchange)
            self.assertEqual((new.stages, new.mediator_names), ([], set()))
            self.assertEqual(new.facts, ReportFacts())

    def test_it_leaves_no_attribute_on_the_record(self):
        before = set(vars(self.exchange))
        candidate = Candidate(self.exchange)
        _ = (candidate.stages, candidate.facts, candidate.mediator_names)
        self.assertEqual(set(vars(self.exchange)), before)
