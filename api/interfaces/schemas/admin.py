"""Request schemas of the admin routes."""
from typing import Annotated, Optional

from pydantic import StringConstraints

from core.vocabulary import Role
from interfaces.pagination import PageQuery
from interfaces.schemas.common import Schema


class UserListQuery(PageQuery):
    role: Optional[Role] = None
    search: Optional[Annotated[str, StringConstraints(strip_whitespace=True, max_length=254)]] = None


class RoleBody(Schema):
    role: Role


class BanBody(Schema):
    banned: bool = True
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] = ""
