"""The demo company's showroom, when the demo data is installed."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoShop(TransactionCase):
    def test_the_showroom_opens_with_members_at_every_rank(self):
        shop = self.env.ref("crm_loyalty_pos.demo_shop", raise_if_not_found=False)
        if not shop:
            return  # installed without demo data: nothing to check
        company = self.env.ref("crm_idic.demo_company_vn")
        self.assertEqual(shop.company_id, company)
        # the chart loaded for the shop left the company in đồng, in Vietnam
        self.assertEqual(company.currency_id, self.env.ref("base.VND"))
        self.assertEqual(company.account_fiscal_country_id, self.env.ref("base.vn"))
        self.assertEqual(shop.currency_id, company.currency_id)
        self.assertFalse(company.account_sale_tax_id, "the demo's prices stay untaxed")
        admin = self.env.ref("base.user_admin")
        admin.write(
            {
                "company_ids": [(4, company.id)],
                "groups_id": [(4, self.env.ref("point_of_sale.group_pos_manager").id)],
            }
        )
        # a session opens: journals, payment methods and the chart are all there
        shop = shop.with_user(admin).with_company(company)
        shop.open_ui()
        self.assertEqual(shop.current_session_id.state, "opening_control")
        program = self.env["loyalty.program"].search(
            [("company_id", "=", company.id), ("crm_loyalty_ranked", "=", True)]
        )
        self.assertTrue(program.pos_ok, "the ranked program is offered at the counter")
        # what the counter reads of the members: a rank for every rank of the program
        members = (
            self.env["loyalty.card"]
            .search([("program_id", "=", program.id), ("partner_id", "!=", False)])
            .partner_id.with_user(admin)
            .with_company(company)
        )
        ranks = set(members.mapped("crm_loyalty_pos_rank")) - {False}
        self.assertEqual(ranks, set(program.crm_loyalty_tier_ids.mapped("name")))
        self.assertTrue(
            self.env["product.product"].search_count(
                [("available_in_pos", "=", True), ("company_id", "=", company.id)]
            )
        )
