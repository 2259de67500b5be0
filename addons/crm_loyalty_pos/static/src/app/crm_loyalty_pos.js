/** @odoo-module */
// What the cashier sees of a member of a ranked program: the rank, the balance, the
// points to the next rank and a preview of what the order earns by crm_loyalty's rule.
// The server counts the points when the order syncs; until then they are provisional.
import { _t } from "@web/core/l10n/translation";
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
        const amount = this.lines
            .filter((line) => !line.refunded_orderline_id)
            .reduce((sum, line) => sum + line.get_price_without_tax(), 0);
        const synced = typeof this.id === "number" && this.state !== "draft";
        const earned = synced
            ? this.crm_loyalty_pos_points || 0
            : crmLoyaltyPoints(amount, program, partner.crm_loyalty_pos_multiplier);
        const balance = partner.crm_loyalty_pos_balance || 0;
        return {
            rank: partner.crm_loyalty_pos_rank || _t("New member"),
            color: partner.crm_loyalty_pos_rank_color || 0,
            balance,
            qualifying: partner.crm_loyalty_pos_qualifying || 0,
            toNext: partner.crm_loyalty_pos_to_next || 0,
            nextRank: partner.crm_loyalty_pos_next_rank || "",
            earned,
            // once synced, the balance read back from the server holds the order
            newBalance: synced && this.crmLoyaltyRefreshed ? balance : balance + earned,
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
