import { registry } from "@web/core/registry";

/**
 * The chair opens "Publication awaiting my sign-off" and signs with the report in view:
 * the banner names them, the report is on screen, the anonymity check found nothing, the
 * planned date is set, the notices went and the contributors confirmed. With
 * SCR_SCREENSHOTS set, it takes the README's pictures of the chair's start (tests/common_tour.py).
 */
registry.category("web_tour.tours").add("scr_chair_publication_tour", {
    url: "/odoo/action-odoo_scr.scr_publication_action_my_sign_off",
    steps: () => [
        {
            trigger: ".o_data_row td[name=review_id]:contains(LCSPR-)",
            run() {
                console.log("scr-screenshot:chair-publication-queue");
            },
        },
        {
            trigger: "body[data-scr-screenshot='chair-publication-queue']",
        },
        {
            content: "The report waiting for the chair, its reference in full",
            trigger: ".o_data_row td[name=review_id]:contains(LCSPR-)",
            run: "click",
        },
        {
            content: "The banner names the chair who must sign, not a group",
            trigger: ".alert-warning:contains(Testshire Chair):not(:contains(Group))",
        },
        {
            content: "The report is in view, rendered",
            trigger: ".o_field_pdf_viewer :iframe .page[data-loaded='true']",
        },
        {
            content: "Nothing in it identifies the child",
            trigger: ".o_field_widget[name=anonymity_state]:contains(Nothing identifies the child)",
        },
        {
            content: "The planned publication date",
            trigger: ".o_field_widget[name=publication_date]:not(:empty)",
        },
        {
            trigger: ".o_field_pdf_viewer :iframe .page[data-loaded='true']",
            run() {
                console.log("scr-screenshot:chair-publication-sign-off");
            },
        },
        {
            trigger: "body[data-scr-screenshot='chair-publication-sign-off']",
        },
        {
            trigger: ".o_notebook a[name=notices]",
            run: "click",
        },
        {
            content: "The notices went, with their dates",
            trigger: ".o_field_widget[name=pre_publication_notice_ids] td[name=reference]:contains(PANEL-1)",
        },
        {
            trigger: ".o_notebook a[name=contributors]",
            run: "click",
        },
        {
            content: "Every contributor confirmed",
            trigger: ".o_field_widget[name=contributor_ids] td[name=confirmed_by]:contains(Director)",
        },
        {
            trigger: ".o_notebook a[name=report]",
            run: "click",
        },
        {
            trigger: ".o_field_pdf_viewer :iframe .page[data-loaded='true']",
        },
        {
            trigger: ".o_form_statusbar button[name=validate_tier]",
            run: "click",
        },
        {
            content: "Signed off, by the chair",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Signed off)",
        },
        {
            content: "The banner names who signed",
            trigger: ".alert-success:contains(Testshire Chair)",
        },
        {
            trigger: ".o_field_pdf_viewer :iframe .page[data-loaded='true']",
            run() {
                console.log("scr-screenshot:chair-publication-signed");
            },
        },
        {
            trigger: "body[data-scr-screenshot='chair-publication-signed']",
        },
    ],
});
