"""Accounts: register, login, verify, me, change-password."""
from flask import jsonify

from interfaces.auth import current_user, token_required
from interfaces.limits import rate_limit
from interfaces.resource import resource_blueprint
from interfaces.schemas.auth import ChangePasswordBody, LoginBody, RegisterBody
from interfaces.schemas.responses import CurrentUserOut, LoggedInOut, PasswordChangedOut, RegisteredOut
from interfaces.validation import body, errors, responds


def create_auth_blueprint(services):
    bp = resource_blueprint("auth", __name__, services.store, url_prefix="/api/auth")
    auth = services.auth

    @bp.after_request
    def auth_envelope(response):
        """Auth errors also carry ``success: false`` and ``message`` (API.md)."""
        if response.status_code >= 400 and response.is_json:
            data = response.get_json()
            if isinstance(data, dict) and "error" in data:
                data.update(success=False, message=data["error"])
                response.set_data(jsonify(data).get_data())
        return response

    @bp.post("/register")
    @rate_limit("register")
    @responds(201, "Account created; a token is included", schema=RegisteredOut)
    @body(RegisterBody)
    def register(body: RegisterBody):
        """Create an account (always with the plain ``user`` role)."""
        user = auth.register(body.username, body.email, body.password)
        return jsonify(success=True, message="Registration successful",
                       user=user.public_dict(), token=auth.issue_token(user)), 201

    @bp.post("/login")
    @rate_limit("login")
    @responds(200, "Logged in", schema=LoggedInOut)
    @errors(401, 403)
    @body(LoginBody)
    def login(body: LoginBody):
        """Log in with username or email; banned accounts get 403."""
        user = auth.login(body.username, body.password)
        return jsonify(success=True, user=user.public_dict(), token=auth.issue_token(user))

    @bp.get("/verify")
    @token_required
    @responds(200, "The token is valid: its user", schema=CurrentUserOut)
    def verify():
        """Check a token and return its user."""
        return jsonify(success=True, user=current_user().public_dict())

    @bp.get("/me")
    @token_required
    @responds(200, "The logged-in user", schema=CurrentUserOut)
    def me():
        """The logged-in user."""
        return jsonify(success=True, user=current_user().public_dict())

    @bp.post("/change-password")
    @rate_limit("change_password")
    @token_required
    @body(ChangePasswordBody)
    @responds(200, "Password changed; a new token", schema=PasswordChangedOut)
    def change_password(body: ChangePasswordBody):
        """Change the password; tokens issued before stop working. A new token is returned."""
        user = auth.change_password(current_user(), body.old_password, body.new_password)
        return jsonify(success=True, message="Password changed", token=auth.issue_token(user))

    return bp
