import unicodedata
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, Field, StringConstraints

from core import usernames
from core.models.user import BIO_MAX, DISPLAY_NAME_MAX
from core.vocabulary import ID_MAX
from interfaces.schemas.common import Schema


def _username(name: str) -> str:
    name = usernames.normalise(name)
    problem = usernames.problem(name)
    if problem:
        raise ValueError(problem)
    return name


def _plain(text: str) -> str:
    """NFC, no control characters (newlines and tabs kept)."""
    text = unicodedata.normalize("NFC", text)
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text):
        raise ValueError("control characters are not allowed")
    return text


Username = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_username),
                     Field(description="3–50 letters, marks or digits of any script, and `_ . -`; stored "
                                       "NFC-normalised. Unique ignoring case and compatibility forms "
                                       "(NFKC + case folding); refused when it looks like an existing "
                                       "name (`username_confusable`)")]
Password = Annotated[str, StringConstraints(min_length=8, max_length=256)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254,
                                         pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


class RegisterBody(Schema):
    username: Username
    email: Email
    password: Password


class LoginBody(Schema):
    username: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=254)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=256)]


class ChangePasswordBody(Schema):
    old_password: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    new_password: Password


class ProfileBody(Schema):
    display_name: Optional[Annotated[str, StringConstraints(strip_whitespace=True, max_length=DISPLAY_NAME_MAX),
                                     AfterValidator(_plain)]] = Field(
        None, description=f"At most {DISPLAY_NAME_MAX} characters; \"\" clears it")
    bio: Optional[Annotated[str, StringConstraints(max_length=BIO_MAX), AfterValidator(_plain)]] = Field(
        None, description=f"At most {BIO_MAX} characters")


class ChangeEmailBody(Schema):
    password: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    new_email: Email


class WorldChoice(Schema):
    world_id: Annotated[str, StringConstraints(min_length=1, max_length=ID_MAX)]
    action: Literal["delete", "transfer"]
    to_user_id: Optional[Annotated[str, StringConstraints(max_length=ID_MAX)]] = Field(
        None, description="With `transfer`: a current co-author of the world")


class DeleteAccountBody(Schema):
    password: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    worlds: list[WorldChoice] = Field(default_factory=list, max_length=1000,
                                      description="One choice for every world you own")
