"""The action board is new: fill it once at the upgrade, as the nightly refresh would,
so that Today's actions is not empty until the first night."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crm.idic.action"]._idic_refresh()
