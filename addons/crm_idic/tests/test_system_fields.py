"""The one guard of the fields only the system writes (crm.idic.system.fields.mixin)."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IdicCase


@tagged("post_install", "-at_install")
class TestSystemFieldsMixin(IdicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.partner = cls.make_customer("Mixin customer")
        cls.admin.write({"company_ids": [Command.link(cls.company.id)]})

    def test_users_pass_their_partner_defaults_through(self):
        """res.users creates its partner with every partner default: not a client write."""
        user = (
            self.env["res.users"]
            .with_user(self.admin)
            .create({"name": "Nguyễn Văn Bán", "login": "ban.nguyen@example.com"})
        )
        self.assertEqual(user.partner_id.name, "Nguyễn Văn Bán")
        self.assertFalse(user.partner_id.sudo().idic_total_score)

    def test_a_default_key_is_a_client_write_even_through_users(self):
        Users = self.env["res.users"].with_user(self.admin)
        with self.assertRaisesRegex(AccessError, "Profile completeness"):
            Users.with_context(default_idic_profile_completeness=100).create(
                {"name": "Forged", "login": "forged@example.com"}
            )
        with self.assertRaisesRegex(AccessError, "Total score"):
            Users.create({"name": "Forged", "login": "forged2@example.com", "idic_total_score": 90})
        self.assertFalse(
            self.env["res.users"].search(
                [("login", "in", ("forged@example.com", "forged2@example.com"))]
            )
        )

    def test_sudo_is_no_way_past(self):
        """Being the superuser lets no value of the system's through."""
        Partner = self.env["res.partner"].with_user(self.user)
        # (Odoo's sudo() drops the client's default_* keys by itself)
        forged = Partner.with_context(default_idic_total_score=99).sudo().create({"name": "Sudo"})
        self.assertFalse(forged.idic_total_score)
        with self.assertRaises(AccessError):
            Partner.sudo().create({"name": "Sudo forged", "idic_total_score": 99})
        with self.assertRaises(AccessError):
            self.partner.with_user(self.user).sudo().write({"idic_total_score": 99})
        self.assertFalse(self.partner.idic_total_score)

    def test_the_system_drops_the_clients_default_keys(self):
        Partner = self.env["res.partner"].with_user(self.user)
        partner = (
            Partner.with_context(default_idic_total_score=99, default_idic_is_duplicate=True)
            ._idic_system()
            .create({"name": "System made"})
        )
        self.assertFalse(partner.idic_total_score)
        self.assertFalse(partner.idic_is_duplicate)
        # a context key a client can send is no way in: only the object is
        forged = {"crm_idic_system": "True"}
        with self.assertRaises(AccessError):
            self.partner.with_user(self.user).with_context(**forged).write({"idic_total_score": 1})

    def test_unchanged_and_default_values_are_no_write(self):
        partner = self.partner.with_user(self.user)
        current = self.partner.idic_relationship_level
        # what a form sends back unchanged, or a default given again, changes nothing
        partner.write({"idic_relationship_level": current, "phone": "0905 000 111"})
        self.env["res.partner"].with_user(self.user).create(
            {"name": "Zero", "idic_total_score": 0, "idic_is_duplicate": False}
        )
        with self.assertRaises(AccessError):
            partner.write({"idic_relationship_level": "3" if current != "3" else "1"})

    def test_blanking_a_profile_drops_its_completeness_at_once(self):
        self.env["crm.idic.completeness.rule"].create(
            [
                {"company_id": self.company.id, "field_id": self.partner_field("phone").id},
                {"company_id": self.company.id, "field_id": self.partner_field("email").id},
            ]
        )
        partner = self.partner.with_user(self.user)
        partner.write({"phone": "0905 123 456", "email": "mixin@example.com"})
        self.assertEqual(self.partner.idic_profile_completeness, 100.0)
        # the context key that used to freeze it is gone: nothing a client sends keeps it
        partner.with_context(idic_skip_completeness=True).write({"email": False})
        self.assertEqual(self.partner.idic_profile_completeness, 50.0)

    def test_merge_keeps_the_survivors_system_values(self):
        other = self.make_customer("Mixin duplicate")
        self.partner._idic_system().write({"idic_total_score": 70})
        other._idic_system().write({"idic_total_score": 10})
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(self.admin)
            .with_context(active_model="res.partner", active_ids=(self.partner | other).ids)
            .create({"partner_ids": [Command.set((self.partner | other).ids)]})
        )
        wizard.dst_partner_id = self.partner
        wizard.action_merge()
        self.assertFalse(other.exists())
        self.assertTrue(self.partner.exists())
