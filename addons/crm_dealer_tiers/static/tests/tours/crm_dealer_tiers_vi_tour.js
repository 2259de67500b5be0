import { openIdicApp, openIdicMenu } from "@crm_idic/../tests/tours/tour_utils";
import { registry } from "@web/core/registry";

// The dealer manager, in Vietnamese: the yearly rebate lists dealers only, in đồng; a
// contract's preview prints both parties and its figures the Vietnamese way; the parent
// picker shows each dealer's tier.
registry.category("web_tour.tours").add("crm_dealer_tiers_vi_tour", {
    steps: () => [
        ...openIdicApp(),
        ...openIdicMenu("crm_dealer_tiers.menu_dealer_root", "crm_dealer_tiers.menu_dealer_report_rebate", {
            sectionText: "Đại lý",
            itemText: "Thưởng doanh số theo năm",
        }),
        {
            content: "The rebate report's columns are in Vietnamese",
            trigger: ".o_list_table th[data-name=rebate_amount]:contains(Thưởng doanh số)",
        },
        {
            content: "The distributor's rebate, in đồng",
            trigger:
                ".o_data_row:contains(Tour VN Sài Gòn) td[name=rebate_amount]:contains(1.200.000 ₫)",
        },
        {
            content: "The total counts the two dealers only, not the ordinary customer",
            trigger: ".o_list_table tfoot td:contains(50.000.000 ₫)",
        },
        {
            content: "Switch to the pivot table",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The pivot's rebates are in đồng too: the two dealers' total",
            trigger: ".o_pivot .o_pivot_cell_value:contains(1.400.000 ₫)",
        },
        ...openIdicMenu("crm_dealer_tiers.menu_dealer_root", "crm_dealer_tiers.menu_dealer_contracts", {
            sectionText: "Đại lý",
            itemText: "Hợp đồng",
        }),
        {
            content: "Open the level-1 agent's contract",
            trigger: ".o_data_row td[name=partner_id]:contains(Tour VN Đà Nẵng)",
            run: "click",
        },
        {
            content: "Preview the contract",
            trigger: ".o_form_view button[name=action_preview]:contains(Xem trước)",
            run: "click",
        },
        {
            content: "The contract's title in Vietnamese",
            trigger: ":iframe .page:contains(HỢP ĐỒNG ĐẠI LÝ)",
        },
        {
            content: "Both parties' tax codes",
            trigger: ":iframe .o_dealer_contract_parties:contains(0401112223):contains(0409998887)",
        },
        {
            content: "The yearly target in đồng",
            trigger: ":iframe .o_dealer_contract_terms:contains(2.500.000.000 ₫)",
        },
        {
            content: "The discount the Vietnamese way",
            trigger: ":iframe .o_dealer_contract_terms:contains(8,0 %)",
        },
        {
            content: "The term",
            trigger: ":iframe .o_dealer_contract_terms:contains(31/12/2026)",
        },
        {
            content: "The terms text",
            trigger: ":iframe .o_dealer_contract_note:contains(Thanh toán trong 30 ngày)",
        },
        ...openIdicMenu("crm_dealer_tiers.menu_dealer_root", "crm_dealer_tiers.menu_dealer_partners", {
            sectionText: "Đại lý",
            itemText: "Đại lý",
        }),
        {
            content: "Open the level-1 agent",
            trigger: ".o_data_row td[name=name]:contains(Tour VN Đà Nẵng)",
            run: "click",
        },
        {
            content: "Open its dealer tab",
            trigger: ".o_notebook a.nav-link[name=dealer]:contains(Đại lý)",
            run: "click",
        },
        {
            content: "Its parent dealer shows its tier",
            trigger: '.o_field_widget[name=dealer_parent_id] input:value("Tour VN Sài Gòn (Nhà phân phối)")',
        },
        {
            content: "Look for a parent dealer",
            trigger: ".o_field_widget[name=dealer_parent_id] input",
            run: "edit Tour VN",
        },
        {
            content: "The picker shows the distributor with its tier",
            trigger: ".o-autocomplete--dropdown-item:contains(Tour VN Sài Gòn):contains(Nhà phân phối)",
        },
    ],
});
