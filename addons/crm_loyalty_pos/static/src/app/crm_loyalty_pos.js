/** @odoo-module */
// What the cashier sees of a member of a ranked program: the rank, the balance, the
// points to the next rank and a preview of what the order earns by crm_loyalty's rule.
// The server counts the points when the order syncs; until then they are provisional.
import { _t } from "@web/core/l10n/translation";
import { formatFloat } from "@web/core/utils/numbers";
import { patch } from "@web/core/utils/patch";
import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { ResPartner } from "@point_of_sale/app/models/res_partner";
import { PaymentScreen } from "@point_of_sale/app/screens/payment_screen/payment_screen";
import { PartnerList } from "@point_of_sale/app/screens/partner_list/partner_list";

export const CRM_LOYALTY_PARTNER_FIELDS = [
    "crm_loyalty_pos_card_code",
    "crm_loyalty_pos_rank",
    "crm_loyalty_pos_rank_color",
    "crm_loyalty_pos_balance",
    "crm_loyalty_pos_qualifying",
    "crm_loyalty_pos_to_next",
    "crm_loyalty_pos_next_rank",
    "crm_loyalty_pos_program_id",
    "crm_loyalty_pos_multiplier",
    "crm_loyalty_pos_blocked_rewards",
];

/** Whole points of ``amount`` by a ranked program's rule (the server's is decimal). */
export function crmLoyaltyPoints(amount, program, multiplier) {
    const perPoint = program?.crm_loyalty_amount_per_point;
    if (!perPoint || amount <= 0) {
        return 0;
    }
    const raw = (amount / perPoint) * Math.max(multiplier || 1, 1);
    return program.crm_loyalty_rounding === "half_up"
        ? Math.round(raw)
        : Math.floor(raw + 1e-9);
}

/**
 * The untaxed amount a ranked program counts in an order, as the server's
 * ``net_amount`` does: the lines of the program's products, net of their share of the
 * reward lines. ``lines`` are ``{subtotal, eligible, reward}``.
 */
export function crmLoyaltyAmount(lines) {
    const sum = (rows) => rows.reduce((total, row) => total + row.subtotal, 0);
    const goods = lines.filter((line) => !line.reward);
    const gross = sum(goods);
    if (gross <= 0) {
        return 0;
    }
    const counted = sum(goods.filter((line) => line.eligible));
    const net = gross + sum(lines.filter((line) => line.reward));
    if (net <= 0 || counted <= 0) {
        return 0;
    }
    return counted === gross ? net : (counted * net) / gross;
}

/** Whether a ranked program counts ``product``: any product without rules, else a rule's. */
export function crmLoyaltyCounts(program, product) {
    const rules = program.rule_ids || [];
    return (
        !rules.length ||
        rules.some((rule) => rule.any_product || rule.validProductIds?.has(product?.id))
    );
}

/** Points as every screen shows them: whole, with the reader's thousands separator. */
export function crmLoyaltyFormat(points) {
    return formatFloat(points || 0, { digits: [16, 0] });
}

patch(ResPartner.prototype, {
    get searchString() {
        return [super.searchString, this.crm_loyalty_pos_card_code || ""].join(" ");
    },
    exactMatch(searchWord) {
        const code = (this.crm_loyalty_pos_card_code || "").toLowerCase();
        return super.exactMatch(...arguments) || (code && code === searchWord);
    },
});

patch(PartnerList.prototype, {
    // the fields the server search matches besides the name: the member card's code too
    getPhoneSearchTerms() {
        return [...super.getPhoneSearchTerms(...arguments), "crm_loyalty_pos_card_code"];
    },
});

patch(PosOrder.prototype, {
    getCrmLoyaltyProgram() {
        const partner = this.get_partner();
        const programs = this.models["loyalty.program"].filter((p) => p.crm_loyalty_ranked);
        return (
            programs.find((p) => p.id === partner?.crm_loyalty_pos_program_id) || programs[0]
        );
    },
    /** The member's figures and what this order earns; null without a ranked program. */
    getCrmLoyalty() {
        const partner = this.get_partner();
        const program = this.getCrmLoyaltyProgram();
        if (!partner || !program) {
            return null;
        }
        const amount = crmLoyaltyAmount(
            this.lines
                .filter((line) => !line.refunded_orderline_id)
                .map((line) => ({
                    subtotal: line.get_price_without_tax(),
                    eligible: crmLoyaltyCounts(program, line.product_id),
                    reward: Boolean(line.is_reward_line),
                }))
        );
        const synced = typeof this.id === "number" && this.state !== "draft";
        const earned = synced
            ? this.crm_loyalty_pos_points || 0
            : crmLoyaltyPoints(amount, program, partner.crm_loyalty_pos_multiplier);
        const balance = partner.crm_loyalty_pos_balance || 0;
        const newBalance = synced && this.crmLoyaltyRefreshed ? balance : balance + earned;
        return {
            rank: partner.crm_loyalty_pos_rank || _t("New member"),
            color: partner.crm_loyalty_pos_rank_color || 0,
            balance,
            qualifying: partner.crm_loyalty_pos_qualifying || 0,
            toNext: partner.crm_loyalty_pos_to_next || 0,
            nextRank: partner.crm_loyalty_pos_next_rank || "",
            earned,
            // once synced, the balance read back from the server holds the order
            newBalance,
            // what the screens print: whole points with the reader's separators
            text: Object.fromEntries(
                Object.entries({
                    balance,
                    qualifying: partner.crm_loyalty_pos_qualifying,
                    toNext: partner.crm_loyalty_pos_to_next,
                    earned,
                    newBalance,
                }).map(([key, value]) => [key, crmLoyaltyFormat(value)])
            ),
            provisional: !(synced && this.crmLoyaltyRefreshed),
        };
    },
    // Odoo's own count of a ranked program's points (a float rule) is not shown: the
    // member box and the receipt show crm_loyalty's
    getLoyaltyPoints() {
        return super
            .getLoyaltyPoints(...arguments)
            .filter((stat) => !stat.program?.crm_loyalty_ranked);
    },
    // a reward a higher rank reserves is not offered (the server refuses it too)
    getClaimableRewards() {
        const blocked = (this.get_partner()?.crm_loyalty_pos_blocked_rewards || "")
            .split(",")
            .filter(Boolean)
            .map(Number);
        return super
            .getClaimableRewards(...arguments)
            .filter((claimable) => !blocked.includes(claimable.reward.id));
    },
    export_for_printing() {
        const result = super.export_for_printing(...arguments);
        result.crmLoyalty = this.getCrmLoyalty();
        return result;
    },
});

patch(PaymentScreen.prototype, {
    async _postPushOrderResolve(order, server_ids) {
        const result = await super._postPushOrderResolve(...arguments);
        const partner = order.get_partner();
        if (partner && order.getCrmLoyaltyProgram()) {
            try {
                // the server counted the points: the member's balance read back
                await this.pos.data.read("res.partner", [partner.id], CRM_LOYALTY_PARTNER_FIELDS);
                order.crmLoyaltyRefreshed = true;
            } catch {
                // offline: the receipt says the balance is provisional
            }
        }
        return result;
    },
});
