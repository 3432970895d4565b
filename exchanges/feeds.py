"""/feeds/exchanges.atom: new and changed records, newest first, with the table's filters.

One entry per record (its permanent URL is the entry's id, so a reader shows a
record's latest change in place of the one before); the entry says what changed
(exchanges/changes.py). The query string is the table's: a feed of body
repatriations, of one mediator, of what awaits review.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join

from exchanges.changes import Entry, recent_changes
from exchanges.filters import ExchangeFilter, filter_query
from exchanges.models import Exchange
from exchanges.versions import cached


@dataclass
class Item:
    entry: Entry
    guid: str  # the record's permanent URL, absolute: the same entry whatever changes next


@dataclass
class FeedRequest:
    query: str
    items: list[Item]


def _with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


class ExchangeFeed(Feed):
    feed_type = Atom1Feed
    subtitle = (
        "New and corrected records of prisoner-of-war exchanges and body repatriations "
        "between Ukraine and Russia, compiled from news reports."
    )

    def get_object(self, request, *args, **kwargs) -> FeedRequest:
        filterset = ExchangeFilter(request.GET, queryset=Exchange.objects.top_level())
        items = [
            Item(entry, request.build_absolute_uri(entry.exchange.get_absolute_url()))
            for entry in recent_changes(filterset.qs)
        ]
        return FeedRequest(query=filter_query(request.GET), items=items)

    def title(self, obj: FeedRequest) -> str:
        title = "Ukraine–Russia exchanges: new and corrected records"
        return f"{title} ({obj.query})" if obj.query else title

    def link(self, obj: FeedRequest) -> str:
        return _with_query(reverse("exchange_list"), obj.query)

    def feed_url(self, obj: FeedRequest) -> str:
        return _with_query(reverse("exchange_feed"), obj.query)

    def items(self, obj: FeedRequest) -> list[Item]:
        return obj.items

    def item_title(self, item: Item) -> str:
        changes = item.entry.changes
        return f"{item.entry.exchange}: {changes[0].text if changes else 'changed'}"

    def item_description(self, item: Item) -> str:
        e = item.entry.exchange
        figures = format_html(
            "<p>{} — to Ukraine {}, to Russia {}.</p>",
            e,
            "?" if e.to_ukraine is None else e.to_ukraine,
            "?" if e.to_russia is None else e.to_russia,
        )
        changes = format_html_join(
            "",
            '<li><time datetime="{}">{}</time>: {}</li>',
            (
                (c.when.isoformat(), c.when.strftime("%Y-%m-%d %H:%M UTC"), c.text)
                for c in item.entry.changes
            ),
        )
        return figures + format_html("<ul>{}</ul>", changes)

    def item_link(self, item: Item) -> str:
        return item.entry.exchange.get_absolute_url()

    def item_guid(self, item: Item) -> str:
        return item.guid

    item_guid_is_permalink = True

    def item_updateddate(self, item: Item):
        return item.entry.changed_at

    def item_pubdate(self, item: Item):
        return item.entry.exchange.created_at


def exchange_feed(request):
    """The feed, built once per data version and URL (the host is in every link)."""
    return cached(request, "feed", lambda: ExchangeFeed()(request), request.build_absolute_uri())
