import { registry } from "@web/core/registry";

/**
 * A coordinator records a notifiable incident through the form and sees, once it is
 * saved, the criteria explanation and the statutory notification deadline.
 */
registry.category("web_tour.tours").add("scr_incident_tour", {
    url: "/odoo/action-odoo_scr.scr_incident_action/new",
    steps: () => [
        {
            trigger: ".o_field_widget[name=child_alias] input",
            run: "edit Child Tour",
        },
        {
            trigger: ".o_field_widget[name=incident_date] input",
            run: "edit 02/03/2026 && press Enter",
        },
        {
            content: "The awareness date defaults to today: open it to change it",
            trigger: ".o_field_widget[name=aware_date] button",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=aware_date] input",
            run: "edit 06/03/2026 && press Enter",
        },
        {
            trigger: ".o_field_widget[name=child_died] input",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=abuse_neglect] input[data-value=suspected]",
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "The explanation names the criterion that fired",
            trigger: ".o_field_widget[name=criteria_explanation]:contains(a serious incident)",
        },
        {
            content: "A rapid review; the local review is to consider, never mandatory (WT2023 ch. 5)",
            trigger: ".o_field_widget[name=review_requirement]:contains(To consider)",
        },
        {
            content: "Notify by Fri 13 March 2026 (5 working days after Fri 6 March)",
            trigger: ".o_field_widget[name=notification_due_date]:contains(13 Mar)",
        },
        {
            trigger: ".o_notebook a:contains(Notifications)",
            run: "click",
        },
        {
            content: "A serious incident is notified to the Panel (s16C(1)), which tells Ofsted and the DfE",
            trigger: ".o_field_widget[name=notification_ids] td:contains(Child Safeguarding Practice Review Panel)",
        },
    ],
});
