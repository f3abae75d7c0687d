import { registry } from "@web/core/registry";

/**
 * The coordinator logs in and lands on the desk: every open statutory deadline of the
 * partnership, late first (screenshot for the README). The calendar shows them by week.
 * From the review's milestone, the smart buttons lead incident -> decision -> incident
 * -> review -> action plan.
 */
registry.category("web_tour.tours").add("scr_deadline_desk_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The home of a coordinator is the desk",
            trigger: ".o_breadcrumb .active:contains(Deadlines)",
        },
        {
            content: "Late first",
            trigger: ".o_list_view .o_data_row:first-child.text-danger",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Complete the review)",
            run() {
                console.log("scr-screenshot:coordinator-desk");
            },
        },
        {
            trigger: "body[data-scr-screenshot='coordinator-desk']",
        },
        {
            content: "The same deadlines by week",
            trigger: "button.o_switch_view.o_calendar",
            run: "click",
        },
        {
            trigger: ".o_calendar_renderer",
        },
        {
            trigger: "button.o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the review from its milestone",
            trigger:
                ".o_data_row:contains(Complete the review) button[name=action_open_record]",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_view_incident]",
            run: "click",
        },
        {
            content: "From the incident to its decision",
            trigger: ".o_form_view button[name=action_view_decisions]",
            run: "click",
        },
        {
            content: "And back to the incident",
            trigger: ".o_form_view button[name=action_view_incident]:contains(Incident)",
            run: "click",
        },
        {
            content: "From the incident to its review",
            trigger: ".o_form_view button[name=action_view_reviews]",
            run: "click",
        },
        {
            content: "From the review to its action plan",
            trigger: ".o_form_view button[name=action_open_action_plan]",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb .active:contains(Action)",
        },
    ],
});

/**
 * Where the other roles land after login, each pictured for the README: the chair on
 * what awaits their sign-off and what is late, the reviewer on their reviews'
 * milestones, a partner agency on its portal home.
 */
function landingTour(name, landing, ready, screenshot) {
    registry.category("web_tour.tours").add(name, {
        steps: () => [
            {
                content: "Where the role lands after login",
                trigger: landing,
            },
            {
                trigger: ready,
                run() {
                    console.log(`scr-screenshot:${screenshot}`);
                },
            },
            {
                trigger: `body[data-scr-screenshot='${screenshot}']`,
            },
        ],
    });
}

landingTour(
    "scr_chair_home_tour",
    ".o_breadcrumb .active:contains(Awaiting my sign-off and late)",
    ".o_list_view .o_data_row",
    "chair-home"
);
landingTour(
    "scr_reviewer_home_tour",
    ".o_breadcrumb .active:contains(My reviews' milestones)",
    ".o_list_view .o_data_row:contains(Complete the review)",
    "reviewer-home"
);
landingTour("scr_agency_home_tour", ".o_portal_my_home", ".o_portal_my_home .o_portal_index_card", "agency-home");
