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
            run: "edit 03/02/2026 && press Enter",
        },
        {
            content: "The awareness date defaults to today: open it to change it",
            trigger: ".o_field_widget[name=aware_date] button",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=aware_date] input",
            run: "edit 03/06/2026 && press Enter",
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
            trigger: ".o_field_widget[name=criteria_explanation]:contains(serious child safeguarding case)",
        },
        {
            content: "Mandatory review",
            trigger: ".o_field_widget[name=review_requirement]:contains(Mandatory)",
        },
        {
            content: "Notify by Fri 13 March 2026 (5 working days after Fri 6 March)",
            trigger: ".o_field_widget[name=notification_due_date]:contains(Mar 13)",
        },
        {
            trigger: ".o_notebook a:contains(Notifications)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=notification_ids] td:contains(Ofsted)",
        },
    ],
});
