"""Password hashing with argon2id (argon2-cffi); only hashes are stored."""

from __future__ import annotations

from functools import cached_property

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from sync.server.errors import ApiError
from sync.server.settings import PasswordPolicy


class Passwords:
    def __init__(self, policy: PasswordPolicy) -> None:
        self.policy = policy
        self.hasher = PasswordHasher(time_cost=policy.time_cost,
                                     memory_cost=policy.memory_cost_kib,
                                     parallelism=policy.parallelism)

    @cached_property
    def _dummy_hash(self) -> str:
        """Verified against when the user does not exist, so that costs the same time."""
        return self.hasher.hash("not a password of anyone")

    def check_length(self, password: str, *, field: str = "password") -> None:
        low, high = self.policy.min_length, self.policy.max_length
        if not low <= len(password) <= high:
            raise ApiError(422, "user.password_length", field, min=low, max=high)

    def hash(self, password: str) -> str:
        self.check_length(password)
        return self.hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        """Whether ``password`` matches; with no hash, spend the same time and say no."""
        try:
            return self.hasher.verify(password_hash or self._dummy_hash, password) \
                and password_hash is not None
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self.hasher.check_needs_rehash(password_hash)
