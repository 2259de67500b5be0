import { openIdicApp, openIdicMenu } from "@crm_idic/../tests/tours/tour_utils";
import { registry } from "@web/core/registry";

// The evaluation manager (CRM committee), working in Vietnamese: the board dashboard
// reads numbers the Vietnamese way, a period is locked after a confirmation and its
// fields are read-only afterwards.
registry.category("web_tour.tours").add("crm_evaluation_vi_tour", {
    steps: () => [
        ...openIdicApp(),
        ...openIdicMenu("crm_evaluation.menu_evaluation_root", "crm_evaluation.menu_evaluation_dashboard", {
            sectionText: "Đánh giá",
            itemText: "Bảng điều khiển ban lãnh đạo",
        }),
        {
            content: "The retention rate of the latest approved month, with a decimal comma",
            trigger: '.o_kanban_record:contains("Tỷ lệ giữ chân"):contains("Tháng 11/2026"):contains("80,0 %")',
        },
        {
            content: "Its change against the month before, a rise painted as good news",
            trigger: '.o_kanban_record:contains("Tỷ lệ giữ chân") .text-success:contains("+5,0 %")',
        },
        {
            content: "The revenue in đồng, with dots between thousands",
            trigger: '.o_kanban_record:contains("Doanh thu"):contains("1.250.000.000"):contains("₫")',
        },
        ...openIdicMenu("crm_evaluation.menu_evaluation_root", "crm_evaluation.menu_evaluation_periods", {
            itemText: "Các kỳ",
        }),
        {
            content: "Open the approved November",
            trigger: '.o_list_view .o_data_row td[name=name]:contains("Tháng 11/2026")',
            run: "click",
        },
        {
            content: "Approved, in Vietnamese",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Đã phê duyệt)",
        },
        {
            content: "The company's measures read the Vietnamese way",
            trigger: '.o_field_widget[name=total_line_ids] .o_data_row:contains("Tỷ lệ giữ chân") td[name=value_text]:contains("80,0 %")',
        },
        {
            content: "Lock it",
            trigger: ".o_form_view button[name=action_lock]:contains(Khóa)",
            run: "click",
        },
        {
            content: "Locking asks first, in Vietnamese; confirm",
            trigger: '.modal:contains("Khóa kỳ này?") .modal-footer .btn-primary',
            run: "click",
        },
        {
            content: "Locked",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Đã khóa)",
        },
        {
            content: "Its name can no longer be edited",
            trigger: ".o_field_widget[name=name].o_readonly_modifier:not(:has(input))",
        },
        {
            content: "Open the committee's conclusions",
            trigger: ".o_notebook_headers a.nav-link[name=conclusions]",
            run: "click",
        },
        {
            content: "Nor its conclusions",
            trigger: ".o_field_widget[name=note].o_readonly_modifier",
        },
    ],
});
