import {
    companyMeasureVi,
    measureOfVi,
    openAllMeasuresVi,
    openComputedPeriodVi,
    openMeasureGroupVi,
} from "@crm_evaluation/../tests/tours/evaluation_vi_tour_utils";
import { registry } from "@web/core/registry";

// The CRM committee member, in Vietnamese, reads the ticket measures of November: counts
// without decimals, hours and ratings with a decimal comma, shares in per cent; then
// the same for the customers of segment A.
const measures = [
    ["Khiếu nại đã mở", "4"],
    ["Khiếu nại đã đóng", "3"],
    ["Thời gian giải quyết phiếu trung bình (giờ)", "6"],
    ["Thời gian giải quyết phiếu phân vị 90 (giờ)", "10,20"],
    ["Phiếu giải quyết đúng hạn (%)", "75,0 %"],
    ["Đánh giá phiếu hỗ trợ (1-5)", "3,50"],
    ["Đánh giá phiếu hỗ trợ hài lòng (%)", "50,0 %"],
];

registry.category("web_tour.tours").add("crm_evaluation_helpdesk_vi_tour", {
    steps: () => [
        ...openComputedPeriodVi("Tháng 11/2026"),
        ...measures.map(([measure, value]) => companyMeasureVi(measure, value)),
        ...openAllMeasuresVi("Tháng 11/2026"),
        openMeasureGroupVi("Phân khúc"),
        openMeasureGroupVi("Phiếu giải quyết đúng hạn (%)"),
        measureOfVi("Phiếu giải quyết đúng hạn (%)", "A - Chiến lược", "75,0 %"),
        openMeasureGroupVi("Đánh giá phiếu hỗ trợ (1-5)"),
        measureOfVi("Đánh giá phiếu hỗ trợ (1-5)", "A - Chiến lược", "3,50"),
    ],
});
