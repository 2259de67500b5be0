"""The customer's portal page shows their own card only."""

from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    def test_own_card_only(self):
        program = self.env["loyalty.program"].create(
            {
                "name": "Portal loyalty",
                "program_type": "loyalty",
                "crm_loyalty_ranked": True,
                "crm_loyalty_expiry": True,
                "crm_loyalty_expiry_months": 12,
                "rule_ids": [(0, 0, {"reward_point_mode": "money"})],
                "crm_loyalty_tier_ids": [(0, 0, {"name": "Portal Gold", "threshold": 0})],
            }
        )
        mine = new_test_user(self.env, login="loyalty_portal_me", groups="base.group_portal")
        other = self.env["res.partner"].create({"name": "Someone else"})
        cards = self.env["loyalty.card"].create(
            [
                {"program_id": program.id, "partner_id": mine.partner_id.id, "points": 70},
                {"program_id": program.id, "partner_id": other.id, "points": 900},
            ]
        )
        self.env["loyalty.history"].create(
            {
                "card_id": cards[0].id,
                "description": "Earned",
                "issued": 70,
                "crm_loyalty_kind": "order",
                "crm_loyalty_date": date.today(),
            }
        )
        cards._crm_loyalty_assess()
        self.authenticate("loyalty_portal_me", "loyalty_portal_me")
        page = self.url_open(f"/my/loyalty_card/{cards[0].id}/ranks")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Portal Gold", page.text)
        self.assertIn("o_crm_loyalty_expiry", page.text)
        foreign = self.url_open(f"/my/loyalty_card/{cards[1].id}/ranks", allow_redirects=False)
        self.assertEqual(foreign.status_code, 303)
        self.assertNotIn("900", foreign.text)
