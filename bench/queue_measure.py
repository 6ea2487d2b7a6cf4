"""Measurement of the queue benchmark: the users and scenarios to time, the timed requests
through Django's test client, and EXPLAIN of the queries one page runs."""

from __future__ import annotations

import re
import time


def pick_users():
    """The users to time: coordinator and a team caseworker of the biggest municipality, a
    caseworker and the coordinator of a median one."""
    from django.db.models import Count

    from omzien.core.models import Membership
    from omzien.signalling.cases.workflow import OPEN_STATES
    from omzien.signalling.models import Case

    by_size = list(
        Case.objects.filter(state__in=OPEN_STATES)
        .values("municipality_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "municipality_id")
    )
    biggest = by_size[0]["municipality_id"]
    median = by_size[len(by_size) // 2]["municipality_id"]

    def coordinator(municipality_id):
        return Membership.objects.select_related("user", "municipality").get(
            municipality_id=municipality_id, role="coordinator"
        )

    def busiest_caseworker(municipality_id):
        busiest = (
            Case.objects.filter(
                municipality_id=municipality_id, state__in=OPEN_STATES, caseworker__isnull=False
            )
            .values("caseworker_id")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        return Membership.objects.select_related("user", "municipality").get(
            municipality_id=municipality_id, role="caseworker", user_id=busiest["caseworker_id"]
        )

    return {
        "big": (coordinator(biggest), busiest_caseworker(biggest), by_size[0]["n"]),
        "median": (
            coordinator(median),
            busiest_caseworker(median),
            by_size[len(by_size) // 2]["n"],
        ),
    }


def scenarios(users) -> list[tuple[str, object, str]]:
    from omzien.core.models import Resident
    from omzien.signalling.cases.workflow import OPEN_STATES
    from omzien.signalling.models import Signal

    big_coordinator, big_worker, _ = users["big"]
    median_coordinator, median_worker, _ = users["median"]
    m = big_coordinator.municipality
    open_signal = (
        Signal.objects.filter(municipality=m, case__state__in=OPEN_STATES).order_by("pk").first()
    )
    some_resident = Resident.objects.filter(pk=open_signal.case.resident_id).first()
    base = f"/g/{m.slug}/meldingen/"
    median_base = f"/g/{median_coordinator.municipality.slug}/meldingen/"
    surname = some_resident.name.split()[-1]  # what people type: "Bergen" of "van der Bergen"
    coordinator, worker = big_coordinator.user, big_worker.user
    postcode, code = some_resident.postcode[:4], open_signal.receipt_code
    return [
        ("big coordinator: all", coordinator, base),
        ("big coordinator: overdue", coordinator, base + "?lijst=te-laat"),
        ("big coordinator: unassigned p3", coordinator, base + "?lijst=niet-toegewezen&pagina=3"),
        ("big coordinator: last page", coordinator, base + "?pagina=9999"),
        ("big coordinator: search name", coordinator, base + f"?q={surname}"),
        ("big coordinator: search postcode", coordinator, base + f"?q={postcode}"),
        ("big coordinator: search code", coordinator, base + f"?q={code}"),
        ("big caseworker: all", worker, base),
        ("big caseworker: mine", worker, base + "?lijst=mijn"),
        ("big caseworker: team", worker, base + "?lijst=team"),
        ("median coordinator: all", median_coordinator.user, median_base),
        ("median caseworker: all", median_worker.user, median_base),
    ]


def measure(requests: int, warmup: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from omzien.core.tests.factories import login_verified
    from omzien.signalling.extensions import register as register_navigation

    register_navigation()
    users = pick_users()
    plan = scenarios(users)
    clients = {}
    for _label, user, _url in plan:
        if user.pk not in clients:
            client = Client()
            login_verified(client, user)
            clients[user.pk] = client
    results = {}
    queries_per_request = {}
    for label, user, url in plan:
        client = clients[user.pk]
        for _ in range(warmup):
            assert client.get(url).status_code == 200, (label, url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        queries_per_request[label] = len(captured.captured_queries)
        timings = []
        # Interleave nothing else: each request is timed alone, wall clock, in-process.
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        html = response.content.decode()
        total = re.search(r"(\d+) open melding", html)
        results[label] = {
            "url": url,
            "rows": html.count('<th scope="row">'),
            "total": int(total.group(1)) if total else 0,
            "timings": timings,
        }
    return {"users": users, "results": results, "queries": queries_per_request}


def explain(plan_labels: list[str], users) -> list[tuple[str, str]]:
    """EXPLAIN the queries one page request runs on the case and signal tables, exactly as
    Django sent them."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from omzien.core.tests.factories import login_verified
    from omzien.signalling.models import Case, Signal

    tables = (Case._meta.db_table, Signal._meta.db_table)
    plans = []
    for label, user, url in scenarios(users):
        if label not in plan_labels:
            continue
        client = Client()
        login_verified(client, user)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        for number, query in enumerate(captured.captured_queries, 1):
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT") or not any(
                f'"{table}"' in sql for table in tables
            ):
                continue
            prefix = (
                "EXPLAIN (ANALYZE, BUFFERS) "
                if connection.vendor == "postgresql"
                else "EXPLAIN QUERY PLAN "
            )
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql)
                rows = cursor.fetchall()
            plan = "\n".join(" | ".join(str(c) for c in row) for row in rows)
            plans.append((f"{label}, query {number} ({query['time']} s)", f"{sql}\n{plan}"))
    return plans
