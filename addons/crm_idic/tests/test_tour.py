from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.base.wizard.base_partner_merge import MergePartnerAutomatic

from .vietnamese import vietnamese_company, vietnamese_user


@tagged("post_install", "-at_install")
class TestIdicTour(HttpCase):
    def test_customer_idic_tab_and_interaction(self):
        partner = self.env["res.partner"].create(
            {"name": "Tour Customer IDIC", "is_company": True, "idic_customer_group": "project"}
        )
        partner._idic_recompute(partner.create_date.date())
        self.start_tour(
            f"/odoo/action-crm_idic.action_idic_customers/{partner.id}",
            "crm_idic_customer_tour",
            login="admin",
        )
        interaction = self.env["crm.idic.interaction"].search([("partner_id", "=", partner.id)])
        self.assertEqual(interaction.summary, "Tour visit to the customer")
        self.assertEqual(interaction.channel, "visit")


@tagged("post_install", "-at_install")
class TestIdicMergeTour(HttpCase):
    def test_review_and_merge_keeps_the_customer_we_came_from(self):
        Partner = self.env["res.partner"]
        small = Partner.create(
            {"name": "Small Tour Customer", "is_company": True, "vat": "0409990001"}
        )
        strategic = Partner.create(
            {"name": "Strategic Tour Customer", "is_company": True, "vat": "0409990001"}
        )
        # Odoo alone would keep the small one, as the button lists the partners
        Wizard = self.env["base.partner.merge.automatic.wizard"]
        odoo_order = MergePartnerAutomatic._get_ordered_partner(Wizard, (strategic | small).ids)
        self.assertEqual(odoo_order[-1], small)
        self.start_tour(
            f"/odoo/action-crm_idic.action_idic_customers/{strategic.id}",
            "crm_idic_merge_tour",
            login="admin",
        )
        self.assertTrue(strategic.exists())
        self.assertFalse(small.exists())

    def test_demo_company_is_the_administrators_to_open(self):
        demo = self.env.ref("crm_idic.demo_company_vn", raise_if_not_found=False)
        admin = self.env.ref("base.user_admin")
        # with or without demo data the administrator keeps the main company: Odoo's own
        # demo data and tests work there
        self.assertEqual(admin.company_id, self.env.ref("base.main_company"))
        if not demo:
            return
        self.assertIn(demo, admin.company_ids)
        # what scripts/demo does: the administrator opens in the demo company, as its
        # director reading Vietnamese
        demo._crm_idic_demo_ready()
        self.assertRecordValues(
            admin, [{"company_id": demo.id, "lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}]
        )
        self.assertEqual(admin.partner_id.name, "Lê Quang Minh")
        self.assertEqual(admin.partner_id.country_id, self.env.ref("base.vn"))
        self.assertNotIn("Mitchell", admin.signature)
        self.start_tour("/odoo", "crm_idic_demo_company_tour", login="admin")


@tagged("post_install", "-at_install")
class TestActionBoardTour(HttpCase):
    def test_three_actions_from_the_board(self):
        admin = self.env.ref("base.user_admin")
        company = admin.company_id
        segment = self.env["crm.idic.segment"].search(
            [("company_id", "=", company.id), ("code", "=", "A")]
        )
        # only the visits of these customers: no other signal of theirs
        self.env["crm.idic.action.signal"].search([("code", "!=", "visit")]).active = False
        partners = self.env["res.partner"]
        for name in ("Board Tour Visit", "Board Tour Snooze", "Board Tour Dismiss"):
            partner = partners.create(
                {"name": name, "is_company": True, "user_id": admin.id, "company_id": company.id}
            )
            partner._idic_system().write({"idic_segment_id": segment.id})
            partners |= partner
        Action = self.env["crm.idic.action"]
        Action._idic_refresh(partners.ids)
        lines = Action.search([("partner_id", "in", partners.ids)])
        self.assertEqual(len(lines), 3)
        self.start_tour(
            "/odoo/action-crm_idic.action_idic_action_board",
            "crm_idic_action_board_tour",
            login="admin",
        )
        state = {line.partner_id.name: line for line in lines}
        self.assertEqual(state["Board Tour Visit"].state, "done")
        self.assertEqual(state["Board Tour Visit"].interaction_id.channel, "visit")
        self.assertEqual(state["Board Tour Visit"].closed_by_id, admin)
        self.assertEqual(state["Board Tour Snooze"].state, "snoozed")
        self.assertEqual(state["Board Tour Snooze"].close_reason, "Khách đi công tác đến tuần sau")
        self.assertEqual(state["Board Tour Dismiss"].state, "dismissed")


@tagged("post_install", "-at_install")
class TestIdicVietnameseTour(HttpCase):
    """A salesperson in Vietnamese, in a company that works in đồng."""

    def test_salesperson_reads_priority_and_revenue_in_vietnamese(self):
        company = vietnamese_company(self.env, ["sale", "crm_idic"])
        salesperson = vietnamese_user(
            self.env,
            company,
            "idic_vi_sales",
            "sales_team.group_sale_salesman,crm_idic.group_idic_user",
        )
        Partner = self.env["res.partner"].with_company(company)
        customer = Partner.create(
            {
                "name": "Công ty Hải Đăng",
                "is_company": True,
                "company_id": company.id,
                "user_id": salesperson.id,
            }
        )
        segment_d = self.env["crm.idic.segment"].search(
            [("company_id", "=", company.id), ("code", "=", "D")]
        )
        # a loyal customer (level 3) in segment D, as the scoring would leave it
        customer._idic_system().write(
            {"idic_segment_id": segment_d.id, "idic_relationship_level": "3"}
        )
        product = self.env["product.product"].create({"name": "Bộ định tuyến", "taxes_id": False})
        Order = self.env["sale.order"].with_company(company)
        line = {"product_id": product.id, "price_unit": 1_250_000, "tax_id": False}
        done = Order.create(
            {"partner_id": customer.id, "company_id": company.id, "order_line": [(0, 0, line)]}
        )
        done.action_confirm()
        done.date_order = fields.Datetime.now()
        quotation = Order.create(
            {
                "partner_id": customer.id,
                "company_id": company.id,
                "order_line": [(0, 0, {**line, "price_unit": 2_500_000})],
            }
        )
        self.assertTrue(quotation.idic_priority)
        self.start_tour(
            f"/odoo/action-crm_idic.action_idic_customers/{customer.id}",
            "crm_idic_vi_tour",
            login=salesperson.login,
        )
