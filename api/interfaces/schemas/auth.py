from typing import Annotated

from pydantic import StringConstraints

from interfaces.schemas.common import Schema

Username = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=50,
                                            pattern=r"^[A-Za-z0-9_.-]+$")]
Password = Annotated[str, StringConstraints(min_length=8, max_length=256)]


class RegisterBody(Schema):
    username: Username
    email: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254,
                                            pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    password: Password


class LoginBody(Schema):
    username: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=254)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=256)]


class ChangePasswordBody(Schema):
    old_password: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    new_password: Password
