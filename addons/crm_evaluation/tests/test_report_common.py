"""Shared data of the report tests: a company with two periods whose snapshot lines are
written as the compute writes them (as superuser), and the users who read them."""

from datetime import date

from odoo.tests import new_test_user


class ReportData:
    @classmethod
    def _report_setup(cls):
        cls.company = cls.env["res.company"].create({"name": "Reported Co"})
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.analyst = new_test_user(
            cls.env, "rep_analyst", groups="crm_evaluation.group_evaluation_user", **common
        )
        cls.committee = new_test_user(
            cls.env, "rep_committee", groups="crm_evaluation.group_evaluation_committee", **common
        )
        cls.employee = new_test_user(cls.env, "rep_employee", groups="base.group_user", **common)
        cls.seller = new_test_user(
            cls.env, "rep_seller", groups="sales_team.group_sale_salesman", **common
        )
        Segment = cls.env["crm.idic.segment"].with_company(cls.company)
        cls.seg_a = Segment.create(
            {"name": "Key accounts", "code": "RA", "min_score": 90, "company_id": cls.company.id}
        )
        cls.seg_b = Segment.create(
            {"name": "Growing", "code": "RB", "min_score": 80, "company_id": cls.company.id}
        )
        Period = cls.env["crm.evaluation.period"].with_company(cls.company)
        cls.october = Period.create(
            {"name": "October 2026", "date_from": date(2026, 10, 1), "company_id": cls.company.id}
        )
        cls.november = Period.create(
            {"name": "November 2026", "date_from": date(2026, 11, 1), "company_id": cls.company.id}
        )
        cls._snapshot(cls.october, revenue=800_000_000, retention=75.0, seg_a=500_000_000)
        cls._snapshot(cls.november, revenue=1_250_000_000, retention=80.0, seg_a=900_000_000)

    @classmethod
    def _snapshot(cls, period, revenue, retention, seg_a):
        """Lines as ``_evaluation_compute`` stores them, and the period computed."""
        line = period._evaluation_line
        lines = [
            line("revenue", revenue),
            line("buying_customers", 25),
            line("retention_rate", retention, numerator=retention, denominator=100),
            line("revenue", seg_a, dimension="segment", segment_id=cls.seg_a.id),
            line("revenue", revenue - seg_a, dimension="segment", segment_id=cls.seg_b.id),
            line("buying_customers", 5, dimension="segment", segment_id=cls.seg_a.id),
            line("revenue", revenue, dimension="salesperson", user_id=cls.seller.id),
        ]
        cls.env["crm.evaluation.line"].create([{**vals, "period_id": period.id} for vals in lines])
        period._idic_system().write({"state": "computed", "computed_date": "2026-12-01 08:00:00"})
