/** @odoo-module */
import { cashierSteps } from "@crm_loyalty_pos/../tests/tours/cashier_steps";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_loyalty_pos_tour", {
    steps: () =>
        cashierSteps({
            openRegister: "Open Register",
            pay: "Payment",
            validate: "Validate",
            newOrder: "New Order",
            member: "Tour Silver Member",
            products: ["Tour Router", "Tour Gift Wrap"],
            paymentMethod: "Bank",
            total: "150.00",
            rank: "Silver",
            balanceLabel: "Balance:",
            balance: "3,000",
            toNext: "7,000 points to Gold",
            earn: "+110 points this order",
            provisional: "Provisional: the points and the balance are settled by the server",
            receiptRank: "Member rank",
            receiptEarned: "Points earned",
            earned: "110",
            receiptBalance: "New balance",
            newBalance: "3,110",
            decimalPoint: ".",
        }),
});
