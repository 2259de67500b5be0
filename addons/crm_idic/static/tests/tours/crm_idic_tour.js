import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_idic_customer_tour", {
    steps: () => [
        {
            content: "Open the IDIC tab of the customer",
            trigger: ".o_notebook .nav-link:contains(IDIC)",
            run: "click",
        },
        {
            content: "The segment and scores are shown",
            trigger: ".o_field_widget[name=idic_total_score]",
        },
        {
            content: "Add an interaction",
            trigger: "div[name=idic_interaction_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Choose the visit channel",
            trigger: "div[name=idic_interaction_ids] .o_data_row td[name=channel] select",
            run: 'select "visit"',
        },
        {
            content: "Write the summary",
            trigger: "div[name=idic_interaction_ids] .o_data_row td[name=summary] input",
            run: "edit Tour visit to the customer",
        },
        {
            content: "Save the customer",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
