"""The admin area's routes (admins only; the API refuses everyone else anyway): teacher
applications, certifications, users, moderation, orders and refunds, platform settings and
the audit log. Each section's screen lives in its own module next to this one."""

import flet as ft

from wisdom_app.features.admin.applications import ApplicationsScreen
from wisdom_app.features.admin.audit import AuditScreen
from wisdom_app.features.admin.certifications import CertificationsScreen
from wisdom_app.features.admin.orders import OrdersScreen
from wisdom_app.features.admin.reports import ReportsScreen
from wisdom_app.features.admin.settings import SettingsAdminScreen
from wisdom_app.features.admin.users import UserScreen, UsersScreen


def admin_routes() -> list[ft.Route]:
    """The admin area; only admins get these routes (others land on HOME)."""
    return [
        ft.Route(path="admin", component=ApplicationsScreen),
        ft.Route(path="admin/certifications", component=CertificationsScreen),
        ft.Route(path="admin/users", component=UsersScreen),
        ft.Route(path="admin/users/:user_id", component=UserScreen),
        ft.Route(path="admin/reports", component=ReportsScreen),
        ft.Route(path="admin/orders", component=OrdersScreen),
        ft.Route(path="admin/settings", component=SettingsAdminScreen),
        ft.Route(path="admin/audit", component=AuditScreen),
    ]
