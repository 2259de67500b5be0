/**
 * Steps the Vietnamese tours of the CRM committee share (crm_evaluation and the addons
 * that add measures to its periods): open a computed period, read a measure of the
 * whole company on its form, open all its measures and read one per tier, rank or
 * segment. Labels and values are matched whole, as a committee member reads them
 * ("Đại lý" is not "Tỷ lệ đại lý tuân thủ (%)", "1" is not "1.250").
 */
import { openIdicApp, openIdicMenu } from "@crm_idic/../tests/tours/tour_utils";

/** `text` as a regular expression matching it literally. */
function literal(text) {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** A `:contains` argument matching exactly `text` (trimmed, any run of spaces). */
function whole(text) {
    return `"/^${literal(text)}$/"`;
}

/** The condition on a list row that its cell `column` reads exactly `text`. */
function cellReads(column, text) {
    return `:has(td[name=${column}]:contains(${whole(text)}))`;
}

/** From the home screen to the evaluation period `name`, computed. */
export function openComputedPeriodVi(name) {
    return [
        ...openIdicApp(),
        ...openIdicMenu("crm_evaluation.menu_evaluation_root", "crm_evaluation.menu_evaluation_periods", {
            sectionText: "Đánh giá",
            itemText: "Các kỳ",
        }),
        {
            content: `Open the period ${name}`,
            trigger: `.o_list_view .o_data_row td[name=name]:contains(${whole(name)})`,
            run: "click",
        },
        {
            content: "Computed, in Vietnamese",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Đã tính)",
        },
    ];
}

/** On the period's form, the whole company's `measure` (its label) reads `value`. */
export function companyMeasureVi(measure, value) {
    return {
        content: `The company's "${measure}" reads ${value}`,
        trigger: `.o_field_widget[name=total_line_ids] .o_data_row${cellReads("measure", measure)} td[name=value_text]:contains(${whole(value)})`,
    };
}

/** From the period's form to the list of all its measures, grouped by what they are
 * measured per, then by measure. */
export function openAllMeasuresVi(period) {
    return [
        {
            content: "Open all its measures",
            trigger: `.o_form_view button[name=action_open_lines]:contains(${whole("Tất cả chỉ số")})`,
            run: "click",
        },
        {
            content: "Titled in Vietnamese",
            trigger: `.o_last_breadcrumb_item:contains(${whole(`Các chỉ số của ${period}`)})`,
        },
    ];
}

/** In the grouped list of measures, open the group `label` (a dimension, then a measure
 * inside it). */
export function openMeasureGroupVi(label) {
    return {
        content: `Open the group ${label}`,
        trigger: `.o_list_view .o_group_header .o_group_name:contains("/^${literal(label)} \\(\\d+\\)$/")`,
        run: "click",
    };
}

/** In the open groups of the measures list, `measure` of `of` (a tier, a rank, a
 * segment: the "Của" column) reads `value`. */
export function measureOfVi(measure, of, value) {
    return {
        content: `"${measure}" of ${of} reads ${value}`,
        trigger: `.o_list_view .o_data_row${cellReads("measure", measure)}${cellReads("dimension_value", of)} td[name=value_text]:contains(${whole(value)})`,
    };
}
