"""Current TOTP code of a device (demo command and tests)."""

import time

from django_otp.oath import TOTP


def current_code(device, at: float | None = None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"
