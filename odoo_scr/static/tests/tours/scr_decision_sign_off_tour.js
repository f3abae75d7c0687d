import { registry } from "@web/core/registry";

/**
 * The chair opens "Awaiting my sign-off", signs the decision off, and the review it
 * initiates appears, in scoping.
 */
registry.category("web_tour.tours").add("scr_decision_sign_off_tour", {
    url: "/odoo/action-odoo_scr.scr_decision_action_my_sign_off",
    steps: () => [
        {
            content: "The decision waiting for the chair",
            trigger: ".o_data_row:contains(Child T) td[name=child_alias]",
            run: "click",
        },
        {
            trigger: "button[name=validate_tier]",
            run: "click",
        },
        {
            content: "Signed off and locked",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Signed)",
        },
        {
            trigger: "button[name=action_view_reviews]",
            run: "click",
        },
        {
            content: "The review exists, in scoping",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Scoping)",
        },
        {
            trigger: ".o_field_widget[name=child_alias]:contains(Child T)",
        },
    ],
});
