"""The CRM committee member reads the loyalty measures of a period, in Vietnamese."""

from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_evaluation.tests import committee_tour


@tagged("post_install", "-at_install")
class TestEvaluationLoyaltyTourVi(committee_tour.CommitteeTourCase):
    """November 2026 in a company in đồng, 1 point per 10.000 ₫:

    =========  =============================  =========================  ==========
    member     order                          points out                 rank
    =========  =============================  =========================  ==========
    Chị Lan    10.000.000 ₫ on 5/11 (1.000)   300 on a hotel night 15/11  Bạc
    Anh Minh   2.500.000 ₫ on 6/11 (250)      30 expired 20/11           Thành viên
    =========  =============================  =========================  ==========
    Nobody holds Vàng. The ranks are named in English (Member, Silver, Gold) and
    translated into Vietnamese; the period is computed in English.
    """

    modules = ("loyalty", "crm_loyalty", "crm_evaluation_loyalty")

    def order(self, partner, amount, day):
        """A confirmed order of ``partner`` for ``amount`` đồng, dated ``day``, with its
        points dated so too (as if it had been confirmed that day)."""
        order = (
            self.env["sale.order"]
            .with_company(self.company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                    "pricelist_id": self.pricelist.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "price_unit": amount,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        order.date_order = datetime.combine(day, datetime.min.time().replace(hour=10))
        self.dated(
            self.env["loyalty.history"].search(
                [("order_model", "=", "sale.order"), ("order_id", "=", order.id)]
            ),
            day,
        )
        return order

    @staticmethod
    def dated(rows, day):
        rows._idic_system().write({"crm_loyalty_date": day})

    def test_committee_reads_points_and_members_in_vietnamese(self):
        company = self.company
        program = (
            self.env["loyalty.program"]
            .with_company(company)
            .create(
                {
                    "name": "Khách hàng thân thiết",
                    "company_id": company.id,
                    "program_type": "loyalty",
                    "applies_on": "both",
                    "trigger": "auto",
                    "crm_loyalty_ranked": True,
                    "crm_loyalty_amount_per_point": 10_000,
                    "rule_ids": [Command.create({"reward_point_mode": "money"})],
                    "crm_loyalty_tier_ids": [
                        Command.create({"name": name, "sequence": sequence, "threshold": points})
                        for name, sequence, points in (
                            ("Member", 1, 0),
                            ("Silver", 2, 1000),
                            ("Gold", 3, 5000),
                        )
                    ],
                }
            )
        )
        member, silver, gold = program._crm_loyalty_tiers()
        # ranks named in English, translated into Vietnamese
        for tier, name in ((member, "Thành viên"), (silver, "Bạc"), (gold, "Vàng")):
            tier.with_context(lang="vi_VN").name = name
        self.pricelist = self.env["product.pricelist"].create(
            {"name": "Giá bán lẻ", "company_id": company.id, "currency_id": company.currency_id.id}
        )
        self.product = self.env["product.product"].create(
            {"name": "Bộ định tuyến", "type": "consu"}
        )
        lan, minh = self.env["res.partner"].create(
            [{"name": name, "company_id": company.id} for name in ("Chị Lan", "Anh Minh")]
        )
        self.order(lan, 10_000_000, date(2026, 11, 5))
        self.order(minh, 2_500_000, date(2026, 11, 6))
        Card = self.env["loyalty.card"]
        card = {
            p: Card.search([("partner_id", "=", p.id), ("program_id", "=", program.id)])
            for p in (lan, minh)
        }
        self.assertEqual(card[lan].crm_loyalty_tier_id, silver)
        self.assertEqual(card[minh].crm_loyalty_tier_id, member)
        hotel = self.env["crm.loyalty.partner.reward"].create(
            {
                "name": "Một đêm khách sạn",
                "program_id": program.id,
                "supplier_id": self.env["res.partner"]
                .create({"name": "Khách sạn Sông Hàn", "is_company": True})
                .id,
                "category": "hotel",
                "points_cost": 300,
            }
        )
        night = self.env["crm.loyalty.redemption"].create(
            {"card_id": card[lan].id, "reward_id": hotel.id}
        )
        self.dated(night.history_id, date(2026, 11, 15))
        # what the expiry job writes
        Card._crm_loyalty_post(
            [
                {
                    "card_id": card[minh].id,
                    "crm_loyalty_kind": "expiry",
                    "crm_loyalty_date": date(2026, 11, 20),
                    "description": "Điểm hết hạn",
                    "issued": 0,
                    "used": 30,
                }
            ]
        )

        period = self.computed_period()
        total = self.measures(period)
        self.assertReads(total["loyalty_points_issued"], 1250, "1.250")
        self.assertReads(total["loyalty_points_redeemed"], 300, "300")
        self.assertReads(total["loyalty_points_expired"], 30, "30")
        self.assertReads(total["loyalty_members"], 2, "2")
        for tier, held in ((member, 1), (silver, 1), (gold, 0)):
            line = self.measures(period, "loyalty_rank", loyalty_tier_id=tier)["loyalty_members"]
            self.assertReads(line, held, str(held))
            # computed in English, read in Vietnamese
            self.assertEqual(line.label, tier.with_context(lang="en_US").name)
            self.assertEqual(line.dimension_value, tier.with_context(lang="vi_VN").name)
        # the committee's form lists the whole company's measures on one page
        self.assertLessEqual(len(period.total_line_ids), 40)
        self.start_committee_tour("crm_evaluation_loyalty_vi_tour")
