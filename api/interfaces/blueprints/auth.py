"""Accounts: register, login, verify, me (profile, avatar, email, deletion), change-password."""
from flask import current_app, jsonify

from interfaces.auth import current_user, token_required
from interfaces.limits import rate_limit
from interfaces.resource import resource_blueprint
from interfaces.schemas.accounts_out import AccountDeletedOut, DeletionPlanOut
from interfaces.schemas.auth import (ChangeEmailBody, ChangePasswordBody, DeleteAccountBody, LoginBody,
                                     ProfileBody, RegisterBody)
from interfaces.schemas.responses import CurrentUserOut, LoggedInOut, PasswordChangedOut, RegisteredOut
from interfaces.uploads import read_upload, upload
from interfaces.validation import body, errors, responds

AVATAR_ERRORS = {
    400: "Not a valid image (`invalid_image`), or no file (`file_missing`)",
    413: "The file is over `IMAGE_MAX_BYTES`, or the image over `IMAGE_MAX_PIXELS` (`image_too_large`)",
    415: "Not multipart/form-data, or not a PNG, JPEG, WebP or GIF image (`unsupported_image`)",
}
WRONG_PASSWORD = {401: "No valid token, or the password is wrong (`wrong_password`)"}


def create_auth_blueprint(services):
    bp = resource_blueprint("auth", __name__, services.store, url_prefix="/api/auth")
    auth, accounts, store = services.auth, services.accounts, services.store

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

    @bp.patch("/me")
    @token_required
    @body(ProfileBody)
    @responds(200, "The updated user", schema=CurrentUserOut)
    def update_me(body: ProfileBody):
        """Set your display name and/or bio (fields left out keep their values)."""
        user = accounts.update_profile(current_user(), body.model_dump(exclude_none=True))
        return jsonify(success=True, user=user.public_dict())

    @bp.put("/me/avatar")
    @token_required
    @upload("file", "A PNG, JPEG, WebP or GIF image of at most `IMAGE_MAX_BYTES` and `IMAGE_MAX_PIXELS`")
    @errors(text=AVATAR_ERRORS)
    @responds(200, "Avatar stored; the user with its `avatar_url`", schema=CurrentUserOut)
    def put_avatar():
        """Upload your avatar (multipart/form-data, the file in `file`).

        Checked and re-encoded like a world's images (decoded, never trusted by name or
        type; no metadata kept), then cut to a centred square of `IMAGE_THUMB_SIZE` px. It
        replaces the previous one.
        """
        sent = read_upload("file", current_app.config["IMAGE_MAX_BYTES"], "image_too_large")
        with store.outside_unit():   # decoding must not hold the write lock
            _, image = accounts.prepare_avatar(sent.data)
        user = accounts.set_avatar(current_user(), image)
        return jsonify(success=True, user=user.public_dict())

    @bp.delete("/me/avatar")
    @token_required
    @responds(200, "Avatar removed", schema=CurrentUserOut)
    def delete_avatar():
        """Remove your avatar."""
        return jsonify(success=True, user=accounts.clear_avatar(current_user()).public_dict())

    @bp.post("/change-email")
    @rate_limit("change_password")
    @token_required
    @body(ChangeEmailBody)
    @errors(409, text=WRONG_PASSWORD)
    @responds(200, "Email changed", schema=CurrentUserOut)
    def change_email(body: ChangeEmailBody):
        """Change your email; your password is required. 409 `email_taken`."""
        user = accounts.change_email(current_user(), body.password, body.new_email)
        return jsonify(success=True, user=user.public_dict())

    @bp.get("/me/deletion-plan")
    @token_required
    @responds(200, "The worlds you own and who could take each over", schema=DeletionPlanOut)
    def deletion_plan():
        """What deleting your account needs: each world you own, with its co-authors (the only
        people it can be given to)."""
        return jsonify(success=True, worlds=accounts.deletion_plan(current_user()))

    @bp.delete("/me")
    @rate_limit("change_password")
    @token_required
    @body(DeleteAccountBody)
    @errors(text=WRONG_PASSWORD)
    @responds(200, "The account is deleted; its tokens no longer work", schema=AccountDeletedOut)
    def delete_me(body: DeleteAccountBody):
        """Delete your account (password required).

        List every world you own in `worlds`, each with `action` `delete` (to the
        trash) or `transfer` with `to_user_id`, one of its current co-authors, who
        becomes its owner; otherwise 400 `worlds_unresolved` (`invalid_transfer` for a
        wrong heir). Your stories in other people's worlds pass to those worlds'
        owners; you leave every world you are a member of. All in one step.
        """
        user = auth.check_password(current_user(), body.password)
        outcome = accounts.delete_account(user, [c.model_dump() for c in body.worlds])
        return jsonify(success=True, message="Account deleted", **outcome)

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
