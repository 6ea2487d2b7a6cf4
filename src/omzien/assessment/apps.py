from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "omzien.assessment"
    label = "assessment"
    verbose_name = _("Metingen")

    def ready(self) -> None:
        from omzien.assessment import views
        from omzien.assessment.models import Assessment
        from omzien.core.extensions import (
            AuditObject,
            audit_objects,
            register_audit_actions,
            register_resident_section,
        )
        from omzien.core.models import Resident
        from omzien.core.scoping import scope_rule

        @scope_rule(Assessment)
        def assessments(qs, user, municipality, roles):
            # An assessment is as visible as the resident it is about.
            visible = Resident.objects.visible_to(user, municipality).values("pk")
            return qs.filter(resident__in=visible)

        register_resident_section(views.resident_assessments_section)
        register_audit_actions(
            {
                "assessment_recorded": _("Meting vastgelegd"),
                "assessment_withdrawn": _("Meting ingetrokken"),
            }
        )
        audit_objects.register(AuditObject("assessment.assessment", _("Meting")))
