from django.conf import settings

from omzien.core.navigation import navigation_for
from omzien.core.scoping import municipalities_of, roles_in
from omzien.core.session_expiry import kept_input


def omzien(request):
    municipality = getattr(request, "municipality", None)
    user = request.user
    context = {
        "two_factor_off": settings.TWO_FACTOR == "off",
        "current_municipality": municipality,
    }
    if user.is_authenticated:
        context["my_municipalities"] = municipalities_of(user)
        context["current_roles"] = sorted(roles_in(user, municipality)) if municipality else []
        context["nav_items"] = navigation_for(user, municipality, request.path)
        context["idle_seconds"] = settings.SESSION_COOKIE_AGE
        context["kept_input"] = kept_input(request)
    return context
