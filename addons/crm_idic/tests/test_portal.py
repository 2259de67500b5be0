"""The customer portal's /my/account form, posted as the portal users themselves."""

from datetime import date, timedelta

from lxml import html

from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

PASSWORD = "idic_portal_pw1"
BAD_BIRTHDAY = "Enter your birthday as a date between 1900-01-01 and today."
BAD_FOUNDING = "Enter your company's founding date as a date between 1900-01-01 and today."
BAD_INDUSTRY = "Choose an industry from the list."
BAD_NAME = "The purchasing contact's name can have at most 128 characters."
BAD_EMAIL = "The purchasing contact's email is not valid."
BAD_PHONE = "The purchasing contact's phone can have at most 32 characters"
NOT_YOURS = "Only your company's own account can change the company details."


@tagged("post_install", "-at_install")
class PortalAccountCase(HttpCase):
    """A company whose own partner has a portal user, a contact of it with a portal user,
    and a decision-maker contact that is another portal user's partner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vn = cls.env.ref("base.vn")
        Industry = cls.env["res.partner.industry"]
        cls.industry_old = Industry.create({"name": "IDIC portal Wholesale"})
        cls.industry_new = Industry.create({"name": "IDIC portal Telecom"})
        address = {
            "phone": "0905000111",
            "street": "1 Le Loi",
            "city": "Da Nang",
            "country_id": cls.vn.id,
        }
        cls.company_user = cls._portal_user("idic_p_company", "IDIC Portal Co")
        cls.company = cls.company_user.partner_id
        cls.company.write(
            {
                "is_company": True,
                "email": "office@idic-portal.vn",
                "idic_founding_date": "2001-02-03",
                "industry_id": cls.industry_old.id,
                **address,
            }
        )
        cls.contact_user = cls._portal_user("idic_p_contact", "Tran Nhan Vien")
        cls.contact = cls.contact_user.partner_id
        cls.contact.write({"parent_id": cls.company.id, "email": "staff@idic-portal.vn", **address})
        cls.maker_user = cls._portal_user("idic_p_maker", "Le Giam Doc")
        cls.maker = cls.maker_user.partner_id
        cls.maker.write(
            {
                "parent_id": cls.company.id,
                "email": "director@idic-portal.vn",
                "phone": "0905999999",
                "idic_buying_role": "decision_maker",
            }
        )

    @classmethod
    def _portal_user(cls, login, name):
        return new_test_user(
            cls.env,
            login=login,
            password=PASSWORD,
            name=name,
            email=f"{login}@idic-portal.vn",
            groups="base.group_portal",
        )

    # ---------------------------------------------------------------- helpers

    def post_account(self, user, **extra):
        """Post the /my/account form as ``user``, with its current details and ``extra``."""
        self.authenticate(user.login, PASSWORD)
        partner = user.partner_id
        data = {
            "name": partner.name,
            "email": partner.email,
            "phone": partner.phone,
            "street": partner.street or "",
            "city": partner.city or "",
            "country_id": str(partner.country_id.id),
            "csrf_token": Request.csrf_token(self),
            **extra,
        }
        return self.url_open("/my/account", data=data)

    def assertFormError(self, response, message):
        """The form came back (no redirect, no crash) with ``message`` in its alert."""
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my/account"), response.url)
        alerts = html.fromstring(response.text).xpath(
            "//form[@action='/my/account']//div[contains(@class, 'alert-danger')]"
        )
        self.assertTrue(alerts, "the form shows an error")
        self.assertIn(message, alerts[0].text_content())

    def assertSaved(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my/home"), response.url)

    def decision_makers(self):
        self.env.invalidate_all()
        return self.company.with_context(active_test=False).child_ids.filtered(
            lambda c: c.idic_buying_role == "decision_maker"
        )

    def assertCompanyUntouched(self):
        self.env.invalidate_all()
        self.assertEqual(str(self.company.idic_founding_date), "2001-02-03")
        self.assertEqual(self.company.industry_id, self.industry_old)
        self.assertEqual(self.decision_makers(), self.maker)
        self.assertEqual(self.maker.name, "Le Giam Doc")
        self.assertEqual(self.maker.email, "director@idic-portal.vn")
        self.assertEqual(self.maker.phone, "0905999999")
        self.assertEqual(self.maker_user.login, "idic_p_maker")


@tagged("post_install", "-at_install")
class TestPortalCompanyData(PortalAccountCase):
    """Company data belongs to the company's own user, never to its contacts."""

    def test_contact_cannot_change_company_industry_or_founding_date(self):
        response = self.post_account(
            self.contact_user,
            idic_founding_date="1999-09-09",
            industry_id=str(self.industry_new.id),
        )
        self.assertFormError(response, NOT_YOURS)
        self.assertCompanyUntouched()

    def test_contact_cannot_set_purchasing_contact(self):
        response = self.post_account(
            self.contact_user,
            idic_purchaser_name="Ke Gian",
            idic_purchaser_email="attacker@evil.example",
        )
        self.assertFormError(response, NOT_YOURS)
        self.assertCompanyUntouched()

    def test_contact_saves_own_data_while_company_data_is_ignored(self):
        """Posting the company's current values (or nothing) is no change: it saves."""
        response = self.post_account(
            self.contact_user,
            phone="0905222333",
            idic_birthday="1990-05-06",
            idic_founding_date="2001-02-03",
            industry_id=str(self.industry_old.id),
            idic_purchaser_name="",
            idic_purchaser_email="",
        )
        self.assertSaved(response)
        self.env.invalidate_all()
        self.assertEqual(self.contact.phone, "0905222333")
        self.assertEqual(str(self.contact.idic_birthday), "1990-05-06")
        self.assertCompanyUntouched()

    def test_contact_form_shows_no_company_fields(self):
        self.authenticate(self.contact_user.login, PASSWORD)
        page = self.url_open("/my/account").text
        self.assertIn('name="idic_birthday"', page)
        self.assertNotIn("Your company", page)
        for name in ("idic_founding_date", "industry_id", "idic_purchaser_name"):
            self.assertNotIn(f'name="{name}"', page)
        self.assertNotIn("director@idic-portal.vn", page)

    def test_company_form_shows_company_fields_sorted_and_no_assessment(self):
        self.env["res.partner.industry"].create({"name": "IDIC portal Aquaculture"})
        self.company.idic_credit_standing = "poor"
        self.authenticate(self.company_user.login, PASSWORD)
        page = self.url_open("/my/account").text
        self.assertIn("Your company", page)
        self.assertNotIn('name="idic_birthday"', page)
        for name in ("idic_founding_date", "industry_id", "idic_purchaser_name"):
            self.assertIn(f'name="{name}"', page)
        tree = html.fromstring(page)
        options = tree.xpath("//select[@name='industry_id']/option")
        labels = [o.text_content().strip() for o in options if o.get("value")]
        # created in the reverse order of their names
        ours = [label for label in labels if label.startswith("IDIC portal ")]
        self.assertEqual(
            ours, ["IDIC portal Aquaculture", "IDIC portal Telecom", "IDIC portal Wholesale"]
        )
        selected = tree.xpath("//select[@name='industry_id']/option[@selected]")
        self.assertEqual([o.get("value") for o in selected], [str(self.industry_old.id)])
        # the decision maker is another user's partner: the form does not offer to edit it
        self.assertNotIn("director@idic-portal.vn", page)
        names = set(tree.xpath("//form[@action='/my/account']//*[@name]/@name"))
        self.assertFalse(
            {n for n in names if n.startswith("idic_")}
            - {
                "idic_founding_date",
                "idic_purchaser_name",
                "idic_purchaser_email",
                "idic_purchaser_phone",
            }
        )
        for assessment in ("Credit standing", "Segment", "Score", "Lapse"):
            self.assertNotIn(assessment, page)

    def test_company_user_sets_founding_date_industry_and_purchaser(self):
        response = self.post_account(
            self.company_user,
            idic_founding_date="1995-04-30",
            industry_id=str(self.industry_new.id),
            idic_purchaser_name="Nguyen Mua Hang",
            idic_purchaser_email="muahang@idic-portal.vn",
            idic_purchaser_phone="+84 905 123 456",
        )
        self.assertSaved(response)
        self.env.invalidate_all()
        self.assertEqual(str(self.company.idic_founding_date), "1995-04-30")
        self.assertEqual(self.company.industry_id, self.industry_new)
        # the existing decision maker is another user's partner: a new contact is made
        makers = self.decision_makers()
        new = makers - self.maker
        self.assertEqual(len(new), 1)
        self.assertEqual(new.name, "Nguyen Mua Hang")
        self.assertEqual(new.email, "muahang@idic-portal.vn")
        self.assertEqual(new.phone, "+84 905 123 456")
        self.assertEqual(self.maker.email, "director@idic-portal.vn")
        self.assertEqual(self.maker.name, "Le Giam Doc")

        # saving again edits that contact, it creates no other one
        response = self.post_account(
            self.company_user,
            idic_purchaser_name="Nguyen Mua Hang",
            idic_purchaser_email="muahang2@idic-portal.vn",
            idic_purchaser_phone="",
        )
        self.assertSaved(response)
        self.assertEqual(self.decision_makers(), self.maker | new)
        self.assertEqual(new.email, "muahang2@idic-portal.vn")
        self.assertFalse(new.phone)
        self.assertEqual(self.maker.email, "director@idic-portal.vn")

    def test_purchaser_never_overwrites_archived_users_partner(self):
        self.maker_user.active = False
        response = self.post_account(
            self.company_user,
            idic_purchaser_name="Nguyen Mua Hang",
            idic_purchaser_email="muahang@idic-portal.vn",
        )
        self.assertSaved(response)
        self.assertEqual(len(self.decision_makers() - self.maker), 1)
        self.assertEqual(self.maker.email, "director@idic-portal.vn")
        self.assertEqual(self.maker.name, "Le Giam Doc")

    def test_purchaser_edits_decision_maker_without_user(self):
        self.maker.idic_buying_role = "influencer"
        buyer = self.env["res.partner"].create(
            {
                "name": "Old Buyer",
                "email": "old@idic-portal.vn",
                "parent_id": self.company.id,
                "idic_buying_role": "decision_maker",
            }
        )
        response = self.post_account(
            self.company_user,
            idic_purchaser_name="New Buyer",
            idic_purchaser_email="new@idic-portal.vn",
        )
        self.assertSaved(response)
        self.assertEqual(self.decision_makers(), buyer)
        self.assertEqual(buyer.name, "New Buyer")
        self.assertEqual(buyer.email, "new@idic-portal.vn")


