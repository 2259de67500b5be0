/**
 * Steps every addon's tours share: from the home screen into an app (the customer
 * relationship app), and from its menu bar to a menu item.
 */

/** The apps menu, then the app of root menu ``xmlid``, reading ``text`` when given. */
export function openApp(xmlid, text) {
    return [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: `Open the app ${text || xmlid}`,
            trigger: `.o_app[data-menu-xmlid='${xmlid}']${text ? `:contains(${text})` : ""}`,
            run: "click",
        },
    ];
}

/** The apps menu, then the customer relationship app (crm_idic's root menu). */
export function openIdicApp() {
    return openApp("crm_idic.menu_idic_root");
}

/**
 * The menu ``section`` of the app's menu bar, then its ``item`` (menu xmlids); each
 * must read the text given, when given (a tour in Vietnamese asserts its labels).
 */
export function openIdicMenu(section, item, { sectionText, itemText } = {}) {
    const reads = (text) => (text ? `:contains(${text})` : "");
    return [
        {
            content: `Open the menu ${sectionText || section}`,
            trigger: `.o_menu_sections [data-menu-xmlid='${section}']${reads(sectionText)}`,
            run: "click",
        },
        {
            content: `Open ${itemText || item}`,
            trigger: `.dropdown-item[data-menu-xmlid='${item}']${reads(itemText)}`,
            run: "click",
        },
    ];
}
