from exchanges.versions import data_version


def site(request):
    """The footer's "data last updated": when the data version last moved (versions.py)."""
    return {"data_updated_at": data_version(request)[1]}
