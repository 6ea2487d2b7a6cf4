"""The smoke's data (tests/production/smoke.py), run inside the server's environment with
``manage.py shell -c``: a coordinator of Zeist with a password and a confirmed TOTP device
(both from the smoke: SMOKE_PASSWORD, SMOKE_TOTP_KEY in hex), and Zeist's signalling point
opened by that coordinator through the service the setup page uses. Needs Zeist's reference
data (``load_reference_data --only GM0355``)."""

import os

from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.core.models import Membership, Municipality, User
from omzien.core.roles import Role
from omzien.signalling.setup.live import open_signalling_point

zeist = Municipality.objects.get(code="GM0355")
user = User.objects.create_user(
    username="rookproef",
    email="rookproef@omzien.invalid",
    password=os.environ["SMOKE_PASSWORD"],
    first_name="Rook",
    last_name="Proef",
)
Membership.objects.create(user=user, municipality=zeist, role=Role.COORDINATOR)
TOTPDevice.objects.create(
    user=user, name="Rookproef", key=os.environ["SMOKE_TOTP_KEY"], confirmed=True
)
open_signalling_point(actor=user, municipality=zeist, accept_fallback=True)
print(f"coordinator {user.username} of {zeist.name}; signalling point open")
