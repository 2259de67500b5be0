import { openIdicApp, openIdicMenu } from "@crm_idic/../tests/tours/tour_utils";
import { registry } from "@web/core/registry";

// The loyalty manager, working in Vietnamese: the member ranking reads whole points
// with dots between thousands, the card's two dates say which is which, the card list
// is "member cards", and a redemption picks a card by its member's name and marks the
// rewards the member cannot afford.
registry.category("web_tour.tours").add("crm_loyalty_vi_tour", {
    steps: () => [
        ...openIdicApp(),
        ...openIdicMenu("crm_loyalty.menu_crm_loyalty_root", "crm_loyalty.menu_crm_loyalty_members", {
            sectionText: "Khách hàng thân thiết",
            itemText: "Bảng xếp hạng thành viên",
        }),
        {
            content: "The member's rank, qualifying points and balance, whole and with dots",
            trigger: ".o_data_row:contains(Chị Lan):contains(Vàng):contains(12.345):contains(3.150)",
        },
        {
            content: "Open the member's card",
            trigger: ".o_data_row:contains(Chị Lan) td.o_data_cell",
            run: "click",
        },
        {
            content: "The card's history: when the row was recorded...",
            trigger: ".o_form_view .o_field_widget[name=history_ids] th:contains(Ghi nhận lúc)",
        },
        {
            content: "...and the day of the points, two names for two dates",
            trigger: ".o_form_view .o_field_widget[name=history_ids] th:contains(Ngày của điểm)",
        },
        {
            content: "The points of the history, whole and with dots",
            trigger: ".o_field_widget[name=history_ids] .o_data_row:contains(12.345):not(:contains(12.345,00))",
        },
        {
            content: "The chatter tracks the balance in whole points too",
            trigger: ".o-mail-Message-trackingNew:contains(3.150):not(:contains(3.150,00))",
        },
        ...openIdicMenu("crm_loyalty.menu_crm_loyalty_root", "crm_loyalty.menu_crm_loyalty_redemptions", {
            itemText: "Đổi thưởng",
        }),
        {
            content: "A new redemption",
            trigger: ".o_control_panel .o-kanban-button-new, .o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Type the member's name in the card picker",
            trigger: ".o_field_widget[name=card_id] input",
            run: "edit Lan",
        },
        {
            content: "The card reads as its member, rank and balance",
            trigger: ".o-autocomplete--dropdown-item:contains(Chị Lan · Vàng · 3.150 điểm)",
        },
        {
            content: "The picker never offers to create a card",
            trigger: ".o-autocomplete--dropdown-menu:not(:has(.o_m2o_dropdown_option_create)):not(:has(.o_m2o_dropdown_option_create_edit))",
        },
        {
            content: "Choose the member's card",
            trigger: ".o-autocomplete--dropdown-item:contains(Chị Lan)",
            run: "click",
        },
        {
            content: "The card's balance is read before the rewards are offered",
            trigger: ".o_field_widget[name=card_points]:contains(3.150)",
        },
        {
            content: "Open the reward picker",
            trigger: ".o_field_widget[name=reward_id] input",
            run: "click",
        },
        {
            content: "A reward within the balance shows its cost",
            trigger: ".o-autocomplete--dropdown-item:contains(Một đêm khách sạn · 3.000 điểm):not(:contains(không đủ điểm))",
        },
        {
            content: "A reward above the balance is marked",
            trigger: ".o-autocomplete--dropdown-item:contains(Vé máy bay · 5.000 điểm · không đủ điểm)",
        },
        {
            content: "Choose the hotel night",
            trigger: ".o-autocomplete--dropdown-item:contains(Một đêm khách sạn)",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the redemption waits for its approval",
            trigger: ".o_form_saved",
        },
        ...openIdicMenu("crm_loyalty.menu_crm_loyalty_root", "crm_loyalty.menu_crm_loyalty_programs", {
            itemText: "Chương trình xếp hạng",
        }),
        {
            content: "Open the ranked program",
            trigger: ".o_data_row:contains(Khách hàng thân thiết) td.o_data_cell",
            run: "click",
        },
        {
            content: "Its rule card says the rule crm_loyalty applies, in đồng",
            trigger: ".o_field_widget[name=rule_ids] .crm_loyalty_rule_text:contains(1 điểm cho mỗi 10.000)",
        },
        {
            content: "Its reward costs whole points",
            trigger: ".o_field_widget[name=reward_ids] .o_kanban_record:contains(1.000):not(:contains(1.000,00))",
        },
    ],
});
