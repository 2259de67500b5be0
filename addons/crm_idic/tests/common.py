from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user


class IdicCase(TransactionCase):
    """A company of its own, with known bands and segments, users of each kind and helpers.

    ``self.env`` is the superuser, for whom no access right or record rule applies: it
    sets up the data and runs what only the system runs (the scoring, the jobs, the
    install hooks). What a person does runs as that person: ``with_user`` or ``as_user``,
    or ``@users(login)`` for the whole test. The users, all in ``company``:

    * ``user`` (login idic_user): a salesman, hence an IDIC user;
    * ``manager`` (idic_manager): a sales manager, hence an IDIC manager;
    * ``employee`` (idic_employee): an internal user without any sales or IDIC group;
    * ``portal_user`` (idic_portal): a portal user.

    ``make_other_company`` adds another company with a sales manager of its own.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One time zone for the test and its users: the superuser's (Europe/Brussels in
        # Odoo's data) is already tomorrow late in the UTC evening, when a test user
        # without a time zone is still today.
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, tz="UTC"))
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.usd = cls.env.ref("base.USD")
        cls.company = cls.env["res.company"].create(
            {
                "name": "IDIC Test Company",
                "currency_id": cls.usd.id,
                "country_id": cls.env.ref("base.vn").id,
            }
        )
        cls.company.write(
            {
                "idic_weight_current": 50,
                "idic_weight_potential": 20,
                "idic_weight_loyalty": 30,
                "idic_medium_threshold": 1000,
                "idic_large_threshold": 10000,
                "idic_super_threshold": 100000,
                "idic_lapse_days": 365,
                "idic_repeat_min_orders": 2,
                "idic_loyal_min_orders": 4,
                "idic_loyal_min_tenure_days": 700,
            }
        )
        Band = cls.env["crm.idic.score.band"]
        Band.search([("company_id", "=", cls.company.id)]).unlink()
        bands = {
            "current": [(1, 10), (1000, 40), (10000, 70), (100000, 100)],
            "potential": [(1, 10), (1000, 40), (10000, 70), (100000, 100)],
            "loyalty": [(1, 10), (365, 40), (730, 70), (1825, 100)],
        }
        Band.create(
            [
                {"company_id": cls.company.id, "dimension": dim, "threshold": t, "score": s}
                for dim, rows in bands.items()
                for t, s in rows
            ]
        )
        segments = cls.env["crm.idic.segment"].search([("company_id", "=", cls.company.id)])
        cls.seg = {s.code: s for s in segments}
        assert set(cls.seg) == {"A", "B", "C", "D"}, "a new company gets the four segments"
        cls.env["crm.idic.completeness.rule"].search([("company_id", "=", cls.company.id)]).unlink()

        cls.user = new_test_user(
            cls.env,
            login="idic_user",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.manager = new_test_user(
            cls.env,
            login="idic_manager",
            groups="sales_team.group_sale_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.employee = new_test_user(
            cls.env,
            login="idic_employee",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="idic_portal",
            groups="base.group_portal",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        cls.product = cls.env["product.product"].create(
            {"name": "IDIC router", "list_price": 100.0, "type": "consu"}
        )

    # ----------------------------------------------------------- helpers

    @classmethod
    def user_env(cls, user):
        """The environment of ``user``, working in the user's own company."""
        return cls.env(
            user=user, context=dict(cls.env.context, allowed_company_ids=user.company_id.ids)
        )

    @classmethod
    def as_user(cls, user, records):
        """``records`` as ``user`` sees them, in the user's own company."""
        return records.with_env(cls.user_env(user))

    @classmethod
    def make_other_company(cls, name="IDIC Other Company", login="idic_outsider"):
        """Another company (with its own copy of the configuration) and its sales manager."""
        company = cls.env["res.company"].create({"name": name, "currency_id": cls.usd.id})
        manager = new_test_user(
            cls.env,
            login=login,
            groups="sales_team.group_sale_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        return company, manager

    @classmethod
    def make_customer(cls, name="Customer", user=None, **vals):
        """A customer of ``company``, created by ``user`` (default: set up by the system)."""
        env = cls.user_env(user) if user else cls.env
        return env["res.partner"].create(
            {"name": name, "is_company": True, "company_id": cls.company.id, **vals}
        )

    @classmethod
    def partner_field(cls, name):
        """The ir.model.fields record of the customer field ``name``, as completeness rules take."""
        return cls.env["ir.model.fields"]._get("res.partner", name)

    @classmethod
    def make_order(cls, partner, amount, days_ago=0, state="sale", pricelist=None, user=None):
        """A sale order of ``amount`` (untaxed) dated ``days_ago`` days back, entered and
        confirmed by ``user`` (default: set up by the system) and returned as ``user`` sees it.
        """
        env = cls.user_env(user) if user else cls.env
        order = (
            env["sale.order"]
            .with_company(cls.company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "pricelist_id": pricelist.id if pricelist else False,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.product.id,
                                "product_uom_qty": 1,
                                "price_unit": amount,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        if state == "sale":
            order.action_confirm()
        elif state == "cancel":
            order._action_cancel()
        # back-dating is set-up, not something the user does
        order.with_env(cls.env).date_order = datetime.combine(
            cls.today - relativedelta(days=days_ago), time(9)
        )
        return order

    def recompute(self, partners, user=None):
        """Press Recompute on ``partners`` as ``user`` (default: the salesman); returns the
        partners as that user reads them."""
        partners = self.as_user(user or self.user, partners)
        partners.action_idic_recompute()
        return partners

    def score(self, partners, today=None, source="cron"):
        """Score ``partners`` as the system does (the nightly job, a merge)."""
        partners._idic_recompute(today or self.today, source=source)
        return partners

    @staticmethod
    def years_ago(years, today=None):
        return (today or date.today()) - relativedelta(years=years)
