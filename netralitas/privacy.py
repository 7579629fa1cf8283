"""Personal data (names, NIP): who may see it, and how it is masked for everyone else."""

from __future__ import annotations

import pandas as pd

PERSONAL_COLUMNS = ("employee_name", "nip")
ROLES = ("viewer", "analyst", "admin")


def may_see_personal_data(role: str, presenter: bool = False) -> bool:
    """Analysts and admins see names and NIP, never in presenter mode; viewers never."""
    return role in ("analyst", "admin") and not presenter


def mask_nip(nip: str | None) -> str | None:
    """Only the birth year survives: '198501012010121001' -> '1985**************'."""
    if nip is None or (not isinstance(nip, str) and pd.isna(nip)) or nip == "":
        return None
    text = str(nip)
    return text[:4] + "*" * (len(text) - 4)


def mask_name(name: str | None) -> str | None:
    """Initials only: 'Budi Rekaan' -> 'B. R.'."""
    if name is None or (not isinstance(name, str) and pd.isna(name)) or not str(name).strip():
        return None
    return " ".join(part[0].upper() + "." for part in str(name).split() if part[0].isalnum())


def protect(frame: pd.DataFrame, role: str, presenter: bool = False) -> pd.DataFrame:
    """The frame as the role may see it: personal columns masked unless allowed."""
    if may_see_personal_data(role, presenter):
        return frame
    out = frame.copy()
    if "nip" in out:
        out["nip"] = out["nip"].map(mask_nip)
    if "employee_name" in out:
        out["employee_name"] = out["employee_name"].map(mask_name)
    return out
