import { registry } from "@web/core/registry";

/** A coordinator appoints the lead reviewer of a review. */
registry.category("web_tour.tours").add("scr_review_appointment_tour", {
    steps: () => [
        {
            trigger: ".o_notebook a:contains(Reviewers)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=appointment_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=appointment_ids] .o_field_widget[name=reviewer_id] input",
            run: "edit Rowan",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Rowan Lead)",
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
            content: "The appointment is logged in the chatter",
            trigger: ".o-mail-Message:contains(Rowan Lead appointed as lead reviewer)",
        },
    ],
});

/** The reviewer logs in and sees the review they are appointed to, and no other. */
registry.category("web_tour.tours").add("scr_reviewer_sees_own_review_tour", {
    url: "/odoo/action-odoo_scr.scr_review_action",
    steps: () => [
        {
            trigger: ".o_data_row:contains(Child M)",
        },
        {
            content: "The other review (Child O) is not listed",
            trigger: ".o_list_renderer:not(:has(.o_data_row:contains(Child O)))",
        },
        {
            trigger: ".o_data_row:contains(Child M) td[name=name]",
            run: "click",
        },
        {
            content: "The child's incident record stays hidden from the reviewer",
            trigger: ".o_form_view:not(:has(.o_field_widget[name=incident_id]))",
        },
    ],
});
