import { openApp, openIdicMenu } from "@crm_idic/../tests/tours/tour_utils";
import { registry } from "@web/core/registry";

const LOYAL = "Công ty Trung Thành";
const NEW = "Cửa hàng Mới";
const BADGE = "Ưu tiên cung ứng (khách hàng cấp 3)";

const row = (customer) => `.o_data_row:contains(${customer})`;
const star = (customer, cls) =>
    `${row(customer)} .o_field_widget[name=priority] .o_priority_star.${cls}[aria-label='Khẩn cấp']`;
const supply = (customer, checked) =>
    `${row(customer)} td[name=idic_priority_supply] input${checked ? ":checked" : ":not(:checked)"}`;
const state = (customer, text) => `${row(customer)} td[name=state]:contains(${text})`;

// A warehouse clerk working in Vietnamese, two customers waiting for the same goods, two
// units in stock for four ordered: the loyal customer's delivery is starred and marked
// "priority supply", "check availability" on both reserves the two units for it, the
// filter of that name keeps it alone, and its form says why it is urgent.
registry.category("web_tour.tours").add("crm_idic_stock_vi_tour", {
    steps: () => [
        ...openApp("stock.menu_stock_root", "Kho hàng"),
        ...openIdicMenu("stock.menu_stock_warehouse_mgmt", "stock.out_picking", {
            sectionText: "Hoạt động",
            itemText: "Giao hàng",
        }),
        {
            content: "The deliveries list has a column 'Ưu tiên cung ứng'",
            trigger: ".o_list_table th[data-name=idic_priority_supply]:contains(Ưu tiên cung ứng)",
        },
        {
            content: "The loyal customer's delivery is urgent ('Khẩn cấp', Odoo's star)...",
            trigger: star(LOYAL, "fa-star"),
        },
        {
            content: "...because it is of priority supply ('Ưu tiên cung ứng' ticked)...",
            trigger: supply(LOYAL, true),
        },
        {
            content: "...and it waits for goods",
            trigger: state(LOYAL, "Đang chờ"),
        },
        {
            content: "The new customer's delivery is at normal priority...",
            trigger: star(NEW, "fa-star-o"),
        },
        {
            content: "...not of priority supply...",
            trigger: supply(NEW, false),
        },
        {
            content: "...and it waits for the same goods",
            trigger: state(NEW, "Đang chờ"),
        },
        {
            content: "Select the new customer's delivery (the older one)",
            trigger: `${row(NEW)} .o_list_record_selector input`,
            run: "click",
        },
        {
            content: "Select the loyal customer's delivery",
            trigger: `${row(LOYAL)} .o_list_record_selector input`,
            run: "click",
        },
        {
            content: "Check availability for both",
            trigger: ".o_control_panel button[name=action_assign]:contains(Kiểm tra tình trạng còn hàng)",
            run: "click",
        },
        {
            content: "The two units in stock go to the loyal customer: ready...",
            trigger: state(LOYAL, "Sẵn sàng"),
        },
        {
            content: "...while the new customer's delivery still waits",
            trigger: state(NEW, "Đang chờ"),
        },
        {
            content: "Open the filters",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Keep the deliveries of priority supply",
            trigger: ".o_filter_menu .o_menu_item:contains(Ưu tiên cung ứng)",
            run: "click",
        },
        {
            content: "The filter reads as a facet",
            trigger: ".o_searchview_facet:contains(Ưu tiên cung ứng)",
        },
        {
            content: "The loyal customer's delivery stays, alone",
            trigger: `.o_list_table:has(${row(LOYAL)}):not(:has(${row(NEW)}))`,
        },
        {
            content: "Open it",
            trigger: `${row(LOYAL)} td.o_data_cell[name=name]`,
            run: "click",
        },
        {
            content: "The form says why it is urgent, and what that does",
            trigger: `.o_form_view div[name=idic_priority_supply_badge][title='Được giữ hàng trước các lệnh chuyển hàng khác khi thiếu hàng']:contains(${BADGE})`,
        },
        {
            content: "...next to Odoo's star",
            trigger: ".o_form_view .o_field_widget[name=priority] .o_priority_star.fa-star[aria-label='Khẩn cấp']",
        },
        {
            content: "...and it is ready",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Sẵn sàng)",
        },
    ],
});

// The salesperson in Vietnamese: the loyal customer's confirmed order says its delivery
// is of priority supply; the new customer's order says nothing of the kind.
registry.category("web_tour.tours").add("crm_idic_stock_vi_sale_tour", {
    steps: () => [
        ...openApp("sale.sale_menu_root", "Bán hàng"),
        ...openIdicMenu("sale.sale_order_menu", "sale.menu_sale_order", {
            sectionText: "Đơn hàng",
            itemText: "Đơn hàng",
        }),
        {
            content: "Open the loyal customer's order",
            trigger: `${row(LOYAL)} td.o_data_cell[name=partner_id]`,
            run: "click",
        },
        {
            content: "Its badge: priority supply for a level-3 customer, reserved first",
            trigger: `.o_form_view div[name=idic_priority_supply_badge][title='Các lệnh chuyển hàng của đơn được giữ hàng trước tiên khi thiếu hàng']:contains(${BADGE})`,
        },
        {
            content: "Back to the orders",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
        {
            content: "Open the new customer's order",
            trigger: `${row(NEW)} td.o_data_cell[name=partner_id]`,
            run: "click",
        },
        {
            content: "No priority supply for it",
            trigger: `.o_form_view:has(.o_field_widget[name=partner_id] a:contains(${NEW})):not(:has(div[name=idic_priority_supply_badge]))`,
        },
    ],
});
