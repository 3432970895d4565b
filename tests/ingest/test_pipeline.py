"""The pipeline for one source: main text, duplicates, errors a person can read."""

import datetime as dt

import pytest
from django.db import connection

from exchanges.models import Exchange, Source
from ingest.pipeline import MAX_EVENTS, ingest_source
from ingest.sources import source_create_from_content

pytestmark = pytest.mark.django_db

STORY = (
    "<p>On 14 August 2025 Ukraine and Russia exchanged 84 prisoners for 84, "
    "with the mediation of the United Arab Emirates.</p>"
)


def ingest_html(body: str, **kwargs) -> Source:
    source, _ = source_create_from_content(
        content=f"<html><body><article>{body}</article></body></html>",
        published=dt.date(2025, 8, 15),
        **kwargs,
    )
    ingest_source(source.pk)
    source.refresh_from_db()
    return source


def test_a_copy_of_an_article_on_another_page_points_to_the_first_and_adds_nothing():
    first = ingest_html(STORY, url="https://one.example.org/a")
    copy = ingest_html(f"<!-- syndicated -->{STORY}", url="https://two.example.org/b")
    assert copy.duplicate_of_id == first.pk
    assert f"source #{first.pk}" in copy.error
    assert copy.reports.count() == 0
    assert Exchange.objects.count() == 1


def test_html_with_no_article_text_fails_with_a_readable_error():
    source = ingest_html("<script>var x = 1;</script>")
    assert source.status == "failed"
    assert "No article text" in source.error or "no text" in source.error.lower()


def test_a_failure_keeps_what_was_recorded_before():
    first = ingest_html(STORY)
    broken = ingest_html("<script>nothing here</script>")
    assert broken.status == "failed"
    assert Exchange.objects.get().reports.get().source_id == first.pk


def test_a_new_sources_first_reading_adds_no_history_row_but_a_changed_reingest_does():
    source = ingest_html(STORY)
    assert source.status == "done"
    assert list(source.history.values_list("history_type", flat=True)) == ["+"]

    updated = source.raw_content.replace("</article>", "<p>Update.</p></article>")
    Source.objects.filter(pk=source.pk).update(raw_content=updated)
    ingest_source(source.pk)

    source.refresh_from_db()
    assert "Update." in source.text
    assert source.history.count() == 2
    assert source.history.first().content_hash == source.content_hash


def test_a_reingest_that_changes_nothing_adds_no_history_row():
    source = ingest_html(STORY)
    exchange = Exchange.objects.get()
    rows = (source.history.count(), exchange.history.count())

    ingest_source(source.pk)
    Source.objects.filter(pk=source.pk).update(status="pending")  # as an editor's re-run leaves it
    ingest_source(source.pk)

    source.refresh_from_db()
    assert source.status == "done"
    assert (source.history.count(), exchange.history.count()) == rows


def test_a_page_stating_hundreds_of_exchanges_records_the_first_and_says_so():
    start = dt.date(2022, 4, 1)
    rows = [
        f"On {day.day} {day:%B %Y} Ukraine and Russia exchanged {n} prisoners for {n}."
        for n, day in ((n, start + dt.timedelta(days=10 * n)) for n in range(100, 350))
    ]
    source, _ = source_create_from_content(content="\n\n".join(rows), published=dt.date(2030, 1, 1))
    ingest_source(source.pk)
    source.refresh_from_db()
    assert source.status == "done"
    assert source.error == "The page states 250 exchanges; only the first 200 were recorded."
    assert source.reports.count() == MAX_EVENTS


def test_the_duplicate_of_an_article_keeps_a_history_row_saying_so():
    first = ingest_html(STORY, url="https://one.example.org/a")
    copy = ingest_html(f"<!-- syndicated -->{STORY}", url="https://two.example.org/b")
    assert copy.history.first().duplicate_of_id == first.pk


@pytest.mark.django_db(transaction=True)
def test_an_ingest_alone_commits_without_waiting_for_the_disk(need_postgres):
    executed = []

    def spy(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    source, _ = source_create_from_content(
        content=f"<html><body><article>{STORY}</article></body></html>",
        published=dt.date(2025, 8, 15),
    )
    with connection.execute_wrapper(spy):
        ingest_source(source.pk)
    assert "SET LOCAL synchronous_commit TO OFF" in executed
    assert Source.objects.get(pk=source.pk).status == "done"
    # Set for the ingest's own transaction only: the connection commits as usual after it.
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
