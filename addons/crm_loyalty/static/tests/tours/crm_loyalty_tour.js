import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_loyalty_sale_order_tour", {
    steps: () => [
        {
            content: "The member's rank is shown on the sale order",
            trigger: ".o_crm_loyalty_banner .o_field_widget[name=crm_loyalty_tier_id]:contains(Vàng)",
        },
        {
            content: "The qualifying points are shown",
            trigger: ".o_crm_loyalty_banner .o_field_widget[name=crm_loyalty_qualifying_points]:contains(12)",
        },
        {
            content: "The points the order earns are shown",
            trigger: ".o_crm_loyalty_banner .o_field_widget[name=crm_loyalty_order_points]:contains(1,543)",
        },
    ],
});
