import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_idic_merge_tour", {
    steps: () => [
        {
            content: "One banner for the shared tax code, with the merge button",
            trigger: "div[name=warning_tax] button[name=action_idic_merge_duplicates]",
            run: "click",
        },
        {
            content: "The dialog says the customer we came from is kept",
            trigger: ".modal div[name=idic_survivor]:contains(Strategic Tour Customer is kept)",
        },
        {
            content: "Merge",
            trigger: ".modal button[name=action_merge]",
            run: "click",
        },
        {
            content: "Merged: nothing more to merge, close the dialog",
            trigger: ".modal .modal-footer button:contains(Close)",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});

registry.category("web_tour.tours").add("crm_idic_demo_company_tour", {
    steps: () => [
        {
            content: "The administrator works in the demo company",
            trigger: ".o_switch_company_menu .dropdown-toggle:contains(Miền Trung)",
        },
    ],
});
