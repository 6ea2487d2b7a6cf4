"""The management step of the test provider: migrate, make a signing key, and create (or
update) the client and the test users. Run by launch.py in the provider's environment:

    python -m sso_provider.setup --client-id ID --client-secret SECRET --redirect URI ...
"""

import argparse

import django

#: username -> (first name, last name, groups; see hooks.py for amr:/acr:)
USERS = {
    "anna": ("Anna", "Test", ["omzien-welzijn", "amr:mfa"]),
    "bert": ("Bert", "Test", ["omzien-welzijn"]),
    "carla": ("Carla", "Test", ["andere-afdeling", "amr:mfa"]),
    "dirk": ("Dirk", "Test", ["omzien-kartrekker", "acr:urn:test:loa:hoog"]),
    "eva": ("Eva", "Test", ["omzien-welzijn", "omzien-kartrekker", "amr:mfa"]),
}
PASSWORD = "idp-test-wachtwoord"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--redirect", action="append", default=[])
    parser.add_argument("--logout-redirect", action="append", default=[])
    parser.add_argument("--set-groups", help="username=group,group (changes one user only)")
    args = parser.parse_args()

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType, RSAKey

    if args.set_groups:
        username, _, names = args.set_groups.partition("=")
        groups = [Group.objects.get_or_create(name=n)[0] for n in names.split(",") if n]
        User.objects.get(username=username).groups.set(groups)
        return
    call_command("migrate", verbosity=0)
    if not RSAKey.objects.exists():
        call_command("creatersakey")
    for username, (first, last, groups) in USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@idp.test"},
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
    client, _ = Client.objects.get_or_create(
        client_id=args.client_id,
        defaults={"name": "Omzien (test)", "client_type": "confidential", "jwt_alg": "RS256"},
    )
    client.client_secret = args.client_secret
    client.redirect_uris = sorted(set(client.redirect_uris) | set(args.redirect))
    client.post_logout_redirect_uris = sorted(
        set(client.post_logout_redirect_uris) | set(args.logout_redirect)
    )
    client.require_consent = True
    client.reuse_consent = False
    client.save()
    client.response_types.set([ResponseType.objects.get(value="code")])


if __name__ == "__main__":
    main()
