"""Claims of the test provider. A user's Django groups decide them:

* ``amr:<value>`` adds <value> to ``amr`` (always after ``pwd``): ``amr:mfa`` is a user who
  passed a second factor at the provider;
* ``acr:<value>`` sets ``acr``;
* every other group name goes into the ``groups`` claim.
"""


def _names(user) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


def userinfo(claims, user):
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["email"] = user.email
    claims["email_verified"] = True
    return claims


def idtoken(id_token, user, **kwargs):
    names = _names(user)
    id_token["groups"] = [n for n in names if not n.startswith(("amr:", "acr:"))]
    id_token["amr"] = ["pwd"] + [n[4:] for n in names if n.startswith("amr:")]
    acr = [n[4:] for n in names if n.startswith("acr:")]
    if acr:
        id_token["acr"] = acr[0]
    return id_token
