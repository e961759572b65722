"""Accounts: registration, login, password changes and JWTs.

Passwords are hashed with argon2id. Tokens are HS256 JWTs carrying only the
user id and the user's token version; the role and ban state are read from
storage on every request, so a role change, ban, password change or deletion
takes effect at once.
"""
from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta, timezone
from functools import cached_property

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core import usernames
from core.errors import Conflict, Forbidden, InvalidInput, Unauthorized
from core.models import User
from core.models.user import NAMES_VERSION
from storage import DocumentStore

log = logging.getLogger(__name__)

VERIFIED_TOKENS_KEPT = 10_000


class AuthService:
    def __init__(self, store: DocumentStore, secret: str, expires_minutes: int,
                 time_cost: int = 3, memory_cost: int = 65536):
        self.store = store
        self.secret = secret
        self.expires = timedelta(minutes=expires_minutes)
        self.hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=1)
        # token -> its claims, once the signature and required claims checked out.
        # Verifying (PyJWT) was the largest cost of an authenticated GET; expiry is
        # checked on every use, token version and ban on every request below.
        self._verified: dict[str, dict] = {}

    @cached_property
    def _dummy_hash(self) -> str:
        """Verified against for unknown users (same cost either way); made on first
        use, not at start-up, where it would add a full argon2 hash to every cold start."""
        return self.hasher.hash("not a real password")

    # -- lookups ---------------------------------------------------------------

    def get_user(self, user_id: str) -> User | None:
        doc = self.store.get(User.collection, user_id)
        return None if doc is None else User.from_dict(doc)

    def find_by_login(self, identifier: str) -> User | None:
        """The account whose email (with an @) or username (``username_key``) this is."""
        identifier = identifier.strip()
        if "@" in identifier:
            where = {"email_key": identifier.casefold()}
        else:
            where = {"username_key": usernames.username_key(identifier)}
        docs = self.store.find(User.collection, where=where, limit=1)
        return User.from_dict(docs[0]) if docs else None

    def find_by_name(self, username: str) -> User | None:
        """The account with this username (same key as login), never by email."""
        docs = self.store.find(User.collection, where={"username_key": usernames.username_key(username)},
                               limit=1)
        return User.from_dict(docs[0]) if docs else None

    def index_names(self) -> int:
        """Give accounts stored before Unicode usernames their keys and skeleton (at
        start-up; two counts when there is nothing to do). Returns how many were written."""
        with self.store.unit_of_work():
            if self.store.count(User.collection) == self.store.count(
                    User.collection, where={"names_version": NAMES_VERSION}):
                return 0
            stale = [d for d in self.store.find(User.collection, newest_first=False)
                     if d.get("names_version") != NAMES_VERSION]
            for doc in stale:
                self.store.put(User.collection, doc["user_id"], User.from_dict(doc).to_dict())
            return len(stale)

    # -- accounts --------------------------------------------------------------

    def register(self, username: str, email: str, password: str, role: str = "user") -> User:
        """Create an account. The role is never the client's choice."""
        password_hash = self.hasher.hash(password)  # before the unit: hashing must not hold writers up
        user = User(username=usernames.normalise(username), email=email, password_hash=password_hash, role=role)
        with self.store.unit_of_work():
            if self.store.count(User.collection, where={"username_key": user.username_key}):
                raise Conflict("Username already taken", {"username": "already taken"},
                               code="username_taken")
            if self.store.count(User.collection, where={"username_skeleton": user.username_skeleton}):
                raise Conflict("Username too similar to an existing one",
                               {"username": "looks like an existing username"}, code="username_confusable")
            if self.store.count(User.collection, where={"email_key": user.email_key}):
                raise Conflict("Email already registered", {"email": "already registered"},
                               code="email_taken")
            self.store.put(User.collection, user.user_id, user.to_dict())
        return user

    def login(self, identifier: str, password: str) -> User:
        """The account, if the password is right. Writes nothing unless the hash
        needs upgrading, so signing in works while the disk is full."""
        with self.store.outside_unit():  # argon2 must not hold the write lock
            user = self.find_by_login(identifier)
            if user is None:
                self._verify(self._dummy_hash, password)  # same cost whether or not the user exists
                raise Unauthorized("Invalid username or password", code="invalid_credentials")
            if not self._verify(user.password_hash, password):
                raise Unauthorized("Invalid username or password", code="invalid_credentials")
            new_hash = self.hasher.hash(password) if self.hasher.check_needs_rehash(user.password_hash) else None
        if new_hash is not None:
            old_hash = user.password_hash

            def upgrade(fresh: User):  # only the hash, and only if nobody changed it meanwhile
                if fresh.password_hash == old_hash:
                    fresh.password_hash = new_hash

            user = self.update(user.user_id, upgrade) or user
        if user.banned:
            raise Forbidden("This account is banned", code="account_banned")
        return user

    def change_password(self, user: User, old_password: str, new_password: str) -> User:
        """Set a new password and end every other session (older tokens stop working).
        The hashing runs outside the unit; the write changes only the hash and
        the token version of the account as it is now (a ban or a role change
        made meanwhile stays)."""
        with self.store.outside_unit():
            current = self.get_user(user.user_id)
        if current is None or not self._verify(current.password_hash, old_password):
            raise InvalidInput("Current password is wrong", {"old_password": "incorrect"},
                               code="wrong_password")
        new_hash = self.hasher.hash(new_password)

        def apply(fresh: User):
            if fresh.password_hash != current.password_hash:
                raise Conflict("The password was changed meanwhile; sign in again",
                               code="password_changed")
            if fresh.banned:
                raise Unauthorized("This account is banned", code="account_banned")
            fresh.password_hash = new_hash
            fresh.token_version += 1

        updated = self.update(user.user_id, apply)
        if updated is None:
            raise Unauthorized("Invalid token", code="invalid_token")
        return updated

    def check_password(self, user: User, password: str) -> User:
        """The stored account, if ``password`` is its password (argon2 outside the unit); else 401."""
        with self.store.outside_unit():
            current = self.get_user(user.user_id)
            if current is None or not self._verify(current.password_hash, password):
                raise Unauthorized("The password is wrong", {"password": "incorrect"}, code="wrong_password")
        return current

    def update(self, user_id: str, change) -> User | None:
        """Apply ``change(user)`` to the stored account, read under the write lock."""
        with self.store.unit_of_work():
            user = self.get_user(user_id)
            if user is None:
                return None
            change(user)
            user.touch()
            self.store.put(User.collection, user.user_id, user.to_dict())
            return user

    def ensure_user(self, username: str, email: str, password: str, role: str) -> User:
        """Create the account if missing, and give it ``role`` (the operator's
        ``create-admin`` command, run at a shell: trusted to promote)."""
        with self.store.unit_of_work():
            user = self.find_by_login(username)
            if user is None:
                return self.register(username, email, password, role=role)
            if user.role != role:
                user.role = role
                user.touch()
                self.store.put(User.collection, user.user_id, user.to_dict())
            return user

    def bootstrap_admin(self, username: str, email: str, password: str) -> User | None:
        """The operator's first admin (INITIAL_ADMIN_*), made once.

        Creates the account if no account has the name. An existing account is
        promoted only if its email is the configured one and the configured
        password verifies against it; otherwise start-up refuses loudly, so a
        stranger who registered the name first never becomes admin. Once made,
        the account is marked and never promoted again: a later demotion stays.
        """
        log.info("initial admin: checking %r", username)
        with self.store.unit_of_work():
            existing = self.find_by_login(username)
            if existing is None:
                if self.find_by_login(email) is not None:
                    log.error("INITIAL_ADMIN_EMAIL %s belongs to another account; "
                              "the initial admin %r was NOT created", email, username)
                    return None
                user = User(username=username, email=email, password_hash=self.hasher.hash(password),
                            role="admin", metadata={"initial_admin": True})
                self.store.put(User.collection, user.user_id, user.to_dict())
                log.warning("initial admin %r created", username)
                return user
            if existing.metadata.get("initial_admin"):
                return existing  # made (or promoted) before: leave its role to the admins
            if existing.email_key != email.casefold() or not self._verify(existing.password_hash, password):
                log.error("INITIAL_ADMIN_USERNAME %r belongs to an existing account whose email or "
                          "password is not the configured one; it was NOT promoted. Choose another "
                          "name, or promote the account with `flask --app api/app.py create-admin`.",
                          username)
                return None
            existing.role = "admin"
            existing.metadata = {**existing.metadata, "initial_admin": True}
            existing.touch()
            self.store.put(User.collection, existing.user_id, existing.to_dict())
            log.warning("initial admin %r: existing account promoted", username)
            return existing

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self.hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    # -- tokens ----------------------------------------------------------------

    def issue_token(self, user: User) -> str:
        now = datetime.now(timezone.utc)
        claims = {"sub": user.user_id, "tv": user.token_version, "iat": now, "exp": now + self.expires}
        return jwt.encode(claims, self.secret, algorithm="HS256")

    def _claims(self, token: str) -> dict:
        claims = self._verified.get(token)
        if claims is not None and time.time() < claims["exp"]:  # PyJWT's own expiry rule
            return claims
        claims = jwt.decode(token, self.secret, algorithms=["HS256"],
                            options={"require": ["exp", "sub", "tv"]})
        if len(self._verified) >= VERIFIED_TOKENS_KEPT:
            self._verified.clear()
        self._verified[token] = claims
        return claims

    def user_from_token(self, token: str) -> User:
        try:
            claims = self._claims(token)
        except jwt.ExpiredSignatureError:
            raise Unauthorized("Token expired", code="token_expired") from None
        except jwt.PyJWTError:
            raise Unauthorized("Invalid token", code="invalid_token") from None
        with self.store.outside_unit():  # a request's unit locks only what it changes
            user = self.get_user(str(claims["sub"]))
        if user is None or claims["tv"] != user.token_version:
            raise Unauthorized("Invalid token", code="invalid_token")
        if user.banned:
            raise Unauthorized("This account is banned", code="account_banned")
        return user
