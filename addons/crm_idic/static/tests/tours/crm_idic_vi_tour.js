import { registry } from "@web/core/registry";

// A salesperson working in Vietnamese: the customer's IDIC tab reads its 12 months of
// revenue in đồng with dots between thousands, and a quotation of this loyal customer
// in segment D says why it is a priority order.
registry.category("web_tour.tours").add("crm_idic_vi_tour", {
    steps: () => [
        {
            content: "The customer's IDIC tab",
            trigger: ".o_notebook .nav-link:contains(IDIC)",
            run: "click",
        },
        {
            content: "The revenue of the last 12 months, labelled in Vietnamese",
            trigger: ".o_form_view label:contains(Doanh thu (12 tháng))",
        },
        {
            content: "...in đồng, with dots between thousands",
            trigger: ".o_field_widget[name=idic_revenue_12m]:contains(1.250.000):contains(₫)",
        },
        {
            content: "Open the customer's orders",
            trigger: ".oe_stat_button[name=action_view_sale_order]",
            run: "click",
        },
        {
            content: "Open the quotation (2.500.000 ₫)",
            trigger: ".o_data_row:contains(2.500.000) td.o_data_cell",
            run: "click",
        },
        {
            content: "The customer's segment and its policy on the quotation",
            trigger: ".alert[name=idic_policy_banner]:contains(Tiêu chuẩn):contains(Dịch vụ tiêu chuẩn chi phí thấp)",
        },
        {
            content: "Why this order of a segment-D customer is a priority: a loyal customer",
            trigger: ".alert[name=idic_policy_banner] .badge:contains(Đơn hàng ưu tiên:):contains(khách hàng trung thành):contains(cấp độ 3)",
        },
    ],
});
