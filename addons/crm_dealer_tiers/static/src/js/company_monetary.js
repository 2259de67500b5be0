import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { session } from "@web/session";
import { formatMonetary } from "@web/views/fields/formatters";

/**
 * An amount in the current company's currency ("38.450.000 ₫"), for the views whose
 * values carry no currency of their own: the measures of a pivot table. The company's
 * currency comes with the session (crm_dealer_tiers' ir.http).
 */
export function formatCompanyMonetary(value, options = {}) {
    const companyId = user.context.allowed_company_ids?.[0];
    const company = session.user_companies?.allowed_companies?.[companyId];
    return formatMonetary(value, { ...options, currencyId: company?.currency_id });
}

registry.category("formatters").add("crm_dealer_company_monetary", formatCompanyMonetary);
