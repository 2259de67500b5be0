"""Where the Vietnamese tours of every addon start: Vietnamese with the addons' terms
loaded, a company that works in đồng, and its user reading Vietnamese."""

from odoo.tests import new_test_user


def vietnamese_company(env, modules, name="Công ty Ánh Dương", **vals):
    """vi_VN active with the Vietnamese of ``modules`` (and of what they extend, when
    named), and a new company in đồng (created afterwards: its copies of the segments
    and other per-company records get their Vietnamese names)."""
    env["res.lang"]._activate_lang("vi_VN")
    env["ir.module.module"]._load_module_terms(list(modules), ["vi_VN"], overwrite=True)
    vnd = env.ref("base.VND")
    vnd.active = True
    return env["res.company"].create({"name": name, "currency_id": vnd.id, **vals})


def vietnamese_user(env, company, login, groups, **vals):
    """A user of ``company`` only, reading Vietnamese, in ``groups`` (comma separated)."""
    return new_test_user(
        env,
        login,
        groups=groups,
        company_id=company.id,
        company_ids=[company.id],
        lang="vi_VN",
        **vals,
    )
