"""``python -m omzien.assessment.survey``: the same as ``omzien survey``."""

from omzien.assessment.survey.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
