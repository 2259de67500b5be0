"""The CRM committee member reads the dealer measures of a period, in Vietnamese."""

from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_evaluation.tests import committee_tour


@tagged("post_install", "-at_install")
class TestEvaluationDealerTourVi(committee_tour.CommitteeTourCase):
    """November 2026 in a company in đồng, with the shared tiers (named in English,
    translated into Vietnamese; the period is computed in English):

    ======================  ===============  =====================  ==========
    dealer                  tier             November orders        compliant
    ======================  ===============  =====================  ==========
    Nhà phân phối Sài Gòn   Nhà phân phối    400.000.000 ₫          yes
    Đại lý Đà Nẵng          Đại lý cấp 1     150.000.000 ₫          yes
    Đại lý Huế              Đại lý cấp 1     100.000.000 ₫          no
    Đại lý Hội An           Đại lý cấp 2     none                   no
    Khách lẻ Minh An        (no dealer)      50.000.000 ₫           -
    ======================  ===============  =====================  ==========
    Not counted: 900.000.000 ₫ of Sài Gòn in October.
    """

    modules = ("crm_dealer_tiers", "crm_evaluation_dealer")

    def test_committee_reads_revenue_per_tier_and_compliance_in_vietnamese(self):
        company = self.company
        Partner = self.env["res.partner"]
        # only this test's dealers count: the shared ones (demo data) are put aside
        Partner.search(
            [
                "|",
                ("idic_customer_group", "=", "dealer"),
                ("dealer_tier_id", "!=", False),
                ("company_id", "=", False),
                ("user_ids", "=", False),
            ]
        ).active = False
        ref = self.env.ref
        distributor = ref("crm_dealer_tiers.tier_distributor")
        level_1 = ref("crm_dealer_tiers.tier_level_1")
        level_2 = ref("crm_dealer_tiers.tier_level_2")
        requirements = self.env["crm.dealer.compliance.requirement"].search(
            [("company_id", "in", [False, company.id])]
        )
        self.assertTrue(requirements)

        def dealer(name, tier, parent=None, compliant=False):
            partner = Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "company_id": company.id,
                    "idic_customer_group": "dealer",
                    "dealer_parent_id": parent.id if parent else False,
                }
            )
            partner._dealer_set_tier(tier, "contract", date(2026, 1, 1))
            if compliant:
                self.env["crm.dealer.compliance.check"].create(
                    [
                        {"partner_id": partner.id, "requirement_id": requirement.id, "met": True}
                        for requirement in requirements
                    ]
                )
            return partner

        saigon = dealer("Nhà phân phối Sài Gòn", distributor, compliant=True)
        danang = dealer("Đại lý Đà Nẵng", level_1, parent=saigon, compliant=True)
        hue = dealer("Đại lý Huế", level_1, parent=saigon)
        dealer("Đại lý Hội An", level_2, parent=danang)
        walk_in = Partner.create(
            {"name": "Khách lẻ Minh An", "is_company": True, "company_id": company.id}
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "Giá đại lý", "company_id": company.id, "currency_id": company.currency_id.id}
        )
        product = self.env["product.product"].create({"name": "Bộ định tuyến", "type": "consu"})
        for partner, amount, day in (
            (saigon, 400_000_000, date(2026, 11, 5)),
            (saigon, 900_000_000, date(2026, 10, 5)),
            (danang, 150_000_000, date(2026, 11, 6)),
            (hue, 100_000_000, date(2026, 11, 9)),
            (walk_in, 50_000_000, date(2026, 11, 10)),
        ):
            order = (
                self.env["sale.order"]
                .with_company(company)
                .create(
                    {
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "pricelist_id": pricelist.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
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

        period = self.computed_period()
        total = self.measures(period)
        self.assertReads(total["revenue"], 700_000_000, "700.000.000\N{NO-BREAK SPACE}₫")
        self.assertReads(total["dealers"], 4, "4")
        self.assertReads(total["dealer_compliance_rate"], 50, "50,0 %")
        for tier, revenue, buyers, compliance in (
            (distributor, "400.000.000", "1", "100,0 %"),
            (level_1, "250.000.000", "2", "50,0 %"),
            (level_2, "0", "0", "0,0 %"),
        ):
            lines = self.measures(period, "dealer_tier", dealer_tier_id=tier)
            self.assertEqual(lines["revenue"].value_text, f"{revenue}\N{NO-BREAK SPACE}₫")
            self.assertEqual(lines["buying_customers"].value_text, buyers)
            self.assertEqual(lines["dealer_compliance_rate"].value_text, compliance)
            # computed in English, read in Vietnamese
            self.assertEqual(lines["revenue"].label, tier.with_context(lang="en_US").name)
            self.assertEqual(lines["revenue"].dimension_value, tier.with_context(lang="vi_VN").name)
        self.assertEqual(distributor.with_context(lang="vi_VN").name, "Nhà phân phối")
        # the committee's form lists the whole company's measures on one page
        self.assertLessEqual(len(period.total_line_ids), 40)
        self.start_committee_tour("crm_evaluation_dealer_vi_tour")
