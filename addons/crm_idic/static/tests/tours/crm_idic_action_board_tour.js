import { registry } from "@web/core/registry";

function rowButton(customer, button) {
    return `.o_data_row:contains(${customer}) button[name=${button}]`;
}

registry.category("web_tour.tours").add("crm_idic_action_board_tour", {
    steps: () => [
        {
            content: "Log the visit the board asks for",
            trigger: rowButton("Board Tour Visit", "action_do"),
            run: "click",
        },
        {
            content: "The interaction comes prefilled with the reason",
            trigger: ".modal div[name=summary] input:value(Board Tour Visit)",
        },
        {
            content: "Save the visit",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The visit is done: its line leaves the list",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Board Tour Visit)))",
        },
        {
            content: "Snooze the next action",
            trigger: rowButton("Board Tour Snooze", "action_snooze"),
            run: "click",
        },
        {
            content: "Say why it waits",
            trigger: ".modal div[name=reason] textarea",
            run: "edit Khách đi công tác đến tuần sau",
        },
        {
            content: "Confirm the snooze",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "The snoozed line leaves the list",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Board Tour Snooze)))",
        },
        {
            content: "Dismiss the last action",
            trigger: rowButton("Board Tour Dismiss", "action_dismiss"),
            run: "click",
        },
        {
            content: "Say why it is dismissed",
            trigger: ".modal div[name=reason] textarea",
            run: "edit Khách hàng đã ngừng kinh doanh",
        },
        {
            content: "Confirm the dismissal",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "The dismissed line leaves the list",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Board Tour Dismiss)))",
        },
    ],
});
