import { registry } from "@web/core/registry";

/**
 * A coordinator publishes a review whose notices went and whose report the chair signed
 * off: "Publish" leads to the "Published" stage, with the 12 months it must stay online.
 */
registry.category("web_tour.tours").add("scr_publication_tour", {
    steps: () => [
        {
            content: "The review awaits publication",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Awaiting publication)",
        },
        {
            trigger: ".o_notebook a:contains(Publication)",
            run: "click",
        },
        {
            content: "The chair signed the report off",
            trigger: ".o_field_widget[name=publication_ids] td:contains(Signed off)",
        },
        {
            trigger: ".o_statusbar_buttons button[name=action_publish]",
            run: "click",
        },
        {
            content: "Published",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Published)",
        },
        {
            content: "It stays on the website for at least 12 months",
            trigger: ".o_field_widget[name=publish_until_date]:not(:empty)",
        },
    ],
});
