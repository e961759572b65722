"""Command-line tools: ``flask --app api/app.py create-admin``."""
from __future__ import annotations

import os

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from pydantic import ValidationError

from interfaces.schemas.auth import RegisterBody
from interfaces.validation import field_errors

PASSWORD_ENV = "WORLDSMITH_ADMIN_PASSWORD"


@click.command("create-admin")
@with_appcontext
@click.option("--username", prompt=True, help="Login name of the admin account.")
@click.option("--email", default=None, help="Email address (default: <username>@localhost.invalid).")
@click.option("--password-env", default=PASSWORD_ENV, show_default=True,
              help="Environment variable holding the password; prompted for when unset.")
def create_admin(username: str, email: str | None, password_env: str) -> None:
    """Create an admin account, or make an existing account an admin.

    The password comes from an environment variable or a hidden prompt and is
    never printed. An existing account keeps its password.
    """
    password = os.environ.get(password_env) or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True)
    email = email or f"{username}@localhost.invalid"
    try:
        account = RegisterBody.model_validate(
            {"username": username, "email": email, "password": password})
    except ValidationError as exc:
        problems = "; ".join(f"{field}: {message}" for field, message in field_errors(exc).items())
        raise click.ClickException(f"Invalid account: {problems}") from None
    services = current_app.extensions["worldsmith"]
    user = services.auth.ensure_user(account.username, account.email, account.password, role="admin")
    click.echo(f"Admin account '{user.username}' is ready (user_id {user.user_id}).")


def register_cli(app: Flask) -> None:
    app.cli.add_command(create_admin)
