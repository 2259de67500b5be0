/** @odoo-module */
import { cashierSteps } from "@crm_loyalty_pos/../tests/tours/cashier_steps";
import { registry } from "@web/core/registry";

// The cashier reads Vietnamese, in a company that works in đồng: Odoo's buttons as
// Odoo's vi.po has them, our labels as crm_loyalty_pos's vi.po has them, and points
// and amounts with dots between thousands.
registry.category("web_tour.tours").add("crm_loyalty_pos_vi_tour", {
    steps: () =>
        cashierSteps({
            openRegister: "Mở máy tính tiền",
            pay: "Thanh toán",
            validate: "Xác nhận",
            newOrder: "Đơn hàng mới",
            member: "Chị Lan",
            products: ["Bộ phát wifi", "Giấy gói quà"],
            paymentMethod: "Chuyển khoản",
            total: "1.050.000",
            rank: "Bạc",
            balanceLabel: "Số dư:",
            balance: "3.000",
            toNext: "7.000 điểm nữa để lên Vàng",
            earn: "+110 điểm cho đơn này",
            provisional: "Tạm tính: điểm và số dư được máy chủ chốt",
            receiptRank: "Hạng thành viên",
            receiptEarned: "Điểm tích được",
            earned: "110",
            receiptBalance: "Số dư mới",
            newBalance: "3.110",
            decimalPoint: ",",
        }),
});
