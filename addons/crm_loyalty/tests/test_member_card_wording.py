"""A member card reads as one: whole points with the reader's separators, "member
cards" (not Odoo's "coupons") in its lists and in the email sent with it."""

from datetime import date

from lxml import etree

from odoo.tests import new_test_user, tagged

from odoo.addons.mail.tools.discuss import Store

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestMemberCardWording(LoyaltyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(
            ["loyalty", "crm_loyalty"], ["vi_VN"], overwrite=True
        )
        cls.program.portal_point_name = "Points"
        cls.partner = cls.make_customer("Chị Lan", lang="vi_VN", email="lan@example.com")
        cls.card = cls.make_card(cls.partner, [(date.today(), 12_345)], 3_150)
        cls.card._crm_loyalty_assess()
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.company_ids |= cls.company

    def test_points_are_whole_with_the_readers_separator(self):
        self.assertEqual(self.card.with_context(lang="en_US").points_display, "3,150 Points")
        self.assertEqual(self.card.with_context(lang="vi_VN").points_display, "3.150 Points")
        # a program that is not ranked keeps Odoo's own display
        coupons = self.env["loyalty.program"].create(
            {"name": "Coupons", "program_type": "coupons", "company_id": self.company.id}
        )
        coupon = self.env["loyalty.card"].create({"program_id": coupons.id, "points": 3150})
        self.assertNotIn(",", coupon.with_context(lang="en_US").points_display)
        self.assertTrue(coupon.with_context(lang="en_US").points_display.startswith("3150"))

    def test_the_card_lists_say_member_cards(self):
        admin = self.env.ref("base.user_admin")
        action = (
            self.program.with_user(admin).with_context(lang="vi_VN").action_open_loyalty_cards()
        )
        self.assertEqual(action["name"], "Thẻ thành viên")
        action = (
            self.partner.with_user(admin).with_context(lang="vi_VN").action_view_loyalty_cards()
        )
        self.assertEqual(action["name"], "Thẻ thành viên")
        # a partner without a member card keeps Odoo's list name
        stranger = self.make_customer("No card")
        action = stranger.with_context(lang="en_US").action_view_loyalty_cards()
        self.assertEqual(action["name"], "Coupons")

    def test_the_card_is_sent_with_a_member_card_email(self):
        # the form gives a new loyalty program Odoo's coupon email for its new cards; a
        # ranked program's cards are sent with the member card's
        coupon = self.env.ref("loyalty.mail_template_loyalty_card")
        self.program.communication_plan_ids = [
            (0, 0, {"trigger": "create", "mail_template_id": coupon.id})
        ]
        template = self.card._get_default_template()
        self.assertEqual(template, self.env.ref("crm_loyalty.mail_template_member_card"))
        subject = template._render_field("subject", self.card.ids, compute_lang=True)
        subject = subject[self.card.id]
        body = template._render_field("body_html", self.card.ids, compute_lang=True)
        body = str(body[self.card.id])
        self.assertIn("Thẻ thành viên", subject)
        self.assertIn(self.card.code, body)
        self.assertIn("3.150 Points", body)
        self.assertIn("12.345", body)
        self.assertIn(self.card.crm_loyalty_tier_id.name, body)
        self.assertNotIn("giảm giá", subject + body)
        # a program that chose its own email for new cards keeps it
        own = self.env.ref("crm_loyalty.mail_template_rank_change")
        plan = self.program.communication_plan_ids.filtered(lambda m: m.trigger == "create")
        plan.mail_template_id = own
        self.assertEqual(self.card._get_default_template(), own)

    def test_a_rank_email_prints_points_the_readers_way(self):
        template = self.env.ref("crm_loyalty.mail_template_rank_change")
        body = template._render_field("body_html", self.card.ids, compute_lang=True)
        self.assertIn("12.345 điểm xét hạng", str(body[self.card.id]))

    def test_the_rule_card_says_the_ranked_rule(self):
        rule = self.program.rule_ids[:1].with_context(lang="vi_VN")
        self.assertEqual(
            rule.crm_loyalty_rule_text,
            "1 điểm cho mỗi 10.000\xa0₫, nhân hệ số của hạng thành viên",
        )
        self.program.crm_loyalty_amount_per_point = 5000
        self.assertIn("5,000", rule.with_context(lang="en_US").crm_loyalty_rule_text)
        plain = self.env["loyalty.program"].create(
            {
                "name": "Not ranked",
                "program_type": "loyalty",
                "company_id": self.company.id,
                "rule_ids": [(0, 0, {"reward_point_mode": "money"})],
            }
        )
        self.assertFalse(plain.rule_ids.crm_loyalty_rule_text)

    def test_rewards_cost_whole_points_on_the_program_form(self):
        Reward = self.env["loyalty.reward"]
        digits = Reward.fields_get(["crm_loyalty_required_points"])["crm_loyalty_required_points"]
        self.assertEqual(tuple(digits["digits"]), (16, 0))
        reward = Reward.create(
            {"program_id": self.program.id, "reward_type": "discount", "required_points": 1000}
        )
        self.assertTrue(reward.crm_loyalty_ranked)
        self.assertEqual(reward.crm_loyalty_required_points, 1000)
        # the program form's reward cards show the whole points of a ranked program
        arch = Reward.get_views([(False, "kanban")])["views"]["kanban"]["arch"]
        self.assertIn("crm_loyalty_required_points", arch)

    def _tracked_points(self, card, user):
        """The ``points`` change of the card's last tracking message, as ``user``'s
        chatter receives it."""
        self.env.flush_all()
        self.cr.flush()  # the tracking values are written when the cursor flushes
        message = card.message_ids.filtered("tracking_value_ids")[:1]
        self.assertTrue(message, "the balance change is tracked")
        store = Store(message.with_user(user), for_current_user=True).get_result()
        values = store["mail.message"][0]["trackingValues"]
        return next(v for v in values if v["fieldName"] == "points")

    def test_the_chatter_tracks_whole_points(self):
        manager = new_test_user(
            self.env,
            "loyalty_chatter_reader",
            groups="base.group_user,crm_loyalty.group_loyalty_manager",
            company_id=self.company.id,
            company_ids=self.company.ids,
        )
        self.cr.flush()
        card = self.card.with_context(tracking_disable=False)  # the case's env tracks nothing
        card._crm_loyalty_post(
            [
                {
                    "card_id": self.card.id,
                    "description": "Earned",
                    "issued": 350,
                    "crm_loyalty_kind": "order",
                    "crm_loyalty_date": date.today(),
                }
            ]
        )
        self.assertEqual(self.card.points, 3500)  # balance = history
        self.assertEqual(
            sum(self.card.history_ids.mapped("issued")) - sum(self.card.history_ids.mapped("used")),
            3500,
        )
        tracked = self._tracked_points(card, manager)
        self.assertEqual((tracked["oldValue"]["value"], tracked["newValue"]["value"]), (3150, 3500))
        self.assertEqual(tuple(tracked["newValue"]["floatPrecision"]), (16, 0))
        self.assertEqual(tuple(tracked["oldValue"]["floatPrecision"]), (16, 0))
        # an e-wallet keeps Odoo's decimals
        wallets = self.env["loyalty.program"].create(
            {"name": "Wallet", "program_type": "ewallet", "company_id": self.company.id}
        )
        wallet = self.env["loyalty.card"].create(
            {"program_id": wallets.id, "partner_id": self.partner.id, "points": 10}
        )
        self.cr.flush()
        wallet.with_context(tracking_disable=False).points = 12.5
        tracked = self._tracked_points(wallet, self.env.ref("base.user_admin"))
        self.assertEqual(tracked["newValue"]["value"], 12.5)
        self.assertNotEqual(tracked["newValue"]["floatPrecision"], (16, 0))

    def test_the_customer_card_shows_segment_level_and_rank_in_a_row_of_their_own(self):
        admin = self.env.ref("base.user_admin")
        admin.groups_id |= self.env.ref("crm_loyalty.group_loyalty_user") | self.env.ref(
            "crm_idic.group_idic_user"
        )
        Partner = self.env["res.partner"].with_user(admin)
        arch = etree.fromstring(Partner.get_views([(False, "kanban")])["views"]["kanban"]["arch"])
        row = arch.xpath("//div[@name='idic_badges']")
        self.assertEqual(len(row), 1)
        names = row[0].xpath("./field/@name")
        self.assertEqual(
            names, ["idic_segment_code", "idic_relationship_level", "crm_loyalty_tier_id"]
        )
        # not squeezed among the footer's counters, where a long level ran out of the card
        self.assertFalse(row[0].xpath("ancestor::footer"))
