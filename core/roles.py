"""Staff roles and what each may do: the one place that grants permissions.

A role is a Django group of the same name (created by a data migration); the permissions of a
role live here, in code, not in the database. A staff user holds the union of the permissions of
its roles; a superuser holds all of them. `is_staff` alone opens the staff dashboard and nothing
else, and roles count only for active staff users.

A view declares the permission it needs (`core.permissions.permission_required` for pages,
`RolePermission` with `read_permission` / `write_permission` / `action_permissions` for the API).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PERMISSIONS = {
    "members.view": _("See members, representatives and applications to join"),
    "members.change": _("Change members, representatives, joining, imports and exports"),
    "notices.view": _("See notices and news"),
    "notices.change": _("Write, send and moderate notices and news"),
    "projects.view": _("See cooperation projects, classes, internships and work plans"),
    "projects.change": _("Change cooperation projects, classes, internships and work plans"),
    "enrollment.view": _("See the review queue of the intakes one reviews"),
    "enrollment.decide": _("Decide applications of the intakes one reviews"),
    "enrollment.all_intakes": _("See the applications of every intake"),
    "enrollment.manage": _("Create and change intakes and their reviewers"),
    "reports.view": _("See data calls, frozen years and annual reports"),
    "reports.change": _("Run data calls, freeze years and make annual reports"),
    "personal.reveal": _("Reveal a full ID number or phone"),
    "personal.documents": _("Download application documents"),
    "personal.export": _("Export a roster with personal data"),
    "events.view": _("See events, registrations and attendance"),
    "events.change": _("Run events: registrations, check-in, minutes"),
    "governance.view": _("See the council, the document library and the site's texts"),
    "governance.change": _("Change the council, the charter, documents and the site's texts"),
    "audit.view": _("Read the audit trail"),
    "staff.manage": _("Manage staff, their roles and API tokens"),
}

READ_ALL = {p for p in PERMISSIONS if p.endswith(".view")} | {"enrollment.all_intakes"}

ROLES: dict[str, tuple[str, frozenset[str]]] = {
    "secretary_general": (_("Secretary-general"), frozenset(PERMISSIONS)),
    "member_affairs": (
        _("Member affairs"),
        frozenset(
            {
                "members.view",
                "members.change",
                "notices.view",
                "notices.change",
                "personal.export",
                "events.view",
                "events.change",
            }
        ),
    ),
    "projects": (_("Projects"), frozenset({"projects.view", "projects.change"})),
    "enrollment_reviewer": (
        _("Enrollment reviewer"),
        frozenset({"enrollment.view", "enrollment.decide"}),
    ),
    "reports": (_("Reports"), frozenset({"reports.view", "reports.change"})),
    "auditor": (_("Auditor"), frozenset(READ_ALL | {"audit.view"})),
}

SECRETARY_GENERAL = "secretary_general"


def role_label(name: str) -> str:
    return str(ROLES[name][0]) if name in ROLES else name


def role_names(user) -> list[str]:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return []
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = sorted(
            name for name in user.groups.values_list("name", flat=True) if name in ROLES
        )
        user._role_names = cached
    return cached


def permissions_of(user) -> frozenset[str]:
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    if user.is_superuser:
        return frozenset(PERMISSIONS)
    granted: set[str] = set()
    for name in role_names(user):
        granted |= ROLES[name][1]
    return frozenset(granted)


def has_permission(user, permission: str) -> bool:
    if permission not in PERMISSIONS:
        raise ValueError(f"Unknown permission {permission!r}: add it to accounts.roles")
    return permission in permissions_of(user)


def roles_granting(permission: str) -> list[str]:
    return [name for name, (_label, granted) in ROLES.items() if permission in granted]


def forget_roles(user) -> None:
    """Drop the per-request cache after a role change."""
    user.__dict__.pop("_role_names", None)
