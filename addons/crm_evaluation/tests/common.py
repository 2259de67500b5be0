from contextlib import contextmanager
from datetime import date, datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class EvaluationCase(TransactionCase):
    """A company of its own, evaluated over November 2026 (October is the previous
    period), with users of each kind:

    * ``sales1`` and ``sales2``: salespeople (``sales_team.group_sale_salesman``)
      of teams ``team1`` and ``team2``;
    * ``analyst``: Evaluation User; ``committee``: CRM Committee;
    * ``outsider``: a CRM committee member of another company.

    ``self.env`` is the superuser: it sets up data; what people do runs as them.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env["res.company"].create(
            {"name": "Evaluation Test Co", "currency_id": cls.env.ref("base.USD").id}
        )
        cls.other_company = cls.env["res.company"].create({"name": "Evaluation Other Co"})
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        salesman = "sales_team.group_sale_salesman"
        cls.sales1 = new_test_user(cls.env, "ev_sales1", groups=salesman, **common)
        cls.sales2 = new_test_user(cls.env, "ev_sales2", groups=salesman, **common)
        cls.analyst = new_test_user(
            cls.env, "ev_analyst", groups="crm_evaluation.group_evaluation_user", **common
        )
        cls.committee = new_test_user(
            cls.env,
            "ev_committee",
            groups="crm_evaluation.group_evaluation_committee,sales_team.group_sale_salesman",
            **common,
        )
        cls.outsider = new_test_user(
            cls.env,
            "ev_outsider",
            groups="crm_evaluation.group_evaluation_committee,sales_team.group_sale_salesman",
            company_id=cls.other_company.id,
            company_ids=[cls.other_company.id],
        )
        Team = cls.env["crm.team"]
        cls.team1 = Team.create(
            {
                "name": "Team North",
                "company_id": cls.company.id,
                "member_ids": [Command.link(cls.sales1.id)],
            }
        )
        cls.team2 = Team.create(
            {
                "name": "Team South",
                "company_id": cls.company.id,
                "member_ids": [Command.link(cls.sales2.id)],
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Evaluated router", "type": "consu", "list_price": 1.0}
        )
        cls.segments = cls.env["crm.idic.segment"].search(
            [("company_id", "=", cls.company.id)], order="min_score desc"
        )

    # ------------------------------------------------------------ helpers

    @contextmanager
    def refused(self, exception, pattern):
        """``assertRaisesRegex`` that also rolls back what the refused call wrote
        (Odoo's ``assertRaises`` holds a savepoint; ``assertRaisesRegex`` does not)."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    @classmethod
    def customer(cls, name, group="dealer", segment=None, value_class=None, company=None):
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "company_id": (company or cls.company).id,
                "idic_customer_group": group,
            }
        )
        # system fields of crm_idic, set as the scoring would
        vals = {}
        if segment:
            vals["idic_computed_segment_id"] = segment.id
        if value_class:
            vals["idic_value_class"] = value_class
        if vals:
            partner._idic_system().write(vals)
        return partner

    @classmethod
    def order(
        cls, partner, amount, when, user, team=None, company=None, pricelist=None, confirm=True
    ):
        """A confirmed order of ``amount`` (untaxed), dated ``when`` (a date)."""
        vals = {
            "partner_id": partner.id,
            "company_id": (company or cls.company).id,
            "user_id": user.id,
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
        if team:
            vals["team_id"] = team.id
        if pricelist:
            vals["pricelist_id"] = pricelist.id
        order = cls.env["sale.order"].with_company(company or cls.company).create(vals)
        if confirm:
            order.action_confirm()
        order.date_order = datetime.combine(when, datetime.min.time().replace(hour=10))
        return order

    def period(self, user=None, name="November", date_from=date(2026, 11, 1), **vals):
        Period = self.env["crm.evaluation.period"].with_user(user or self.analyst)
        return Period.with_company(self.company).create(
            {"name": name, "kind": "monthly", "date_from": date_from, **vals}
        )

    @staticmethod
    def lines(period, measure, dimension="total", **keys):
        found = period.line_ids.filtered(
            lambda line: (
                line.measure == measure
                and line.dimension == dimension
                and all(
                    (line[key].id if hasattr(line[key], "id") else line[key]) == value
                    for key, value in keys.items()
                )
            )
        )
        return found

    def value(self, period, measure, dimension="total", **keys):
        found = self.lines(period, measure, dimension, **keys)
        self.assertEqual(len(found), 1, f"one line {measure}/{dimension} {keys}")
        return found.value
