from datetime import date

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.crm_idic.tests.vietnamese import vietnamese_company, vietnamese_user


@tagged("post_install", "-at_install")
class TestDealerTour(HttpCase):
    """Submit an application and see the recommended tier, then the network tree."""

    def make_dealer(self, name, tier, parent=None):
        partner = self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "idic_customer_group": "dealer",
                "dealer_parent_id": parent.id if parent else False,
            }
        )
        partner._dealer_set_tier(self.env.ref(f"crm_dealer_tiers.{tier}"), "contract")
        return partner

    def test_submit_an_application_and_see_the_recommended_tier(self):
        # a network to see as a tree at the end: two roots, one with a sub-dealer
        top = self.make_dealer("Tour Distributor", "tier_distributor")
        self.make_dealer("Tour Agent", "tier_level_1", parent=top)
        self.make_dealer("Tour Other Distributor", "tier_distributor")
        self.start_tour(
            "/odoo/action-crm_dealer_tiers.action_dealer_application/new",
            "crm_dealer_tiers_application_tour",
            login="admin",
        )
        app = self.env["crm.dealer.application"].search(
            [("applicant_name", "=", "Tour Dealer Shop")]
        )
        self.assertEqual(app.state, "submitted")
        self.assertEqual(app.recommended_tier_id, self.env.ref("crm_dealer_tiers.tier_level_1"))


@tagged("post_install", "-at_install")
class TestDealerManagerTourVietnamese(HttpCase):
    """The dealer manager, in Vietnamese: the yearly rebate of dealers only, in đồng; a
    contract's preview; the parent-dealer picker with each dealer's tier."""

    def test_rebate_report_contract_preview_and_parent_picker(self):
        company = vietnamese_company(
            self.env, ["crm_idic", "crm_dealer_tiers"], "Công ty Tour Đại lý", vat="0401112223"
        )
        manager = vietnamese_user(
            self.env,
            company,
            "tour_dealer_manager_vi",
            "sales_team.group_sale_manager,crm_dealer_tiers.group_dealer_manager",
            name="Trần Quản Lý",
        )
        vnd = company.currency_id
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        ref = self.env.ref
        Partner = env["res.partner"]

        def dealer(name, tier, parent=None, **vals):
            partner = Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "company_id": company.id,
                    "idic_customer_group": "dealer",
                    "dealer_parent_id": parent.id if parent else False,
                    "lang": "vi_VN",
                    **vals,
                }
            )
            partner._dealer_set_tier(ref(f"crm_dealer_tiers.{tier}"), "contract", date(2026, 1, 1))
            return partner

        top = dealer("Tour VN Sài Gòn", "tier_distributor")
        agent = dealer("Tour VN Đà Nẵng", "tier_level_1", parent=top, vat="0409998887")
        customer = Partner.create(
            {"name": "Tour VN Khách lẻ", "is_company": True, "company_id": company.id}
        )
        pricelist = env["product.pricelist"].create(
            {"name": "Tour VN prices", "company_id": company.id, "currency_id": vnd.id}
        )
        product = env["product.product"].create({"name": "Tour VN Router", "type": "consu"})
        for partner, amount in ((top, 40_000_000), (agent, 10_000_000), (customer, 5_000_000)):
            order = (
                env["sale.order"]
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
        # a draft contract of the level-1 agent, as the workflow prepares one
        env["crm.dealer.contract"]._idic_system().create(
            {
                "partner_id": agent.id,
                "company_id": company.id,
                "tier_id": ref("crm_dealer_tiers.tier_level_1").id,
                "user_id": manager.id,
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "note": "<p>Thanh toán trong 30 ngày kể từ ngày giao hàng.</p>",
            }
        )
        self.start_tour(
            "/odoo",
            "crm_dealer_tiers_vi_tour",
            login=manager.login,
        )
