"""Birthday and founding-day gifts: once a year, per rank."""

from datetime import date

from odoo.tests import tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestGifts(LoyaltyCase):
    def test_yearly_gift_by_rank(self):
        self.silver.birthday_points = 100
        person = self.make_customer("Birthday", idic_birthday=date(1990, 6, 15))
        company = self.make_customer(
            "Founded", is_company=True, idic_founding_date=date(2010, 6, 1)
        )
        member = self.make_customer("No date")
        silver = self.make_card(person, [(date(2025, 5, 1), 2_500)])
        founded = self.make_card(company, [(date(2025, 5, 1), 2_500)])
        low = self.make_card(member, [(date(2025, 5, 1), 100)])
        (silver | founded | low)._crm_loyalty_assess(date(2025, 6, 1))
        Card = self.env["loyalty.card"]
        # (the job runs over every program: other members, e.g. demo data, may get gifts too)
        Card._cron_crm_loyalty_gifts(today=date(2025, 6, 14))
        self.assertEqual((founded.points, silver.points), (2_600, 2_500))
        Card._cron_crm_loyalty_gifts(today=date(2025, 6, 15))
        self.assertEqual((founded.points, silver.points), (2_600, 2_600))
        Card._cron_crm_loyalty_gifts(today=date(2025, 6, 16))
        self.assertEqual((founded.points, silver.points), (2_600, 2_600))
        gift = silver.history_ids.filtered(lambda h: h.crm_loyalty_kind == "gift")
        self.assertEqual(gift.issued, 100)
        # a gift is not a qualifying point
        silver._crm_loyalty_assess(date(2025, 6, 16))
        self.assertEqual(silver.crm_loyalty_qualifying_points, 2_500)
        self.assertEqual(low.points, 100)
        Card._cron_crm_loyalty_gifts(today=date(2026, 6, 15))
        self.assertEqual((founded.points, silver.points, low.points), (2_700, 2_700, 100))
        self.assertEqual(founded.crm_loyalty_gift_year, 2026)
