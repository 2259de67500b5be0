from odoo.tools import SQL

from .models.sale_order import CONFIRMED_ORDERS_INDEX


def post_init_hook(env):
    """Give every company that existed before the install its own configuration.

    The main company gets the shipped records (data files); the others get a
    copy of them. Then the action board is filled once.
    """
    main = env.ref("base.main_company", raise_if_not_found=False)
    others = env["res.company"].search([]) - main if main else env["res.company"]
    others._idic_copy_config_from(main)
    # Today's actions of the customers the database already has, without waiting a night
    env["crm.idic.action"]._idic_refresh()


def uninstall_hook(env):
    """Leave nothing behind: the job's bookmark, the activity types with their activities
    and the index of confirmed orders on sale_order.

    Odoo removes the records the addon's data created, but not the system
    parameters written at run time, nor an index created by hand, and keeps an
    activity type that activities still use.
    """
    env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(CONFIRMED_ORDERS_INDEX)))
    env["ir.config_parameter"].sudo().search([("key", "=like", "crm_idic.%")]).unlink()
    types = (
        env["ir.model.data"]
        .sudo()
        .search([("module", "=", "crm_idic"), ("model", "=", "mail.activity.type")])
    )
    activity_types = env["mail.activity.type"].sudo().browse(types.mapped("res_id")).exists()
    env["mail.activity"].sudo().with_context(active_test=False).search(
        [("activity_type_id", "in", activity_types.ids)]
    ).unlink()
    activity_types.unlink()
