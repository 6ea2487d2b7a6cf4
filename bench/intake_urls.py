"""URLconf of the intake benchmark: the product URLs plus ``/bench/bare/`` (bench only)."""

from django.urls import path

from bench.intake_bare import bare_insert
from omzien.urls import handler403, handler404, handler500
from omzien.urls import urlpatterns as product_urls

urlpatterns = [path("bench/bare/", bare_insert), *product_urls]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
