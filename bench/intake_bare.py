"""The baseline of the intake benchmark: a bare Django view that parses the JSON body and
inserts one row through the ORM, with the same middleware, settings and database connection
handling as the product. No authentication, validation, routing or audit: the floor of what
one signal over HTTP costs in this stack.

The row goes into ``bench_bare_signal``, a table the benchmark creates in its own database;
the model is unmanaged and exists only in the benchmark's URLconf (no migration).
"""

from __future__ import annotations

import json

from django.db import models
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

TABLE_SQL = """
CREATE TABLE IF NOT EXISTS bench_bare_signal (
    id bigserial PRIMARY KEY,
    idempotency_key varchar(100) NOT NULL,
    payload jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
)
"""


class BareSignal(models.Model):
    idempotency_key = models.CharField(max_length=100)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "signalling"  # an installed app; the table is the benchmark's own
        db_table = "bench_bare_signal"
        managed = False

    def __str__(self) -> str:
        return f"Bare signal #{self.pk}"


@csrf_exempt
@require_POST
def bare_insert(request):
    try:
        data = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": "invalid json"}, status=400)
    row = BareSignal.objects.create(
        idempotency_key=request.headers.get("Idempotency-Key", ""), payload=data
    )
    return JsonResponse({"id": row.pk}, status=201)
