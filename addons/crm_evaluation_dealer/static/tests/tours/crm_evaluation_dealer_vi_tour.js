import {
    companyMeasureVi,
    measureOfVi,
    openAllMeasuresVi,
    openComputedPeriodVi,
    openMeasureGroupVi,
} from "@crm_evaluation/../tests/tours/evaluation_vi_tour_utils";
import { registry } from "@web/core/registry";

// The CRM committee member, in Vietnamese, reads the dealer measures of November:
// revenue in đồng with dots between thousands, compliance rates with a decimal comma,
// each tier by its Vietnamese name (the period was computed in English).
const compliance = "Tỷ lệ đại lý tuân thủ (%)";

registry.category("web_tour.tours").add("crm_evaluation_dealer_vi_tour", {
    steps: () => [
        ...openComputedPeriodVi("Tháng 11/2026"),
        companyMeasureVi("Doanh thu", "700.000.000 ₫"),
        companyMeasureVi("Đại lý", "4"),
        companyMeasureVi(compliance, "50,0 %"),
        ...openAllMeasuresVi("Tháng 11/2026"),
        openMeasureGroupVi("Cấp đại lý"),
        openMeasureGroupVi("Doanh thu"),
        measureOfVi("Doanh thu", "Nhà phân phối", "400.000.000 ₫"),
        measureOfVi("Doanh thu", "Đại lý cấp 1", "250.000.000 ₫"),
        measureOfVi("Doanh thu", "Đại lý cấp 2", "0 ₫"),
        openMeasureGroupVi(compliance),
        measureOfVi(compliance, "Nhà phân phối", "100,0 %"),
        measureOfVi(compliance, "Đại lý cấp 1", "50,0 %"),
        measureOfVi(compliance, "Đại lý cấp 2", "0,0 %"),
    ],
});
