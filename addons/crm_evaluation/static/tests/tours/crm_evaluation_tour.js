import { openIdicApp, openIdicMenu } from "@crm_idic/../tests/tours/tour_utils";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_evaluation_tour", {
    steps: () => [
        ...openIdicApp(),
        ...openIdicMenu("crm_evaluation.menu_evaluation_root", "crm_evaluation.menu_evaluation_periods"),
        {
            content: "Create a period",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour week",
        },
        {
            content: "A weekly period",
            trigger: ".o_field_widget[name=kind] select",
            run: "select \"weekly\"",
        },
        {
            content: "Starting on a Monday long ago",
            trigger: ".o_field_widget[name=date_from] input",
            run: "edit 01/05/2015",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Compute it",
            trigger: ".o_form_saved button[name=action_compute]:contains(Compute)",
            run: "click",
        },
        {
            content: "Computed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Computed)",
        },
        {
            content: "The whole company's measures, read as numbers",
            trigger: ".o_field_widget[name=total_line_ids] .o_data_row td[name=value_text]",
        },
        {
            content: "Open all its measures",
            trigger: "button[name=action_open_lines]",
            run: "click",
        },
        {
            content: "Grouped by what they are measured per",
            trigger: ".o_list_view .o_group_header:contains(Whole company)",
        },
        {
            content: "Back to the period",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Tour week)",
            run: "click",
        },
        {
            content: "Open its scorecards",
            trigger: "button[name=action_open_scorecards]",
            run: "click",
        },
        {
            content: "The scorecards, ranked",
            trigger: ".o_list_view .o_data_row td[name=rank]",
        },
    ],
});
