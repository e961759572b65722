"""Staff routes: accounts, roles, bans and counts over all content.

Who may call what is declared by ``permission_required``; the roles catalogue
(``GET /admin/roles``) says which role has which permission.
"""
from flask import g, jsonify

from core import permissions
from core.permissions import BAN_USERS, MANAGE_ROLES, VIEW_ADMIN_STATS, VIEW_USERS
from interfaces.auth import current_user, permission_required
from interfaces.resource import resource_blueprint
from interfaces.schemas.admin import BanBody, RoleBody, UserListQuery
from interfaces.schemas.ai_settings import AISettingsOut, AITestBody, AITestOut
from interfaces.schemas.responses import AdminStatsOut, AdminUserEnvelopeOut, RolesOut, UserListOut
from interfaces.validation import body, query, responds


def create_admin_blueprint(services):
    bp = resource_blueprint("admin", __name__, services.store, url_prefix="/api/admin")
    admin = services.admin

    @bp.get("/users")
    @permission_required(VIEW_USERS)
    @query(UserListQuery)
    @responds(200, "One page of accounts, with the total", schema=UserListOut)
    def list_users(query: UserListQuery):
        """Accounts, newest first; filter by ``role`` and a username/email ``search``
        (a bounded number of the newest accounts is searched: ``total_exact`` is
        false when there were more)."""
        found = admin.list_users(query.role, query.search, query.offset, query.per_page)
        return jsonify(success=True, users=[u.public_dict() for u in found.items], total=found.total,
                       total_exact=found.complete)

    @bp.get("/users/<user_id>")
    @permission_required(VIEW_USERS)
    @responds(200, "The account as staff see it", schema=AdminUserEnvelopeOut)
    def get_user(user_id):
        """One account with its ban reason, permissions, quotas and usage."""
        return jsonify(success=True, user=admin.describe(admin.get_user(user_id)))

    @bp.put("/users/<user_id>/role")
    @permission_required(MANAGE_ROLES)
    @body(RoleBody)
    @responds(200, "The account with its new role", schema=AdminUserEnvelopeOut)
    def set_role(user_id, body: RoleBody):
        """Change an account's role; its permissions and quotas follow at once.

        The last active admin cannot be demoted (409).
        """
        user = admin.set_role(user_id, body.role)
        return jsonify(success=True, user=admin.describe(user))

    @bp.post("/users/<user_id>/ban")
    @permission_required(BAN_USERS)
    @body(BanBody)
    @responds(200, "The account, banned or unbanned", schema=AdminUserEnvelopeOut)
    def ban_user(user_id, body: BanBody):
        """Ban (``banned: true``) or unban an account of lower rank than yours.

        A ban ends every session of the account at once; it can no longer log in.
        Nobody can ban themselves, and the last active admin cannot be banned (409).
        """
        user = admin.set_ban(current_user(), user_id, body.banned, body.reason)
        return jsonify(success=True, user=admin.describe(user))

    @bp.get("/roles")
    @permission_required(VIEW_USERS)
    @responds(200, "The roles catalogue", schema=RolesOut)
    def roles():
        """The roles catalogue: each role's permissions and quotas."""
        return jsonify(success=True, roles=permissions.roles_catalogue())

    @bp.get("/stats")
    @permission_required(VIEW_ADMIN_STATS)
    @responds(200, "Counts over all accounts and content", schema=AdminStatsOut)
    def stats():
        """Counts over all accounts and all content, whatever its visibility."""
        return jsonify(success=True, stats=admin.stats())

    @bp.get("/ai")
    @permission_required(VIEW_ADMIN_STATS)
    @responds(200, "The AI settings", schema=AISettingsOut)
    def ai_settings():
        """The configured AI provider, model, allowed models, context budgets, prices and the
        capabilities known so far. The API key is never shown; the server by its host only."""
        return jsonify(services.ai_settings.describe())

    @bp.post("/ai/test")
    @permission_required(VIEW_ADMIN_STATS)
    @body(AITestBody)
    @responds(200, "The connection test's outcome (`ok` false with `error` when it failed)", schema=AITestOut)
    def ai_test(body: AITestBody):
        """Test the connection with a real tiny request, then probe streaming, JSON mode and tool
        calls (a few tokens each); what is found is used by the jobs from then on. 400 when
        `model` is not an allowed one."""
        model = services.ai_settings.check_model(body.model or "", "model")
        # the requests run after the request's unit of work: no storage lock is held meanwhile
        g.response_after_commit = lambda: jsonify(services.ai_settings.test(model))
        return jsonify(ok=False)

    return bp
