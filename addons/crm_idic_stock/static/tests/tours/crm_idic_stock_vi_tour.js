import { registry } from "@web/core/registry";

// A warehouse clerk working in Vietnamese: the loyal customer's delivery is marked
// "priority supply" in the transfers list, the filter of that name keeps it alone, and
// its form says why it is urgent (a level-3 customer) under Odoo's star.
registry.category("web_tour.tours").add("crm_idic_stock_vi_tour", {
    steps: () => [
        {
            content: "The transfers list has a column 'Ưu tiên cung ứng'",
            trigger: ".o_list_table th:contains(Ưu tiên cung ứng)",
        },
        {
            content: "Both customers' deliveries are listed",
            trigger: ".o_data_row:contains(Công ty Trung Thành) ~ .o_data_row:contains(Cửa hàng Mới), .o_data_row:contains(Cửa hàng Mới) ~ .o_data_row:contains(Công ty Trung Thành)",
        },
        {
            content: "Open the filters",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Keep the transfers of priority supply",
            trigger: ".o_filter_menu .dropdown-item:contains(Ưu tiên cung ứng)",
            run: "click",
        },
        {
            content: "The loyal customer's delivery stays...",
            trigger: ".o_data_row:contains(Công ty Trung Thành)",
        },
        {
            content: "...alone",
            trigger: ".o_list_table:not(:has(.o_data_row:contains(Cửa hàng Mới)))",
        },
        {
            content: "Open it",
            trigger: ".o_data_row:contains(Công ty Trung Thành) td.o_data_cell",
            run: "click",
        },
        {
            content: "The form says why it is urgent",
            trigger: ".o_form_view div[name=idic_priority_supply_badge]:contains(Ưu tiên cung ứng (khách hàng cấp 3))",
        },
        {
            content: "...under Odoo's star",
            trigger: ".o_form_view .o_field_widget[name=priority] .fa-star",
        },
    ],
});
