"""ETag and Last-Modified from the data version, so a poller that asks again gets 304.

The data version (versions.py) moves with every write to the exchanges, their
mediators, reports and sources, deletions included; reading it is one
primary-key lookup. The ETag hashes it with the request's path and query
string. Wrapped round a view with `conditional`, a request whose If-None-Match
(or If-Modified-Since) still matches is answered 304 before the view runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.views.decorators.http import condition

from exchanges.versions import data_version, version_key


def last_modified(request, *args, **kwargs) -> dt.datetime | None:
    return data_version(request)[1]


def etag(request, *args, **kwargs) -> str:
    state = f"{request.get_full_path()}|{version_key(request)}"
    return hashlib.sha256(state.encode()).hexdigest()[:32]


conditional = condition(etag_func=etag, last_modified_func=last_modified)
