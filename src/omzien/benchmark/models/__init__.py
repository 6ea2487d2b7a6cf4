"""The benchmark's models (issue 12); every model is re-exported here."""

from omzien.benchmark.models.coalition import (
    CoalitionMember,
    JointActivity,
    Kartrekker,
    LocalParticipation,
    NationalPartnership,
    Sector,
)
from omzien.benchmark.models.questionnaire import (
    Answer,
    AnswerSource,
    AnswerType,
    BenchmarkResponse,
    Pillar,
    Question,
    Questionnaire,
)

__all__ = [
    "Answer",
    "AnswerSource",
    "AnswerType",
    "BenchmarkResponse",
    "CoalitionMember",
    "JointActivity",
    "Kartrekker",
    "LocalParticipation",
    "NationalPartnership",
    "Pillar",
    "Question",
    "Questionnaire",
    "Sector",
]
