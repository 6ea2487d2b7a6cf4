"""The smoke's data (tests/production/smoke.py), run inside the server's environment with
``manage.py shell -c``. Needs Zeist's reference data (``load_reference_data --only GM0355``).

* a coordinator of Zeist with a password and a confirmed TOTP device (both chosen by the smoke:
  SMOKE_PASSWORD, SMOKE_TOTP_KEY in hex);
* Zeist's signalling point, opened by that coordinator through the setup page's service;
* a partner organisation with an API key (for a signal through the partner API, which only the
  intake processor turns into a case);
* a task in the queue (retention for Zeist: nothing to erase in a new database), which only the
  task worker runs.

Prints one JSON line: the API key and the task's result id.
"""

import json
import os

from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.core.models import Membership, Municipality, Organisation, User
from omzien.core.roles import Role
from omzien.signalling.setup.live import open_signalling_point
from omzien.signalling.setup.services import create_api_key
from omzien.signalling.tasks import purge_personal_data

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
partner = Organisation.objects.create(
    municipality=zeist, name="Rookproef-bibliotheek", kind=Organisation.Kind.PUBLIC
)
issued = create_api_key(actor=user, organisation=partner, name="rookproef")
task = purge_personal_data.enqueue(municipality_code="GM0355")
print(json.dumps({"api_key": issued.secret, "task_id": str(task.id)}))
