"""The risk map's HTTP views (thin): for now the boundaries as GeoJSON.

Both answer with the JSON of :mod:`omzien.riskmap.boundaries`: gzipped when the request
accepts it, with a weak ETag, ``304 Not Modified`` on a matching ``If-None-Match``, and
``Cache-Control: private`` (staff pages behind a login). See docs/riskmap-boundaries.md.
"""

from __future__ import annotations

import re

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from omzien.core.permissions import municipality_view, national_view
from omzien.riskmap import boundaries

#: Seconds a browser may reuse the boundaries without asking; after that it revalidates
#: with the ETag (a 304 without a body). Boundaries change only with the reference data.
MAX_AGE = 3600

_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
CONTENT_TYPE = "application/geo+json"


def _geojson_response(request, payload: boundaries.Payload) -> HttpResponse:
    response = get_conditional_response(request, etag=payload.etag)
    if response is None:
        if _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            response = HttpResponse(payload.gzipped, content_type=CONTENT_TYPE)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(payload.body, content_type=CONTENT_TYPE)
        response["Content-Length"] = str(len(response.content))
    response["ETag"] = payload.etag
    patch_cache_control(response, private=True, max_age=MAX_AGE)
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _detail(request) -> str:
    return boundaries.detail_for(request.GET.get("detail"), request.GET.get("zoom"))


@municipality_view("view_riskmap")
@require_safe
def district_boundaries(request, municipality):
    """The municipality's districts (code and name) for its map."""
    return _geojson_response(request, boundaries.districts(municipality, _detail(request)))


@national_view
@require_safe
def municipality_boundaries(request):
    """Every municipality (code and name) for the programme team's national map."""
    return _geojson_response(request, boundaries.municipalities(_detail(request)))
