"""An evaluation period computed from real orders, redemptions and expiry of a ranked
loyalty program, by an Evaluation User (who has no loyalty rights)."""

from datetime import date

from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_evaluation.tests.common import EvaluationCase


@tagged("post_install", "-at_install")
class TestPeriodLoyalty(EvaluationCase):
    """November 2026, in the USD test company, 1 point per 10 USD:

    =========  =================================  ===============================  ======
    member     orders                             points out                       rank
    =========  =================================  ===============================  ======
    Ann        1,200 on 5 Nov (120 points)        50 on a partner reward (15 Nov)  Silver
    Bao        300 on 6 Nov (30 points)           10 expired (20 Nov)              Member
    Chi        800 on 5 Oct (80 points)           a redemption, cancelled          Member
    Other Co   a member of another company's program, 500 on 7 Nov: not counted
    =========  =================================  ===============================  ======
    """

    @classmethod
    def program(cls, company, name):
        return (
            cls.env["loyalty.program"]
            .with_company(company)
            .create(
                {
                    "name": name,
                    "company_id": company.id,
                    "program_type": "loyalty",
                    "applies_on": "both",
                    "trigger": "auto",
                    "crm_loyalty_ranked": True,
                    "crm_loyalty_amount_per_point": 10,
                    "rule_ids": [
                        Command.create({"reward_point_mode": "money", "reward_point_amount": 0.1})
                    ],
                    "crm_loyalty_tier_ids": [
                        Command.create({"name": n, "sequence": s, "threshold": t})
                        for n, s, t in (("Member", 1, 0), ("Silver", 2, 100), ("Gold", 3, 500))
                    ],
                }
            )
        )

    @classmethod
    def dated(cls, records, day):
        """Date the loyalty history rows of ``records`` (orders or history rows) ``day``,
        as if they had been written that day."""
        History = cls.env["loyalty.history"]
        rows = (
            records
            if records._name == "loyalty.history"
            else History.search(
                [("order_model", "=", "sale.order"), ("order_id", "in", records.ids)]
            )
        )
        rows._idic_system().write({"crm_loyalty_date": day})

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loyalty = cls.program(cls.company, "Evaluated loyalty")
        cls.member, cls.silver, cls.gold = cls.loyalty._crm_loyalty_tiers()
        cls.other_loyalty = cls.program(cls.other_company, "Other loyalty")
        s1 = cls.sales1
        cls.ann = cls.customer("Ann", "individual")
        cls.bao = cls.customer("Bao", "individual")
        cls.chi = cls.customer("Chi", "individual")
        cls.dated(cls.order(cls.ann, 1200, date(2026, 11, 5), s1), date(2026, 11, 5))
        cls.dated(cls.order(cls.bao, 300, date(2026, 11, 6), s1), date(2026, 11, 6))
        cls.dated(cls.order(cls.chi, 800, date(2026, 10, 5), s1), date(2026, 10, 5))
        other = cls.customer("Other member", "individual", company=cls.other_company)
        other_order = cls.order(
            other, 500, date(2026, 11, 7), s1, company=cls.other_company, confirm=False
        )
        other_order.with_company(cls.other_company).action_confirm()
        cls.dated(other_order, date(2026, 11, 7))
        cls.card = {
            partner: cls.env["loyalty.card"].search(
                [("partner_id", "=", partner.id), ("program_id", "=", cls.loyalty.id)]
            )
            for partner in (cls.ann, cls.bao, cls.chi)
        }
        reward = cls.env["crm.loyalty.partner.reward"].create(
            {
                "name": "Hotel night",
                "program_id": cls.loyalty.id,
                "supplier_id": cls.env["res.partner"]
                .create({"name": "Hotel", "is_company": True})
                .id,
                "category": "hotel",
                "points_cost": 50,
            }
        )
        Redemption = cls.env["crm.loyalty.redemption"]
        used = Redemption.create({"card_id": cls.card[cls.ann].id, "reward_id": reward.id})
        cls.dated(used.history_id, date(2026, 11, 15))
        Redemption.create({"card_id": cls.card[cls.chi].id, "reward_id": reward.id}).action_cancel()
        cls.env["loyalty.card"]._crm_loyalty_post(
            [
                {
                    "card_id": cls.card[cls.bao].id,
                    "crm_loyalty_kind": "expiry",
                    "crm_loyalty_date": date(2026, 11, 20),
                    "description": "Points expired",
                    "issued": 0,
                    "used": 10,
                }
            ]
        )

    def test_points_and_members_of_the_period(self):
        self.assertEqual(self.card[self.ann].crm_loyalty_tier_id, self.silver)
        period = self.period()
        period.action_compute()
        self.assertEqual(period.state, "computed")
        self.assertEqual(self.value(period, "loyalty_points_issued"), 150)
        self.assertEqual(self.value(period, "loyalty_points_redeemed"), 50)
        self.assertEqual(self.value(period, "loyalty_points_expired"), 10)
        self.assertEqual(self.value(period, "loyalty_members"), 3)
        per_rank = {
            tier: self.value(period, "loyalty_members", "loyalty_rank", loyalty_tier_id=tier.id)
            for tier in (self.member, self.silver, self.gold)
        }
        self.assertEqual(per_rank, {self.member: 2, self.silver: 1, self.gold: 0})
        gold = self.lines(period, "loyalty_members", "loyalty_rank", loyalty_tier_id=self.gold.id)
        self.assertEqual(gold.label, "Gold")
        # the other company's program is not in this period
        other = self.other_loyalty._crm_loyalty_tiers()
        self.assertFalse(period.line_ids.filtered(lambda line: line.loyalty_tier_id in other))
        # the members are counted when the period is computed: a later rank change does
        # not change the computed period
        self.dated(self.order(self.bao, 6000, date(2026, 11, 25), self.sales1), date(2026, 11, 25))
        self.assertEqual(self.card[self.bao].crm_loyalty_tier_id, self.gold)
        period.invalidate_recordset()
        self.assertEqual(
            self.value(period, "loyalty_members", "loyalty_rank", loyalty_tier_id=self.gold.id), 0
        )
        # computed again, the period counts the new order and the new rank
        period.with_user(self.committee).action_reset_draft()  # the committee reopens it
        period.action_compute()
        self.assertEqual(self.value(period, "loyalty_points_issued"), 750)
        self.assertEqual(
            self.value(period, "loyalty_members", "loyalty_rank", loyalty_tier_id=self.gold.id), 1
        )
