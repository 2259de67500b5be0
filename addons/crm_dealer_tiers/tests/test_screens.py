"""What the dealer screens show: the contract as it prints, the rebate report's rows and
the parent-dealer picker, read as the users concerned."""

from datetime import date, datetime

from lxml import etree
from lxml import html as lxml_html

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import DealerCase


def words(markup):
    """The text of an HTML page, its spaces (non-breaking ones too) collapsed."""
    return " ".join(lxml_html.fromstring(markup).text_content().split())


@tagged("post_install", "-at_install")
class TestContractPrint(DealerCase):
    def test_contract_carries_both_parties_and_its_terms_the_readers_way(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_dealer_tiers"], ["vi_VN"], overwrite=True
        )
        self.company.write({"vat": "0401234567", "street": "12 Lê Duẩn", "city": "Đà Nẵng"})
        self.l1.write({"discount_pct": 8, "rebate_pct": 2.5, "yearly_target": 2_500_000_000})
        app = self.approved()
        app.partner_id.write(
            {"vat": "0409876543", "street": "45 Hùng Vương", "city": "Huế", "lang": "vi_VN"}
        )
        contract = self.as_user(self.manager, app.contract_id)
        contract.write(
            {
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "note": "<p>Thanh toán trong 30 ngày kể từ ngày giao hàng.</p>",
            }
        )
        Report = self.as_user(self.manager, self.env["ir.actions.report"])
        markup, kind = Report.with_context(lang="vi_VN")._render_qweb_html(
            "crm_dealer_tiers.action_report_dealer_contract", contract.ids
        )
        self.assertEqual(kind, "html")
        text = words(markup)
        for expected in (
            "HỢP ĐỒNG ĐẠI LÝ",
            contract.name,
            # both parties: names, addresses, tax codes
            "Dealer Test Company",
            "Cửa hàng Minh Phát",
            "12 Lê Duẩn",
            "45 Hùng Vương",
            "Mã số thuế",
            "0401234567",
            "0409876543",
            # the yearly target in the company currency, Vietnamese separators
            "2.500.000.000 ₫",
            # decimals the Vietnamese way
            "8,0 %",
            "2,5 %",
            # the term, the tier and the terms text
            "01/01/2026",
            "31/12/2026",
            "Level-1 T",
            "Thanh toán trong 30 ngày kể từ ngày giao hàng.",
        ):
            self.assertIn(expected, text)
        for english in ("8.0", "2.5 ", "2026-01-01", "DEALER CONTRACT"):
            self.assertNotIn(english, text)

    def test_preview_shows_the_contract_in_the_browser(self):
        app = self.approved()
        action = self.as_user(self.sales, app.contract_id).action_preview()
        self.assertEqual(action["report_type"], "qweb-html")
        self.assertEqual(action["report_name"], "crm_dealer_tiers.report_dealer_contract")


@tagged("post_install", "-at_install")
class TestRebateReportScreens(DealerCase):
    def test_rows_are_dealers_only_in_the_company_currency(self):
        product = self.env["product.product"].create({"name": "Router R", "type": "consu"})
        dealer = self.make_dealer("Rebate dealer", self.dist)
        Partner = self.env["res.partner"]
        customer = Partner.create(
            {"name": "Ordinary shop", "is_company": True, "company_id": self.company.id}
        )
        # in the dealer group but never given a tier (no contract activated): not a dealer
        waiting = Partner.create(
            {
                "name": "Waiting shop",
                "is_company": True,
                "company_id": self.company.id,
                "idic_customer_group": "dealer",
            }
        )
        when = datetime(self.today.year, 1, 2, 9)
        for partner in (dealer, customer, waiting):
            self.make_order(partner, product, 1_000_000, when)
        self.env.flush_all()
        Report = self.as_user(self.manager, self.env["crm.dealer.rebate.report"])
        rows = Report.search([("partner_id", "in", (dealer | customer | waiting).ids)])
        self.assertEqual(rows.partner_id, dealer)
        self.assertEqual(rows.rebate_amount, 30_000)
        self.assertEqual(rows.currency_id, self.env.ref("base.VND"))
        # the list opens first, its money with the currency; the pivot one measure a year
        action = self.env.ref("crm_dealer_tiers.action_dealer_rebate_report")
        self.assertEqual(action.view_mode.split(",")[0], "list")
        views = Report.get_views([(False, "list"), (False, "pivot")])["views"]
        listed = etree.fromstring(views["list"]["arch"])
        self.assertTrue(listed.xpath("//field[@name='currency_id']"))
        self.assertEqual(Report._fields["rebate_amount"].get_currency_field(Report), "currency_id")
        pivot = etree.fromstring(views["pivot"]["arch"])
        # one measure a year, in the company currency (the JS formatter of that name)
        self.assertEqual(
            pivot.xpath("//field[@type='measure']/@widget"), ["crm_dealer_company_monetary"]
        )


