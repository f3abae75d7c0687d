import { registry } from "@web/core/registry";

/** Put a small PDF in a file input, as a user picking it would. */
function attachPdf(input, name) {
    const transfer = new DataTransfer();
    transfer.items.add(new File(["%PDF-1.4 evidence"], name, { type: "application/pdf" }));
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
