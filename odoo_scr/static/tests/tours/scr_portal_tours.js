import { registry } from "@web/core/registry";

/** Put a PDF in a file input, as a user picking it would: a small one, or one of ``mb`` MB. */
function attachPdf(input, name, mb = 0) {
    const content = mb ? new Uint8Array(mb * 1024 * 1024) : "%PDF-1.4 evidence";
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], name, { type: "application/pdf" }));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

/** An agency user reports progress on their action and uploads evidence. */
registry.category("web_tour.tours").add("scr_portal_action_update_tour", {
    url: "/my/scr/actions",
    steps: () => [
        {
            trigger: "a:contains(Police: flag missed appointments)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "textarea[name=note]",
            run: "edit Flag live on the police system since March",
        },
        {
            trigger: "input[name=progress]",
            run: "edit 80",
        },
        {
            trigger: "input[name=files]",
            run() {
                attachPdf(this.anchor, "audit-report.pdf");
            },
        },
        {
            trigger: ".o_scr_post_update",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The update is confirmed",
            trigger: ".o_scr_message:contains(Your update has been saved)",
        },
        {
            trigger: ".o_scr_evidence a:contains(audit-report.pdf)",
        },
        {
            trigger: ".o_scr_updates li:contains(Flag live on the police system)",
        },
    ],
});

/** The agency's senior officer signs its actions off. */
registry.category("web_tour.tours").add("scr_portal_sign_off_tour", {
    url: "/my/scr/actions?filterby=sign_off",
    steps: () => [
        {
            trigger: "a:contains(Police: flag missed appointments)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The officer confirms what the page lists",
            trigger: ".o_scr_to_sign li:contains(Police: flag missed appointments)",
        },
        {
            trigger: "#scr_confirm_sign",
            run: "click",
        },
        {
            trigger: ".o_scr_sign_off",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The sign-off is confirmed",
            trigger: ".o_scr_message:contains(You signed off)",
        },
        {
            trigger: "p:contains(Signed off by)",
        },
    ],
});

/** An agency refers a case to the partnership. */
registry.category("web_tour.tours").add("scr_portal_referral_tour", {
    url: "/my/scr/referral",
    steps: () => [
        {
            trigger: "input[name=child_alias]",
            run: "edit Child T",
        },
        {
            trigger: "input[name=incident_date]",
            run() {
                this.anchor.value = "2026-03-01";
            },
        },
        {
            trigger: "textarea[name=summary]",
            run: "edit Admitted with a head injury; the family was known to three agencies.",
        },
        {
            trigger: ".o_scr_referral_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The referral is acknowledged",
            trigger: ".o_scr_message:contains(has been sent to the partnership)",
        },
    ],
});

/** Fail the tour unless ``element``'s text is a date written dd/mm/yyyy (English (UK)). */
function assertUkDate(element) {
    const text = element.textContent.trim();
    if (!/^\d{2}\/\d{2}\/\d{4}$/.test(text)) {
        throw new Error(`"${text}" is not a date written dd/mm/yyyy`);
    }
}

/**
 * The demo's health contact (Jo Baxter, senior officer of the ICB) from the portal's
 * home: the tile counts the two actions to sign; the list opens on them; she signs
 * both after reading what she signs, then answers the partnership's information
 * request with a chronology (a scan over the upload limit is refused on the form
 * first) and writes to the partnership about it.
 */
registry.category("web_tour.tours").add("scr_portal_agency_tour", {
    url: "/my/home",
    steps: () => [
        {
            content: "The home tile counts the actions to do",
            trigger: ".o_portal_index_card:has(a[href='/my/scr/actions']) [data-placeholder_count=scr_action_count]:contains(2)",
        },
        {
            trigger: ".o_portal_index_card a[href='/my/scr/actions']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The list opens on what to do now: two actions to sign",
            trigger: ".o_scr_action_summary a:contains(To sign) .badge:contains(2)",
        },
        {
            trigger: ".o_scr_action_row:contains(Toxic trio routine enquiry) .badge:contains(To sign)",
        },
        {
            content: "Due dates read dd/mm/yyyy",
            trigger: ".o_scr_action_row:contains(Toxic trio routine enquiry) .o_scr_due",
            run() {
                assertUkDate(this.anchor);
            },
        },
        {
            trigger: "a:contains(Was-not-brought policy)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "What will be signed is listed",
            trigger: ".o_scr_to_sign li:contains(Toxic trio routine enquiry)",
        },
        {
            trigger: ".o_scr_to_sign li:contains(Was-not-brought policy)",
        },
        {
            trigger: "#scr_confirm_sign",
            run: "click",
        },
        {
            trigger: ".o_scr_sign_off",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Signed: the page says so and the button is gone",
            trigger: ".o_scr_message:contains(You signed off 2 action(s))",
        },
        {
            trigger: ".o_scr_signed:contains(Signed off by Jo Baxter)",
        },
        {
            trigger: "body:not(:has(.o_scr_sign_off))",
        },
        {
            trigger: ".o_scr_due_date",
            run() {
                assertUkDate(this.anchor);
            },
        },
        {
            trigger: ".breadcrumb a[href='/my/home']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Nothing left to sign; one information request to answer",
            trigger: ".o_portal_index_card:has(a[href='/my/scr/requests']) [data-placeholder_count=scr_info_request_count]:contains(1)",
        },
        {
            trigger: ".o_portal_index_card a[href='/my/scr/requests']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_scr_request_row a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_scr_due_date",
            run() {
                assertUkDate(this.anchor);
            },
        },
        {
            content: "A scan over the limit is refused on the form, before it is sent",
            trigger: "input[name=files]",
            run() {
                attachPdf(this.anchor, "scan.pdf", 1.5);
            },
        },
        {
            trigger: ".o_scr_upload_error:contains(scan.pdf is 1.5 MB: the limit is 1 MB)",
        },
        {
            trigger: ".o_scr_request_submit",
            run: "click",
        },
        {
            content: "Nothing was sent: the refusal stays on the form",
            trigger: "body:not(:has(.o_scr_message)) .o_scr_upload_error:not(.d-none)",
        },
        {
            trigger: "input[name=files]",
            run() {
                attachPdf(this.anchor, "health-chronology.pdf");
            },
        },
        {
            content: "A file within the limit clears the refusal",
            trigger: "body:not(:has(.o_scr_upload_error:not(.d-none)))",
        },
        {
            trigger: ".o_scr_request_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The agency sees what it sent, and when",
            trigger: ".o_scr_message:contains(Submitted to the partnership)",
        },
        {
            trigger: ".o_scr_submission a:contains(health-chronology.pdf)",
        },
        {
            trigger: ".o_scr_submission .o_scr_sent_on",
            run() {
                assertUkDate(this.anchor);
            },
        },
        {
            content: "A message to the partnership about the request",
            trigger: ".o_scr_conversation #chatterRoot:shadow .o-mail-Composer-input",
            run: "edit The chronology covers the health visiting and GP contacts.",
        },
        {
            trigger: ".o_scr_conversation #chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger: ".o_scr_conversation #chatterRoot:shadow .o-mail-Message:contains(The chronology covers the health visiting)",
        },
    ],
});
