/** @odoo-module */
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";

function check(trigger, content) {
    return { content, trigger };
}

registry.category("web_tour.tours").add("crm_loyalty_pos_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Tour Silver Member"),
            check(".crm-loyalty-pos-rank:contains('Silver')", "the member's rank is shown"),
            check(".crm-loyalty-pos-balance:contains('3,000')", "and the balance"),
            check(".crm-loyalty-pos-to-next:contains('7,000')", "and the points to Gold"),
            ProductScreen.clickDisplayedProduct("Tour Router"),
            check(".crm-loyalty-pos-earn:contains('+110')", "the order earns 100 x 1.1"),
            ProductScreen.clickDisplayedProduct("Tour Gift Wrap"),
            check(
                ".crm-loyalty-pos-earn:contains('+110')",
                "a product the program does not count earns nothing, as on the server"
            ),
            check(".crm-loyalty-pos-provisional", "provisional until synced"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            check(".crm-loyalty-pos-receipt:contains('Silver')", "the receipt prints the rank"),
            check(".crm-loyalty-pos-receipt-earned:contains('110')", "the points earned"),
            check(".crm-loyalty-pos-receipt-balance:contains('3,110')", "the new balance"),
            check(
                ".crm-loyalty-pos-receipt:not(:has(.crm-loyalty-pos-receipt-provisional))",
                "read back from the server: not provisional"
            ),
        ].flat(),
});
