"""The customer's portal page shows their own card only."""

from datetime import date

from odoo import http
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
                {"program_id": program.id, "partner_id": mine.partner_id.id},
                {"program_id": program.id, "partner_id": other.id},
            ]
        )
        self.env["loyalty.card"]._crm_loyalty_post(
            [
                {
                    "card_id": card.id,
                    "description": "Earned",
                    "issued": points,
                    "crm_loyalty_kind": "order",
                    "crm_loyalty_date": date.today(),
                }
                for card, points in zip(cards, (70, 900), strict=True)
            ]
        )
        cards._crm_loyalty_assess()
        self.authenticate("loyalty_portal_me", "loyalty_portal_me")
        page = self.url_open(f"/my/loyalty_card/{cards[0].id}/ranks")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Portal Gold", page.text)
        self.assertIn("o_crm_loyalty_expiry", page.text)
        foreign = self.url_open(f"/my/loyalty_card/{cards[1].id}/ranks", allow_redirects=False)
        self.assertEqual(foreign.status_code, 404)
        # nothing of the other member's card (a bare "900" could be in the page's token)
        for leak in (cards[1].code, "Someone else", "Portal Gold"):
            self.assertNotIn(leak, foreign.text)

    def test_points_read_with_thousands_separators(self):
        program = self.env["loyalty.program"].create(
            {
                "name": "Portal thousands",
                "program_type": "loyalty",
                "crm_loyalty_ranked": True,
                "rule_ids": [(0, 0, {"reward_point_mode": "money"})],
                "crm_loyalty_tier_ids": [
                    (0, 0, {"name": "Portal Member", "sequence": 1, "threshold": 0}),
                    (0, 0, {"name": "Portal Diamond", "sequence": 2, "threshold": 50000}),
                ],
            }
        )
        member = new_test_user(self.env, login="loyalty_portal_many", groups="base.group_portal")
        card = self.env["loyalty.card"].create(
            {"program_id": program.id, "partner_id": member.partner_id.id}
        )
        card._crm_loyalty_post(
            [
                {
                    "card_id": card.id,
                    "description": "Earned",
                    "issued": 12345,
                    "crm_loyalty_kind": "order",
                    "crm_loyalty_date": date.today(),
                }
            ]
        )
        card._crm_loyalty_assess()
        self.authenticate("loyalty_portal_many", "loyalty_portal_many")
        for url in ("/my/home", f"/my/loyalty_card/{card.id}/ranks"):
            with self.subTest(url=url):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 200)
                self.assertIn("12,345", page.text)
                self.assertNotIn(">12345<", page.text.replace(" ", ""))
        # the points to the next rank too: 50,000 - 12,345
        self.assertIn("37,655", self.url_open(f"/my/loyalty_card/{card.id}/ranks").text)

    def test_redeem_own_card_only(self):
        program = self.env["loyalty.program"].create(
            {
                "name": "Portal rewards",
                "program_type": "loyalty",
                "crm_loyalty_ranked": True,
                "rule_ids": [(0, 0, {"reward_point_mode": "money"})],
                "crm_loyalty_tier_ids": [(0, 0, {"name": "Portal Member", "threshold": 0})],
            }
        )
        other_program = self.env["loyalty.program"].create(
            {
                "name": "Other rewards",
                "program_type": "loyalty",
                "crm_loyalty_ranked": True,
                "rule_ids": [(0, 0, {"reward_point_mode": "money"})],
            }
        )
        hotel = self.env["res.partner"].create({"name": "Portal Hotel", "is_company": True})
        Reward = self.env["crm.loyalty.partner.reward"]
        night, suite, foreign_reward = Reward.create(
            [
                {
                    "name": "Hotel night",
                    "program_id": program.id,
                    "supplier_id": hotel.id,
                    "points_cost": 300,
                },
                {
                    "name": "Hotel suite",
                    "program_id": program.id,
                    "supplier_id": hotel.id,
                    "points_cost": 5000,
                },
                {
                    "name": "Elsewhere",
                    "program_id": other_program.id,
                    "supplier_id": hotel.id,
                    "points_cost": 1,
                },
            ]
        )
        mine = new_test_user(self.env, login="loyalty_portal_redeem", groups="base.group_portal")
        other = self.env["res.partner"].create({"name": "Another customer"})
        # opened with points by the program (an opening row in each history)
        card, foreign = (
            self.env["loyalty.card"]
            ._idic_system()
            .create(
                [
                    {"program_id": program.id, "partner_id": mine.partner_id.id, "points": 1000},
                    {"program_id": program.id, "partner_id": other.id, "points": 900},
                ]
            )
        )
        self.authenticate("loyalty_portal_redeem", "loyalty_portal_redeem")
        page = self.url_open(f"/my/loyalty_card/{card.id}/ranks")
        self.assertIn("Hotel night", page.text)
        csrf = http.Request.csrf_token(self)

        def post(card_id, reward_id):
            return self.url_open(
                f"/my/loyalty_card/{card_id}/redeem",
                data={"reward_id": reward_id, "csrf_token": csrf},
                allow_redirects=False,
            )

        Redemption = self.env["crm.loyalty.redemption"]
        done = post(card.id, night.id)
        self.assertEqual(done.status_code, 303)
        self.assertIn("requested=1", done.headers["Location"])
        self.assertEqual(Redemption.search([("card_id", "=", card.id)]).reward_id, night)
        self.assertEqual(card.points, 700)
        # another customer's card: not found, nothing happens
        hostile = post(foreign.id, night.id)
        self.assertEqual(hostile.status_code, 404)
        self.assertFalse(Redemption.search([("card_id", "=", foreign.id)]))
        self.assertEqual(foreign.points, 900)
        # no reward chosen: a form error
        answer = post(card.id, "")
        self.assertEqual(answer.status_code, 303)
        self.assertIn("error=reward", answer.headers["Location"])
        # a reward id that is none of this card's: not found, never a server error
        for bad in ("abc", "99999999", "99999999999999", "1.5", str(foreign_reward.id), "-1"):
            answer = post(card.id, bad)
            self.assertEqual(answer.status_code, 404, bad)
        too_dear = post(card.id, suite.id)
        self.assertIn("error=points", too_dear.headers["Location"])
        self.assertEqual(card.points, 700)
        self.assertEqual(len(Redemption.search([("card_id", "=", card.id)])), 1)
        shown = self.url_open(f"/my/loyalty_card/{card.id}/ranks?error=points")
        self.assertEqual(shown.status_code, 200)
        self.assertIn("o_crm_loyalty_redeem_error", shown.text)
        self.assertIn("o_crm_loyalty_redemptions", shown.text)

    def test_two_members_reach_only_their_own_card(self):
        """Two portal members: each other's card, an id out of range or not a number is
        a 404 (never a server error), and nothing is redeemed."""
        program = self.env["loyalty.program"].create(
            {
                "name": "Two members",
                "program_type": "loyalty",
                "crm_loyalty_ranked": True,
                "rule_ids": [(0, 0, {"reward_point_mode": "money"})],
                "crm_loyalty_tier_ids": [(0, 0, {"name": "Two Member", "threshold": 0})],
            }
        )
        shop = self.env["res.partner"].create({"name": "Two shop", "is_company": True})
        reward = self.env["crm.loyalty.partner.reward"].create(
            {
                "name": "Voucher",
                "program_id": program.id,
                "supplier_id": shop.id,
                "points_cost": 100,
            }
        )
        users = [
            new_test_user(self.env, login=login, groups="base.group_portal")
            for login in ("loyalty_portal_an", "loyalty_portal_binh")
        ]
        cards = (
            self.env["loyalty.card"]
            ._idic_system()
            .create(
                [
                    {"program_id": program.id, "partner_id": user.partner_id.id, "points": 500}
                    for user in users
                ]
            )
        )
        Redemption = self.env["crm.loyalty.redemption"]
        for user, own, theirs in ((users[0], *cards), (users[1], *reversed(cards))):
            self.authenticate(user.login, user.login)
            csrf = http.Request.csrf_token(self)
            self.assertEqual(self.url_open(f"/my/loyalty_card/{own.id}/ranks").status_code, 200)
            for bad in (theirs.id, 2**31, 10**20, 0, "abc", "1e3", "-1", f"{own.id}.0"):
                with self.subTest(user=user.login, card=bad):
                    page = self.url_open(f"/my/loyalty_card/{bad}/ranks", allow_redirects=False)
                    self.assertEqual(page.status_code, 404)
                    self.assertNotIn("Two Member", page.text)
                    posted = self.url_open(
                        f"/my/loyalty_card/{bad}/redeem",
                        data={"reward_id": reward.id, "csrf_token": csrf},
                        allow_redirects=False,
                    )
                    self.assertEqual(posted.status_code, 404)
            self.assertFalse(Redemption.search([("card_id", "in", cards.ids)]))
        cards.invalidate_recordset(["points"])
        self.assertEqual(cards.mapped("points"), [500, 500])
        for card in cards:
            self.assertEqual(card.points, sum(card.history_ids.mapped("issued")))

    def test_a_contact_sees_the_customer_card(self):
        """The member card is the customer's: its contacts' portal lists it, opens its
        history and its summary; another customer's card stays out of reach."""
        program = self.env["loyalty.program"].create(
            {
                "name": "Company loyalty",
                "program_type": "loyalty",
                "crm_loyalty_ranked": True,
                "rule_ids": [(0, 0, {"reward_point_mode": "money"})],
                "crm_loyalty_tier_ids": [(0, 0, {"name": "Company Silver", "threshold": 0})],
            }
        )
        company = self.env["res.partner"].create({"name": "Contact's company", "is_company": True})
        user = new_test_user(self.env, login="loyalty_portal_contact", groups="base.group_portal")
        user.partner_id.parent_id = company
        stranger = self.env["res.partner"].create({"name": "Stranger", "is_company": True})
        cards = self.env["loyalty.card"].create(
            [
                {"program_id": program.id, "partner_id": company.id},
                {"program_id": program.id, "partner_id": stranger.id},
            ]
        )
        self.env["loyalty.card"]._crm_loyalty_post(
            [
                {
                    "card_id": card.id,
                    "description": description,
                    "issued": 120,
                    "crm_loyalty_kind": "order",
                }
                for card, description in zip(cards, ("Ours", "Theirs"), strict=True)
            ]
        )
        cards._crm_loyalty_assess()
        ours, theirs = cards
        self.authenticate(user.login, user.login)
        home = self.url_open("/my/home")
        self.assertEqual(home.status_code, 200)
        self.assertIn(f'data-card_id="{ours.id}"', home.text)
        self.assertNotIn(f'data-card_id="{theirs.id}"', home.text)
        self.assertIn("Company Silver", home.text)
        history = self.url_open(f"/my/loyalty_card/{ours.id}/history?sortby=nonsense")
        self.assertEqual(history.status_code, 200)
        self.assertIn("Ours", history.text)
        self.assertNotIn("Theirs", history.text)
        summary = self.make_jsonrpc_request(f"/my/loyalty_card/{ours.id}/values", {})
        self.assertEqual(summary["card"]["id"], ours.id)
        self.assertEqual(summary["history_lines"][0]["description"], "Ours")
        # another customer's card: Odoo's own answers (back to /my, nothing)
        foreign = self.url_open(f"/my/loyalty_card/{theirs.id}/history", allow_redirects=False)
        self.assertEqual(foreign.status_code, 303)
        self.assertNotIn("Theirs", foreign.text)
        self.assertEqual(self.make_jsonrpc_request(f"/my/loyalty_card/{theirs.id}/values", {}), {})
        self.assertEqual(self.url_open(f"/my/loyalty_card/{ours.id}/ranks").status_code, 200)
