import re

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import IdicCase


@tagged("post_install", "-at_install")
class TestCompleteness(IdicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env["crm.idic.completeness.rule"]
        Rule.create(
            [
                {"company_id": cls.company.id, "field_name": "phone"},
                {"company_id": cls.company.id, "field_name": "email"},
                {"company_id": cls.company.id, "customer_group": "dealer", "field_name": "vat"},
                {
                    "company_id": cls.company.id,
                    "customer_group": "dealer",
                    "field_name": "idic_decision_maker_id",
                },
            ]
        )

    def test_completeness_per_group(self):
        dealer = self.make_customer("Dealer", idic_customer_group="dealer", phone="0905111222")
        self.assertEqual(dealer.idic_profile_completeness, 25.0)
        # names are stored, labels are shown in the reader's language
        self.assertEqual(dealer.idic_missing_field_names, "email,vat,idic_decision_maker_id")
        self.assertIn("Email", dealer.idic_missing_fields)
        self.assertIn("Decision maker", dealer.idic_missing_fields)
        dealer.write({"email": "dealer@example.vn", "vat": "0401234567"})
        self.assertEqual(dealer.idic_profile_completeness, 75.0)
        self.env["res.partner"].create(
            {"name": "Boss", "parent_id": dealer.id, "idic_buying_role": "decision_maker"}
        )
        self.assertEqual(dealer.idic_decision_maker_id.name, "Boss")
        self.assertEqual(dealer.idic_profile_completeness, 100.0)
        self.assertFalse(dealer.idic_missing_fields)
        # an individual only needs the common fields
        person = self.make_customer("Person", is_company=False, phone="1", email="p@x.vn")
        self.assertEqual(person.idic_profile_completeness, 100.0)

    def test_incomplete_filter_and_analysis(self):
        dealer = self.make_customer("Dealer", idic_customer_group="dealer")
        found = self.env["res.partner"].search(
            [("parent_id", "=", False), ("idic_profile_completeness", "<", 100)]
        )
        self.assertIn(dealer, found)
        groups = self.env["res.partner"]._read_group(
            [("company_id", "=", self.company.id), ("parent_id", "=", False)],
            [],
            ["idic_profile_completeness:avg", "__count"],
        )
        self.assertEqual(groups[0][1], 1)

    def test_rule_naming_a_missing_field(self):
        with self.assertRaisesRegex(ValidationError, "no field named 'shoe_size'"):
            self.env["crm.idic.completeness.rule"].create(
                {"company_id": self.company.id, "field_name": "shoe_size"}
            )

    def test_cron_rates_every_profile(self):
        partner = self.make_customer("Late", idic_customer_group="individual")
        partner.with_context(idic_skip_completeness=True).write(
            {"idic_profile_completeness": 0, "phone": "0905", "email": "late@x.vn"}
        )
        self.env["res.partner"]._cron_idic_completeness()
        self.assertEqual(partner.idic_profile_completeness, 100.0)


@tagged("post_install", "-at_install")
class TestProfileValidation(IdicCase):
    def test_birthday_in_the_future(self):
        partner = self.make_customer("Person", is_company=False)
        with self.assertRaisesRegex(ValidationError, "cannot be in the future"):
            partner.idic_birthday = self.years_ago(-1, self.today)
            self.env.flush_all()

    def test_satisfaction_outside_1_to_5(self):
        partner = self.make_customer()
        for bad in (6, -1):
            with self.assertRaisesRegex(ValidationError, "from 1 to 5"):
                partner.idic_supplier_satisfaction = bad
                self.env.flush_all()
        partner.idic_supplier_satisfaction = 4
        self.assertEqual(partner.idic_supplier_satisfaction, 4)

    def test_location_scope(self):
        vn = self.env.ref("base.vn")
        dn = self.env.ref("base.state_vn_VN-DN")
        hn = self.env.ref("base.state_vn_VN-HN")
        self.company.partner_id.write({"country_id": vn.id, "state_id": dn.id})
        local = self.make_customer("Local", country_id=vn.id, state_id=dn.id)
        other = self.make_customer("Other", country_id=vn.id, state_id=hn.id)
        abroad = self.make_customer("Abroad", country_id=self.env.ref("base.fr").id)
        self.assertEqual(local.idic_location_scope, "local")
        self.assertEqual(other.idic_location_scope, "other_province")
        self.assertEqual(abroad.idic_location_scope, "international")


@tagged("post_install", "-at_install")
class TestDuplicates(IdicCase):
    def test_flag_partners_sharing_a_key(self):
        a = self.make_customer("A", vat="VN 0401-234567")
        b = self.make_customer("B", vat="0401234567")
        c = self.make_customer("C", phone="+84 912 345 987")
        d = self.make_customer("D", mobile="0912-345-987")
        e = self.make_customer("E", email="Sales@Example.vn")
        f = self.make_customer("F", email="sales@example.vn")
        alone = self.make_customer("G", vat="0409999999", phone="0911000000")
        flagged = self.env["res.partner"]._idic_flag_duplicates()
        for partner in (a, b, c, d, e, f):
            self.assertIn(partner.id, flagged, partner.name)
            self.assertTrue(partner.idic_is_duplicate, partner.name)
        self.assertFalse(alone.idic_is_duplicate)
        # computed when read, like on a form: a fresh cache as in a new request
        self.env.invalidate_all()
        self.assertEqual(a.idic_duplicate_ids, b)
        self.assertEqual(c.idic_duplicate_ids, d)
        # once merged away, the flag is cleared
        b.active = False
        self.env["res.partner"]._idic_flag_duplicates()
        self.assertFalse(a.idic_is_duplicate)

    def test_merge_action_opens_odoo_wizard(self):
        a = self.make_customer("A", vat="0401234567")
        b = self.make_customer("B", vat="0401234567")
        self.env.invalidate_all()
        action = a.action_idic_merge_duplicates()
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        self.assertEqual(set(action["context"]["active_ids"]), {a.id, b.id})


@tagged("post_install", "-at_install")
class TestPortalSelfIdentification(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.industry = cls.env["res.partner.industry"].create({"name": "Telecom"})
        cls.company_partner = cls.env["res.partner"].create(
            {"name": "Portal Customer Co", "is_company": True}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="idic_portal",
            password="idic_portal_pw1",
            groups="base.group_portal",
        )
        cls.portal_user.partner_id.write(
            {
                "parent_id": cls.company_partner.id,
                "email": "buyer@portal.vn",
                "phone": "0905000111",
                "street": "1 Le Loi",
                "city": "Da Nang",
                "country_id": cls.env.ref("base.vn").id,
            }
        )

    def _post(self, **extra):
        form = self.url_open("/my/account").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        partner = self.portal_user.partner_id
        data = {
            "name": partner.name,
            "email": partner.email,
            "phone": partner.phone,
            "street": partner.street,
            "city": partner.city,
            "country_id": str(partner.country_id.id),
            "csrf_token": token,
            **extra,
        }
        return self.url_open("/my/account", data=data)

    def test_customer_completes_own_profile(self):
        self.authenticate("idic_portal", "idic_portal_pw1")
        response = self._post(
            idic_founding_date="2005-03-15",
            industry_id=str(self.industry.id),
            idic_purchaser_name="Nguyen Mua Hang",
            idic_purchaser_email="muahang@portal.vn",
        )
        self.assertEqual(response.status_code, 200)
        company = self.company_partner
        company.invalidate_recordset()
        self.assertEqual(str(company.idic_founding_date), "2005-03-15")
        self.assertEqual(company.industry_id, self.industry)
        self.assertEqual(company.idic_decision_maker_id.name, "Nguyen Mua Hang")
        self.assertEqual(company.idic_decision_maker_id.email, "muahang@portal.vn")

    def test_future_date_is_refused_and_nothing_written(self):
        self.authenticate("idic_portal", "idic_portal_pw1")
        response = self._post(idic_founding_date="2999-01-01", industry_id=str(self.industry.id))
        self.assertIn("cannot be in the future", response.text)
        self.company_partner.invalidate_recordset()
        self.assertFalse(self.company_partner.idic_founding_date)
        self.assertFalse(self.company_partner.industry_id)

    def test_form_shows_the_profile_fields(self):
        self.authenticate("idic_portal", "idic_portal_pw1")
        response = self.url_open("/my/account")
        self.assertIn('name="idic_founding_date"', response.text)
        self.assertIn('name="idic_purchaser_name"', response.text)
