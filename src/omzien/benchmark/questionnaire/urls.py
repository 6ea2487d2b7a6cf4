"""Routes of the benchmark app's questionnaire part (issue 12): ``patterns`` go under
``/g/<municipality_slug>/``, ``national_patterns`` under the site root (paths start with
``landelijk/``)."""

patterns: list = []
national_patterns: list = []
