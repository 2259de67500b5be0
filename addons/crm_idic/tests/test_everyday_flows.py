"""Odoo's everyday flows still work with our addons, done as the administrator
(``base.user_admin``, for whom access rights apply, not the superuser)."""

from odoo import Command
from odoo.tests import Form, HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestAdministratorEverydayFlows(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.company = cls.admin.company_id
        cls.product = cls.env["product.product"].create(
            {"name": "Everyday router", "list_price": 1500.0, "type": "consu"}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Everyday Customer", "is_company": True, "email": "everyday@example.com"}
        )

    def as_admin(self, model):
        return self.env[model].with_user(self.admin)

    def test_create_a_user_from_the_settings_form(self):
        with Form(self.as_admin("res.users"), view="base.view_users_form") as form:
            form.name = "Trần Thị Bán Hàng"
            form.login = "ban.hang@example.com"
        user = form.record
        self.assertEqual(user.partner_id.name, "Trần Thị Bán Hàng")
        self.assertTrue(user.has_group("base.group_user"))

    def test_create_a_user_over_rpc(self):
        self.authenticate("admin", "admin")
        params = {
            "model": "res.users",
            "method": "create",
            "args": [{"name": "Lê Văn RPC", "login": "rpc.user@example.com"}],
            "kwargs": {},
        }
        user_id = self.make_jsonrpc_request("/web/dataset/call_kw/res.users/create", params)
        self.assertEqual(self.env["res.users"].browse(user_id).login, "rpc.user@example.com")
        # a client's default_ key for a value the system computes is still refused
        params["args"] = [{"name": "Forged", "login": "forged.rpc@example.com"}]
        params["kwargs"] = {"context": {"default_idic_profile_completeness": 100}}
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/web/dataset/call_kw/res.users/create", params)
        self.assertFalse(self.env["res.users"].search([("login", "=", "forged.rpc@example.com")]))

    def test_grant_portal_access(self):
        wizard = (
            self.as_admin("portal.wizard").with_context(active_ids=self.customer.ids).create({})
        )
        wizard.user_ids.action_grant_access()
        self.assertTrue(self.customer.user_ids._is_portal())

    def test_create_a_company(self):
        with Form(self.as_admin("res.company")) as form:
            form.name = "Công ty Mới"
        company = form.record
        segments = self.env["crm.idic.segment"].search([("company_id", "=", company.id)])
        self.assertEqual(sorted(segments.mapped("code")), ["A", "B", "C", "D"])

    def test_create_and_import_contacts(self):
        with Form(self.as_admin("res.partner")) as form:
            form.name = "Nhà phân phối Form"
            form.email = "form@example.com"
        self.assertTrue(form.record.id)
        result = self.as_admin("res.partner").load(
            ["name", "email", "phone"],
            [["Imported One", "one@example.com", "0905 111 222"], ["Imported Two", "", ""]],
        )
        self.assertFalse(result["messages"])
        self.assertEqual(len(result["ids"]), 2)

    def test_duplicate_and_archive_a_partner(self):
        partner = self.customer.with_user(self.admin)
        copy = partner.copy()
        self.assertEqual(copy.name, "Everyday Customer (copy)")
        partner.action_archive()
        self.assertFalse(self.customer.active)

    def test_sell_from_the_quotation_form(self):
        with Form(self.as_admin("sale.order")) as form:
            form.partner_id = self.customer
            with form.order_line.new() as line:
                line.product_id = self.product
                line.product_uom_qty = 2
        order = form.record
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.amount_untaxed, 3000.0)
        # a confirmed order takes more lines, as it does without our addons
        order.with_user(self.admin).write(
            {"order_line": [Command.create({"product_id": self.product.id})]}
        )
        self.assertEqual(len(order.order_line), 2)
