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
