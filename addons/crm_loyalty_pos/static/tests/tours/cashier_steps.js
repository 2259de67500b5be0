/** @odoo-module */
// The cashier's round at the counter, shared by the tours in each language: open the
// register, pick the member, read the rank, balance and points to the next rank, sell
// a product the program counts and one it does not, pay, and read the receipt. ``t``
// holds what the cashier reads, in the tour's language and number format.
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";

function check(trigger, content) {
    return { content, trigger };
}

/** A whole number as printed: the figure, without the decimals of ``t.decimalPoint``. */
function whole(selector, figure, t) {
    return `${selector}:contains("${figure}"):not(:contains("${figure}${t.decimalPoint}"))`;
}

/**
 * @param {Object} t what the cashier reads: Odoo's buttons (``openRegister``, ``pay``,
 *   ``validate``, ``newOrder``); the test's data (``member``, ``products``: counted, not
 *   counted, ``paymentMethod``, ``total``: the order's total); our labels with their
 *   figures (``rank``, ``balanceLabel``, ``balance``, ``toNext``, ``earn``,
 *   ``provisional``, ``receiptRank``, ``receiptEarned``, ``earned``, ``receiptBalance``,
 *   ``newBalance``); and the ``decimalPoint`` a whole figure must not show.
 */
export function cashierSteps(t) {
    const [counted, notCounted] = t.products;
    return [
        Chrome.startPoS(),
        Dialog.confirm(t.openRegister),
        ProductScreen.clickPartnerButton(),
        ProductScreen.clickCustomer(t.member),
        check(`.crm-loyalty-pos-rank:contains("${t.rank}")`, "the member's rank is shown"),
        check(
            whole(
                `.crm-loyalty-pos-member div:contains("${t.balanceLabel}") > .crm-loyalty-pos-balance`,
                t.balance,
                t
            ),
            "and the balance, whole, with its label"
        ),
        check(`.crm-loyalty-pos-to-next:contains("${t.toNext}")`, "and the points to the next rank"),
        ProductScreen.clickDisplayedProduct(counted),
        check(`.crm-loyalty-pos-earn:contains("${t.earn}")`, "the order earns 100 x 1.1"),
        ProductScreen.clickDisplayedProduct(notCounted),
        check(
            `.crm-loyalty-pos-earn:contains("${t.earn}")`,
            "a product the program does not count earns nothing, as on the server"
        ),
        check(
            `.crm-loyalty-pos-provisional:contains("${t.provisional}")`,
            "provisional until synced"
        ),
        check(`.product-screen .pay-order-button:contains("${t.pay}")`, "the pay button"),
        ProductScreen.clickPayButton(),
        PaymentScreen.totalIs(t.total),
        PaymentScreen.clickPaymentMethod(t.paymentMethod),
        check(`.payment-screen .button.next.highlight:contains("${t.validate}")`, "paid"),
        PaymentScreen.clickValidate(),
        ReceiptScreen.isShown(),
        check(
            `.crm-loyalty-pos-receipt div:contains("${t.receiptRank}") > b:contains("${t.rank}")`,
            "the receipt prints the rank"
        ),
        check(
            whole(
                `.crm-loyalty-pos-receipt div:contains("${t.receiptEarned}") > .crm-loyalty-pos-receipt-earned`,
                t.earned,
                t
            ),
            "the points earned"
        ),
        check(
            whole(
                `.crm-loyalty-pos-receipt div:contains("${t.receiptBalance}") > .crm-loyalty-pos-receipt-balance`,
                t.newBalance,
                t
            ),
            "the new balance"
        ),
        check(
            ".crm-loyalty-pos-receipt:not(:has(.crm-loyalty-pos-receipt-provisional))",
            "read back from the server: not provisional"
        ),
        check(`.receipt-screen .button.next:contains("${t.newOrder}")`, "ready for the next order"),
    ].flat();
}