@tagged("post_install", "-at_install")
class TestParentPicker(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.top = cls.make_dealer("Picker distributor", cls.dist)
        cls.agent = cls.make_dealer("Picker agent", cls.l1, parent=cls.top)
        cls.small = cls.make_dealer("Picker small", cls.l2, parent=cls.agent)
        cls.other_agent = cls.make_dealer("Picker other agent", cls.l1)
        cls.customer = cls.env["res.partner"].create(
            {"name": "Picker customer", "is_company": True, "company_id": cls.company.id}
        )
        cls.ours = cls.top | cls.agent | cls.small | cls.other_agent | cls.customer

    def offered(self, model, field_name, values):
        """The names the picker of ``field_name`` offers on a record of ``values``, as
        the salesperson: the field's domain and context, as the form sends them."""
        Model = self.as_user(self.sales, self.env[model])
        field = Model.fields_get([field_name])[field_name]
        domain = [*safe_eval(field["domain"], values), ("id", "in", self.ours.ids)]
        context = field.get("context") or {}
        found = Model.env["res.partner"].with_context(**context).name_search("", domain)
        return sorted(name for _id, name in found)

    def test_partner_picker_offers_higher_dealers_with_their_tier(self):
        offered = self.offered(
            "res.partner", "dealer_parent_id", {"id": self.small.id, "dealer_tier_rank": 3}
        )
        self.assertEqual(
            offered,
            [
                "Picker agent (Level-1 T)",
                "Picker distributor (Distributor T)",
                "Picker other agent (Level-1 T)",
            ],
        )
        # a level-1 agent: the distributors only
        offered = self.offered(
            "res.partner", "dealer_parent_id", {"id": self.agent.id, "dealer_tier_rank": 2}
        )
        self.assertEqual(offered, ["Picker distributor (Distributor T)"])
        # a dealer still without a tier: any dealer that may have sub-dealers
        offered = self.offered(
            "res.partner", "dealer_parent_id", {"id": False, "dealer_tier_rank": 0}
        )
        self.assertEqual(len(offered), 3)
        self.assertNotIn("Picker small (Level-2 T)", offered)
        # elsewhere a dealer reads by its name alone
        self.assertEqual(self.as_user(self.sales, self.top).display_name, "Picker distributor")

    def test_application_picker_offers_dealers_that_may_have_sub_dealers(self):
        offered = self.offered(
            "crm.dealer.application", "parent_dealer_id", {"company_id": self.company.id}
        )
        self.assertEqual(
            offered,
            [
                "Picker agent (Level-1 T)",
                "Picker distributor (Distributor T)",
                "Picker other agent (Level-1 T)",
            ],
        )

    def test_forms_ask_for_the_tiers(self):
        for model, field_name in (
            ("res.partner", "dealer_parent_id"),
            ("crm.dealer.application", "parent_dealer_id"),
        ):
            Model = self.as_user(self.manager, self.env[model])
            arch = etree.fromstring(Model.get_views([(False, "form")])["views"]["form"]["arch"])
            node = arch.xpath(f"//field[@name='{field_name}']")[0]
            self.assertIn("dealer_show_tier", node.get("context", ""), model)
