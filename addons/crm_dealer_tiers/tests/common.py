from contextlib import contextmanager
from datetime import date

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user


class DealerCase(TransactionCase):
    """A company of its own with its own three tiers and dossier, and users of each kind.

    ``self.env`` is the superuser: it sets up data and runs what only the system runs.
    What a person does runs as that person (``as_user``). Users, all in ``company``:

    * ``sales`` and ``sales2`` (salespeople, hence Dealer Users);
    * ``manager`` and ``manager2`` (sales managers, hence Dealer Managers);
    * ``employee``: an internal user without sales groups.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.company = cls.env["res.company"].create(
            {"name": "Dealer Test Company", "currency_id": cls.env.ref("base.VND").id}
        )
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        Pricelist = cls.env["product.pricelist"]
        cls.pl_dist = Pricelist.create({"name": "Distributor prices", "company_id": cls.company.id})
        cls.pl_l1 = Pricelist.create({"name": "Level-1 prices", "company_id": cls.company.id})
        Tier = cls.env["crm.dealer.tier"]
        cls.dist = Tier.create(
            {
                "name": "Distributor T",
                "rank": 1,
                "company_id": cls.company.id,
                "min_avg_revenue": 20_000,
                "min_yearly_sales": 10_000,
                "min_major_share": 60,
                "pricelist_id": cls.pl_dist.id,
                "rebate_pct": 3,
            }
        )
        cls.l1 = Tier.create(
            {
                "name": "Level-1 T",
                "rank": 2,
                "company_id": cls.company.id,
                "min_avg_revenue": 5_000,
                "min_yearly_sales": 2_000,
                "min_major_share": 40,
                "pricelist_id": cls.pl_l1.id,
            }
        )
        cls.l2 = Tier.create(
            {
                "name": "Level-2 T",
                "rank": 3,
                "company_id": cls.company.id,
                "min_avg_revenue": 1_000,
                "min_yearly_sales": 300,
            }
        )
        # the shared compliance standard is the demo's: tests set their own
        cls.env["crm.dealer.compliance.requirement"].search([]).active = False
        Doc = cls.env["crm.dealer.document.type"]
        Doc.search([]).active = False
        cls.doc_licence = Doc.create(
            {"name": "Licence T", "company_id": cls.company.id, "required": True}
        )
        cls.doc_photos = Doc.create(
            {"name": "Photos T", "company_id": cls.company.id, "required": False}
        )

        def user(login, groups):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )

        cls.sales = user("dealer_sales", "sales_team.group_sale_salesman")
        cls.sales2 = user("dealer_sales2", "sales_team.group_sale_salesman")
        cls.manager = user("dealer_manager", "sales_team.group_sale_manager")
        cls.manager2 = user("dealer_manager2", "sales_team.group_sale_manager")
        cls.employee = user("dealer_employee", "base.group_user")

    @classmethod
    def user_env(cls, user):
        return cls.env(
            user=user, context=dict(cls.env.context, allowed_company_ids=user.company_id.ids)
        )

    @classmethod
    def as_user(cls, user, records):
        return records.with_env(cls.user_env(user))

    @contextmanager
    def assertRaisesText(self, exception, text):
        """assertRaises (which rolls back what the failed call wrote) and the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))

    def new_application(self, user=None, **vals):
        """An application filed by ``user`` (default: the salesperson), as that user."""
        values = {
            "applicant_name": "Cửa hàng Minh Phát",
            "revenue_last_year": 6_000,
            "revenue_year_before": 4_000,
            "yearly_sales": 3_000,
            "major_share": 50,
            "minor_share": 30,
            **vals,
        }
        env = self.user_env(user or self.sales)
        return env["crm.dealer.application"].create(values)

    def provide(self, application, doc_type):
        """Attach a file for ``doc_type`` to the application's dossier, as its salesperson."""
        line = application.document_ids.filtered(lambda d: d.type_id == doc_type)
        attachment = (
            self.env["ir.attachment"]
            .with_env(application.env)
            .create({"name": f"{doc_type.name}.pdf", "raw": b"%PDF-1.4 scan"})
        )
        line.attachment_ids = [Command.link(attachment.id)]
        return line

    def approved(self, user=None, **vals):
        """An application filed by ``user`` (default: ``sales``) with its dossier,
        approved by ``manager``."""
        app = self.new_application(user=user, **vals)
        self.provide(app, self.doc_licence)
        app.action_submit()
        app = self.as_user(self.manager, app)
        app.action_review()
        app.action_approve()
        return app

    @classmethod
    def make_dealer(cls, name, tier, parent=None, user=None):
        """A dealer of ``tier`` under ``parent`` whose salesperson is ``user``, set up by
        the system."""
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "company_id": cls.company.id,
                "idic_customer_group": "dealer",
                "dealer_parent_id": parent.id if parent else False,
                "user_id": user.id if user else False,
            }
        )
        partner._dealer_set_tier(tier, "contract", date(2024, 1, 1))
        return partner

    @classmethod
    def make_order(cls, partner, product, amount, when, state="sale", pricelist=None):
        """A one-line order of ``amount`` (untaxed, in the currency of ``pricelist`` when
        given) dated ``when``, confirmed unless ``state`` says otherwise."""
        order = (
            cls.env["sale.order"]
            .with_company(cls.company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    **({"pricelist_id": pricelist.id} if pricelist else {}),
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
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
        order.date_order = when
        return order
