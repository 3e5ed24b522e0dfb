"""What the UI may ask: profiles (``profiles.ProfileService``) and, for an unlocked
profile, its households and everything under them (``workspace.Workspace``).
Errors are :class:`ServiceError` with a coded issue; :func:`message` gives its text."""

from desktop.store.errors import StoreError as ServiceError
from desktop.store.errors import message
from desktop.store.search import HouseholdFilter, HouseholdRow

__all__ = ["HouseholdFilter", "HouseholdRow", "ServiceError", "message"]