@tagged("post_install", "-at_install")
class TestPortalInput(PortalAccountCase):
    """Bad input comes back as a form error, never as a server error, and writes nothing."""

    def assertRefused(self, user, message, **extra):
        # a change of the user's own phone is posted with the bad input: it must not be saved
        response = self.post_account(user, phone="0999000999", **extra)
        self.assertFormError(response, message)
        self.env.invalidate_all()
        self.assertEqual(user.partner_id.phone, "0905000111")
        self.assertFalse(self.contact.idic_birthday)
        self.assertCompanyUntouched()

    def test_bad_industry(self):
        for value in ("²", "٣", "abc", "99999999999", "2147483648", "-1", "0", "1.5", "1e3"):
            with self.subTest(industry_id=value):
                self.assertRefused(self.company_user, BAD_INDUSTRY, industry_id=value)

    def test_archived_industry(self):
        self.industry_new.active = False
        self.assertRefused(self.company_user, BAD_INDUSTRY, industry_id=str(self.industry_new.id))

    def test_bad_founding_date(self):
        future = (date.today() + timedelta(days=2)).isoformat()
        for value in (
            "0001-01-01",
            "1850-01-01",
            "1899-12-31",
            "2026-13-45",
            future,
            "abc",
            "2020-01-01junk",
            "\uff12\uff10\uff12\uff10-01-01",  # full-width digits
        ):
            with self.subTest(idic_founding_date=value):
                self.assertRefused(self.company_user, BAD_FOUNDING, idic_founding_date=value)

    def test_bad_birthday(self):
        future = (date.today() + timedelta(days=2)).isoformat()
        for value in ("0001-01-01", "1850-01-01", "2026-13-45", future, "31/12/1990"):
            with self.subTest(idic_birthday=value):
                self.assertRefused(self.contact_user, BAD_BIRTHDAY, idic_birthday=value)

    def test_bad_purchaser_name(self):
        self.assertRefused(self.company_user, BAD_NAME, idic_purchaser_name="N" * 500)

    def test_bad_purchaser_phone(self):
        for value in ("0" * 100, "call me maybe", "0905<script>"):
            with self.subTest(idic_purchaser_phone=value):
                self.assertRefused(
                    self.company_user,
                    BAD_PHONE,
                    idic_purchaser_name="Nguyen Mua Hang",
                    idic_purchaser_phone=value,
                )

    def test_bad_purchaser_email(self):
        for value in ("not-an-email", "a@b", "x" * 250 + "@idic-portal.vn"):
            with self.subTest(idic_purchaser_email=value):
                self.assertRefused(
                    self.company_user,
                    BAD_EMAIL,
                    idic_purchaser_name="Nguyen Mua Hang",
                    idic_purchaser_email=value,
                )

    def test_good_dates_at_the_bounds(self):
        response = self.post_account(self.contact_user, idic_birthday="1900-01-01")
        self.assertSaved(response)
        self.env.invalidate_all()
        self.assertEqual(str(self.contact.idic_birthday), "1900-01-01")
