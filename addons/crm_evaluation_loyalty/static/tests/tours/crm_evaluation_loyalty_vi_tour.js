import {
    companyMeasureVi,
    measureOfVi,
    openAllMeasuresVi,
    openComputedPeriodVi,
    openMeasureGroupVi,
} from "@crm_evaluation/../tests/tours/evaluation_vi_tour_utils";
import { registry } from "@web/core/registry";

// The CRM committee member, in Vietnamese, reads the loyalty measures of November:
// whole points with dots between thousands, the members of each rank by its
// Vietnamese name (the period was computed in English).
const members = "Thành viên khách hàng thân thiết";

registry.category("web_tour.tours").add("crm_evaluation_loyalty_vi_tour", {
    steps: () => [
        ...openComputedPeriodVi("Tháng 11/2026"),
        companyMeasureVi("Điểm tích lũy đã cấp", "1.250"),
        companyMeasureVi("Điểm tích lũy đã đổi", "300"),
        companyMeasureVi("Điểm tích lũy hết hạn", "30"),
        companyMeasureVi(members, "2"),
        ...openAllMeasuresVi("Tháng 11/2026"),
        openMeasureGroupVi("Hạng thành viên"),
        openMeasureGroupVi(members),
        measureOfVi(members, "Thành viên", "1"),
        measureOfVi(members, "Bạc", "1"),
        measureOfVi(members, "Vàng", "0"),
    ],
});
