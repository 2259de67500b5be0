import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_dealer_tiers_application_tour", {
    steps: () => [
        {
            content: "Name the applicant",
            trigger: ".o_field_widget[name=applicant_name] input",
            run: "edit Tour Dealer Shop",
        },
        {
            content: "Revenue last year",
            trigger: ".o_field_widget[name=revenue_last_year] input",
            run: "edit 6000000000",
        },
        {
            content: "Revenue the year before",
            trigger: ".o_field_widget[name=revenue_year_before] input",
            run: "edit 4000000000",
        },
        {
            content: "Yearly sales",
            trigger: ".o_field_widget[name=yearly_sales] input",
            run: "edit 3000000000",
        },
        {
            content: "Share of major brands",
            trigger: ".o_field_widget[name=major_share] input",
            run: "edit 50",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Submit the application",
            trigger: ".o_form_saved button[name=action_submit]",
            run: "click",
        },
        {
            content: "Submitted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Submitted)",
        },
        {
            content: "The recommended tier is shown",
            trigger: ".o_field_widget[name=recommended_tier_id]:contains(Level-1 agent)",
        },
        {
            content: "Open the dealer menu",
            trigger: ".o_menu_sections button[data-menu-xmlid='crm_dealer_tiers.menu_dealer_root']",
            run: "click",
        },
        {
            content: "Open the network tree",
            trigger: ".dropdown-item[data-menu-xmlid='crm_dealer_tiers.menu_dealer_network']",
            run: "click",
        },
        {
            content: "The distributor is a root of the tree",
            trigger: ".o_hierarchy_node_container:contains(Tour Distributor) .o_hierarchy_node_content:contains(Distributor)",
        },
        {
            content: "Show its sub-dealers",
            trigger: ".o_hierarchy_node_container:contains(Tour Distributor) button[name=hierarchy_search_subsidiaries]",
            run: "click",
        },
        {
            content: "The level-1 agent hangs under it",
            trigger: ".o_hierarchy_node_container:contains(Tour Agent):contains(Level-1 agent)",
        },
    ],
});
