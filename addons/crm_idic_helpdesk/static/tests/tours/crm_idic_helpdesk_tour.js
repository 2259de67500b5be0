import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_idic_helpdesk_ticket_tour", {
    steps: () => [
        {
            content: "The customer's segment at opening is shown on the ticket",
            trigger: ".o_field_widget[name=idic_segment_id]:contains(A - )",
        },
        {
            content: "The service level of segment A is shown",
            trigger: ".o_field_widget[name=idic_service_hours]:contains(8)",
        },
        {
            content: "The resolution deadline is shown",
            trigger: ".o_field_widget[name=idic_deadline]:not(:empty)",
        },
        {
            content: "Mark the ticket as a complaint",
            trigger: ".o_field_widget[name=idic_is_complaint] input",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});

// A helpdesk user in Vietnamese: helpdesk_mgmt's screens read Vietnamese (the terms of
// i18n_extra/vi.po), the list shows the customer and marks the overdue ticket, and a
// new ticket's breadcrumb reads "Phiếu hỗ trợ mới", not "/ - False".
registry.category("web_tour.tours").add("crm_idic_helpdesk_list_vi_tour", {
    steps: () => [
        {
            content: "The Helpdesk app is named in Vietnamese",
            trigger: ".o_main_navbar .o_menu_brand:contains(Hỗ trợ)",
        },
        {
            content: "The tickets action is named in Vietnamese",
            trigger: ".o_breadcrumb:contains(Phiếu hỗ trợ)",
        },
        {
            content: "The customer column, labelled in Vietnamese",
            trigger: ".o_list_view th[data-name=partner_id]:contains(Khách hàng)",
        },
        {
            content: "The stage column, labelled in Vietnamese",
            trigger: ".o_list_view th[data-name=stage_id]:contains(Giai đoạn)",
        },
        {
            content: "The overdue ticket is red and shows its customer",
            trigger:
                ".o_data_row.text-danger:has(td[name=name]:contains(VN tour overdue ticket)) td[name=partner_id]:contains(VN tour customer)",
        },
        {
            content: "A ticket within its deadline is not red",
            trigger: ".o_data_row:not(.text-danger):has(td[name=name]:contains(VN tour fresh ticket))",
        },
        {
            content: "Open the filters",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "helpdesk_mgmt's filters read Vietnamese",
            trigger: ".o_filter_menu .o_menu_item:contains(Chưa phân công)",
        },
        {
            content: "Filter the overdue tickets",
            trigger: ".o_filter_menu .o_menu_item:contains(Quá hạn)",
            run: "click",
        },
        {
            content: "Only the overdue ticket is left",
            trigger:
                ".o_list_view:not(:has(td[name=name]:contains(VN tour fresh ticket))) td[name=name]:contains(VN tour overdue ticket)",
        },
        {
            content: "Create a ticket",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The new ticket's breadcrumb says so, in Vietnamese",
            trigger: ".o_breadcrumb .active:contains(Phiếu hỗ trợ mới)",
        },
        {
            content: "Not '/ - False'",
            trigger: ".o_breadcrumb:not(:contains(False)):not(:contains(/ -))",
        },
        {
            content: "Discard the new ticket",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            content: "Back on the list",
            trigger: ".o_list_view td[name=name]:contains(VN tour overdue ticket)",
        },
    ],
});
