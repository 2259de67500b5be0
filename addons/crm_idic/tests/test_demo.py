"""The demo company looks like the Vietnamese company it is, when demo data is installed."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDemoLooks(HttpCase):
    def test_the_portal_contact_is_the_companys_salesperson(self):
        portal = self.env.ref("crm_idic.demo_portal_user_vnpt", raise_if_not_found=False)
        if not portal:
            return  # installed without demo data: nothing to check
        company = self.env.ref("crm_idic.demo_company_vn")
        self.assertTrue(company.logo, "the demo company has a logo")
        salesperson = self.env.ref("crm_idic.demo_user_sales_vn")
        self.assertEqual(salesperson.company_id, company)
        self.assertTrue(portal._is_portal())
        portal.password = "demo-portal-check"
        self.authenticate(portal.login, "demo-portal-check")
        page = self.url_open("/my/home")
        self.assertEqual(page.status_code, 200)
        # the portal's contact card names the Vietnamese salesperson, not the admin
        self.assertIn("Phạm Thu Hà", page.text)
        self.assertIn("0236 3888 123", page.text)
        self.assertNotIn("Mitchell Admin", page.text)
