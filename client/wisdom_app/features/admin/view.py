"""The admin area's routes (moving here from screens/admin.py)."""

import flet as ft

from wisdom_app.screens.admin import (
    ApplicationsScreen,
    AuditScreen,
    CertificationsScreen,
    OrdersScreen,
    ReportsScreen,
    SettingsAdminScreen,
    UserScreen,
    UsersScreen,
)


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
